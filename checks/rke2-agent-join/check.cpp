// An agent registers with the supervisor at https://host:9345 and needs the cluster token:
// a `server:` without scheme, with the API server port 6443 or another port, or no token,
// and the agent never joins. Doc: check.md
// Upstream: rancher/rke2#165, #3275, #5651, #3901
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
    Setting server = Rke2Node(n).server();
    if (!server) {
      r.report(n.loc, fmt::format("agent \"{}\" has no `server:`: rke2 agent does not know where to register", n.name))
          .fix(fmt::format("set `server: https://<first server>:{}`", facts.supervisor_port));
    } else if (auto url = server.text(); url && !server.value.is_unknown()) {
      std::string_view u = *url;
      const std::string fix = fmt::format("write `server: https://<host>:{}` (the supervisor port)", facts.supervisor_port);
      if (u.rfind("https://", 0) != 0) {
        r.report(server.loc(), fmt::format("agent \"{}\" server \"{}\" is not an https:// URL: the agent cannot "
                                           "fetch the cluster CA and never registers",
                                           n.name, *url))
            .fix(fix);
      } else {
        std::string_view rest = u.substr(8);
        rest = rest.substr(0, rest.find('/'));
        std::size_t colon = rest.rfind(':');
        std::size_t bracket = rest.rfind(']');
        std::string port = colon == std::string_view::npos || (bracket != std::string_view::npos && bracket > colon)
                               ? std::string()
                               : std::string(rest.substr(colon + 1));
        if (port != std::to_string(facts.supervisor_port)) {
          std::string why = port.empty() ? "has no port, so it goes to 443"
                            : port == std::to_string(facts.apiserver_port)
                                ? "names the Kubernetes API port, not the RKE2 supervisor"
                                : fmt::format("names port {}, not the supervisor port {}", port, facts.supervisor_port);
          r.report(server.loc(), fmt::format("agent \"{}\" server \"{}\" {}: the agent loops on \"failed to get CA "
                                             "certs\" and never joins",
                                             n.name, *url, why))
              .fix(fix);
        }
      }
    }
    if (!Rke2Node(n).token() && !Rke2Node(n).token_file())
      r.report(server ? server.loc() : n.loc,
               fmt::format("agent \"{}\" has neither token nor token-file: the supervisor refuses to register it", n.name))
          .fix("set `token:` (the server's /var/lib/rancher/rke2/server/node-token or agent-token) or `token-file:`");
  }
}

const CheckRegistration reg{{"rke2-agent-join", Severity::error,
                             "an agent without a reachable supervisor URL or a token", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
