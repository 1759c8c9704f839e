// RKE2 runs only `rke2 agent` on Windows: a Windows node given the server role, and the
// Linux-only keys profile, selinux and protect-kernel-defaults on a Windows agent.
// Doc: check.md. Upstream: rke2-docs install/quickstart.md, windows_agent_config.md
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Rke2Facts& facts = ctx.knowledge.rke2();
  for (const Node& n : c.nodes) {
    if (n.os != Os::windows) continue;
    if (rke2_server(n)) {
      r.report(n.loc, fmt::format("\"{}\" is a Windows node ({}) with the server role: RKE2 has no server on "
                                  "Windows, install.ps1 installs agents only",
                                  n.name, n.os_reason))
          .related(n.os_at, fmt::format("this makes \"{}\" a Windows node", n.name))
          .fix("run the servers on Linux and join this node as an agent (`server:` and `token` in its config.yaml)");
      continue;
    }
    for (const std::string& key : facts.windows_ignored_keys) {
      Setting s = n.vars.get(key);
      if (!s || s.is_default() || s.value.is_unknown()) continue;
      if (s.value.kind == Value::Kind::boolean && !s.value.boolean) continue;
      r.report(s.loc(), Severity::warning,
               fmt::format("{} does nothing on Windows node \"{}\" ({})", key, n.name, n.os_reason))
          .related(n.os_at, fmt::format("this makes \"{}\" a Windows node", n.name))
          .fix(fmt::format("remove {} from the Windows node's configuration", key));
    }
  }
}

const CheckRegistration reg{{"rke2-windows-server", Severity::error,
                             "a Windows node as an RKE2 server, or Linux-only keys on a Windows agent", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
