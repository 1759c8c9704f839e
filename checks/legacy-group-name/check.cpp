// Legacy group names (kube-master, kube-node, k8s-cluster, calico-rr, no-floating): hosts in
// a name the targeted release no longer maps silently miss their canonical group.
// Doc: check.md. Upstream: roles/dynamic_groups/tasks/main.yml (kubernetes-sigs/kubespray)
#include "kubegate/check.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Group& g : c.groups) {
    if (g.legacy_of.empty()) continue;
    std::vector<std::string> missing;
    for (const Node& n : c.nodes)
      if (n.in_group(g.name) && !n.in_group(g.legacy_of)) missing.push_back(n.name);
    if (!g.legacy_mapped && !missing.empty()) {
      std::string hosts;
      for (std::size_t i = 0; i < missing.size() && i < 5; ++i) hosts += (i ? ", " : "") + missing[i];
      if (missing.size() > 5) hosts += fmt::format(" and {} more", missing.size() - 5);
      r.report(g.loc, fmt::format("Kubespray {} no longer maps the legacy group \"{}\" onto \"{}\": {} will not be in "
                                  "{} and the plays and group_vars for {} skip them",
                                  c.release.version, g.name, g.legacy_of, hosts, g.legacy_of, g.legacy_of))
          .fix(fmt::format("rename the group to \"{}\" (and group_vars/{} to group_vars/{})", g.legacy_of, g.name,
                           g.legacy_of));
      continue;
    }
    r.report(g.loc, Severity::info,
             fmt::format("\"{}\" is the legacy spelling of \"{}\"{}", g.name, g.legacy_of,
                         g.legacy_mapped ? fmt::format("; Kubespray {} still maps it", c.release.version) : ""))
        .fix(fmt::format("rename the group to \"{}\" (and group_vars/{} to group_vars/{})", g.legacy_of, g.name,
                         g.legacy_of));
  }
}

const CheckRegistration reg{{"legacy-group-name", Severity::error,
                             "legacy group names the targeted Kubespray release no longer maps", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
