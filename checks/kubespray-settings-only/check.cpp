// An inventory whose hosts kubegate cannot know (no hosts file, a plugin configuration, a hosts
// file that lists no host) or that is not a Kubespray cluster (none of its groups): its
// settings are linted, its hosts and groups are not; this says so once. Doc: check.md
#include <fmt/format.h>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// Reports an inventory linted without its topology, and why.
void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  if (c.topology_unknown_why.empty() || !c.anchor.known()) return;
  r.report(c.anchor, fmt::format("linted for its settings only: {}; nothing about its hosts and groups is judged",
                                 c.topology_unknown_why))
      .fix("lint the inventory that lists the cluster's hosts (for a dynamic inventory, its output saved with "
           "`ansible-inventory -i SOURCE --list -y`) to have its topology judged too");
}

const CheckRegistration reg{{"kubespray-settings-only", Severity::info,
                             "an inventory that tells no Kubespray topology is linted for its settings only",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
