// A joining node that reaches the servers through a name (a load balancer, a DNS name) needs
// that name in the servers' tls-san, or TLS fails with "x509: certificate is valid for ...".
// Doc: check.md. Upstream: rancher/rke2#852, #522; k3s-io/k3s#9257
#include <algorithm>

#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/net.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

/// The host of an https URL, without port; empty when it cannot be told.
std::string host_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  if (!rest.empty() && rest[0] == '[') return {};  // an IPv6 literal
  return std::string(rest.substr(0, rest.find(':')));
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  std::vector<const Node*> servers;
  for (const Node& n : c.nodes)
    if (rke2_server(n)) servers.push_back(&n);
  if (servers.empty()) return;
  // A server whose host name is not known (a config file, not a folder named after the machine)
  // may be the very name nodes join through, which its certificate holds.
  if (std::any_of(servers.begin(), servers.end(), [](const Node* s) { return !s->name_is_host; })) return;
  for (const Node& n : c.nodes) {
    Setting url = Rke2Node(n).server();
    auto text = url.text();
    if (!text || url.value.is_unknown()) continue;
    std::string host = host_of(*text);
    if (host.empty() || parse_ip(host) || host == "localhost") continue;
    // A server's own host name is in its certificate.
    if (std::any_of(servers.begin(), servers.end(), [&](const Node* s) { return s->name == host; })) continue;
    for (const Node* s : servers) {
      Setting san = Rke2Node(*s).tls_san();
      bool unknown = false, listed = false;
      for (const Value& v : rke2_items(san)) {
        if (v.is_unknown() || v.text.find("${") != std::string::npos) unknown = true;
        if (v.text == host) listed = true;
      }
      if (unknown || listed) continue;
      r.report(url.loc(), Severity::warning,
               fmt::format("\"{}\" joins through \"{}\", which is not in the tls-san of server \"{}\": if that name "
                           "reaches another server, TLS fails with \"x509: certificate is valid for ...\"",
                           n.name, host, s->name))
          .related(san ? san.loc() : s->loc, san ? "tls-san set here" : "server declared here")
          .fix(fmt::format("add \"{}\" to tls-san on every server", host));
      break;
    }
  }
}

const CheckRegistration reg{{"rke2-tls-san", Severity::warning,
                             "the name nodes join through is missing from the servers' tls-san", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
