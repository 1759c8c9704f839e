// The OS of kube-up's control plane and Linux nodes must be one cluster/gce/util.sh has helpers
// for; it stops with "Cannot operate on cluster using ... os distro" otherwise.
// Doc: check.md
// Upstream: kubernetes/kubernetes cluster/gce/util.sh, cluster/gce/config-default.sh (schemas/kubeup/values.json)
#include "kubegate/check.hpp"
#include "kubegate/model/kubeup.hpp"
#include "lib/kubeup_values.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (bool master : {true, false}) {
    const AllowedValues* allowed = kubeup_allowed_values(ctx, master ? "MASTER_OS_DISTRIBUTION" : "NODE_OS_DISTRIBUTION");
    if (!allowed) continue;
    const Setting& used = master ? c.kubeup.master_os_distribution : c.kubeup.node_os_distribution;
    auto value = used.text();
    if (!kubeup_set_in_file(used) || !value || kubeup_allows(*allowed, *value)) continue;
    std::string known;
    for (const std::string& v : allowed->values) known += (known.empty() ? "" : ", ") + v;
    r.report(used.loc(), fmt::format("{}={} makes \"{}\" the OS of the {}, which kube-up has no helpers for ({}): "
                                     "cluster/gce/util.sh stops with \"Cannot operate on cluster using {} os distro: "
                                     "{}\"",
                                     used.name, *value, *value, master ? "control plane" : "Linux nodes", known,
                                     master ? "master" : "node", *value))
        .fix(fmt::format("use one of {} (gci, Container-Optimized OS, is the default)", known));
  }
}

const CheckRegistration reg{{"kubeup-os-distribution", Severity::error,
                             "the control plane's or nodes' OS distribution is one kube-up cannot operate on", kKubeup},
                            run};

}  // namespace
}  // namespace kubegate
