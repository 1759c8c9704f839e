// `rke2 agent` skips server-only keys (cni, tls-san, cluster-cidr, disable, ...): set on an
// agent, they do nothing, and a setting meant for the cluster is missing from the servers.
// Doc: check.md. Upstream: k3s-io/k3s pkg/configfilearg (stripInvalidFlags)
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Rke2Facts& facts = ctx.knowledge.rke2();
  for (const Node& n : c.nodes) {
    if (rke2_server(n) || !n.has(role_worker)) continue;
    for (const std::string& name : n.vars.names()) {
      Setting s = n.vars.get(name);
      if (!s || s.is_default() || !facts.server_only.count(name)) continue;
      r.report(s.loc(), fmt::format("\"{}\" is a server-only key and \"{}\" is an agent: rke2 agent skips it", name,
                                    n.name))
          .fix(fmt::format("set {} on the servers and remove it from the agent's configuration", name));
    }
  }
}

const CheckRegistration reg{{"rke2-server-key-on-agent", Severity::warning,
                             "server-only keys in an agent's configuration, which the agent skips", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
