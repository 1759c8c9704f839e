// Inventory host names must be lower-case RFC 1123 DNS names: Kubespray uses them as node
// names and stops in preinstall otherwise. Doc: check.md
// Upstream: roles/kubernetes/preinstall/tasks/0040-verify-settings.yml (kubernetes-sigs/kubespray)
#include "kubegate/check.hpp"
#include "lib/kubernetes_names.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Node& n : c.nodes) {
    if (is_dns1123_subdomain(n.name)) continue;
    r.report(n.loc, fmt::format("host name \"{}\" is not a lower-case RFC 1123 name: Kubespray stops in preinstall "
                                "(\"Hostname must consist of lower case alphanumeric characters\") and Kubernetes "
                                "would reject it as a node name",
                                n.name))
        .fix("rename the host using only a-z, 0-9, '-' and '.' (each label starting and ending with a letter or "
             "digit), and rename its host_vars file to match; keep the address in ansible_host");
  }
}

const CheckRegistration reg{{"inventory-hostname-rfc1123", Severity::error,
                             "inventory host names must be lower-case RFC 1123 DNS names", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
