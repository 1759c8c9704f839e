// Inventory host names must be lower-case RFC 1123 DNS names: Kubespray uses them as node
// names and stops in preinstall otherwise. Doc: check.md
// Upstream: roles/kubernetes/preinstall/tasks/0040-verify-settings.yml (kubernetes-sigs/kubespray)
#include "kubegate/check.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

bool label_ok(std::string_view l) {
  if (l.empty() || l.size() > 63 || l.front() == '-' || l.back() == '-') return false;
  for (char ch : l)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return true;
}

bool rfc1123(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t pos = 0;
  while (true) {
    std::size_t dot = name.find('.', pos);
    if (!label_ok(name.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos))) return false;
    if (dot == std::string_view::npos) return true;
    pos = dot + 1;
  }
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Node& n : c.nodes) {
    if (rfc1123(n.name)) continue;
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
