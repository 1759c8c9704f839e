// An even number of RKE2 servers running embedded etcd (2, 4): quorum is n/2+1, so 2 servers
// survive no failure and 4 survive one, no more than 1 and 3. Doc: check.md
// Upstream: https://docs.rke2.io/install/ha ("an odd number (three recommended) of server nodes"),
// https://etcd.io/docs/v3.5/faq/
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"
#include "lib/etcd_quorum.hpp"

namespace kubegate {
namespace {

/// Reports the servers of an inventory when an even number of them run an etcd member.
void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  // Only an inventory lists every server; one config.yaml in a folder may stand for many.
  if (c.groups.empty()) return;
  std::vector<const Node*> members;
  for (const Node& n : c.nodes) {
    if (!rke2_server(n)) continue;
    const Rke2Node node(n);
    if (Setting ds = node.datastore_endpoint(); ds && !ds.is_default()) return;  // kine, no etcd
    Setting off = node.disable_etcd();
    if (off && off.value.is_unknown()) return;
    if (off.truth() == true) continue;  // a control-plane-only server
    members.push_back(&n);
  }
  const std::size_t n = members.size();
  if (n == 0 || n % 2 != 0) return;
  auto f = r.report(members.front()->loc,
                    fmt::format("{} RKE2 servers run an embedded etcd member each: {}, and one failure more leaves "
                                "the API server without etcd",
                                n, etcd_quorum_text(n)));
  for (const Node* m : members) f.related(m->loc, fmt::format("server \"{}\"", m->name));
  f.fix(fmt::format("run an odd number of servers ({} or {}): make one an agent, or add a server", n - 1, n + 1));
}

const CheckRegistration reg{{"rke2-even-servers", Severity::warning,
                             "an even number of RKE2 etcd servers tolerates no more failures than one fewer", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
