// Keys that must be identical on every server (cluster-cidr, service-cidr, cluster-dns,
// cluster-domain, agent-token, token, ...): a joining server with another value fails with
// "critical configuration value mismatch". Doc: check.md
// Upstream: rke2-docs reference/server_config.md; k3s-io/k3s#3888, #4640
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

/// A comparable rendering of a value; nullopt when it cannot be told.
std::optional<std::string> canonical(const Setting& s) {
  if (!s) return std::string();
  if (s.value.kind == Value::Kind::secret) return s.value.text.empty() ? std::nullopt : std::optional(s.value.text);
  if (s.value.is_unknown()) return std::nullopt;
  std::string out;
  for (const Value& v : rke2_comma_items(s)) {
    if (v.is_unknown()) return std::nullopt;
    out += (out.empty() ? "" : ",") + (v.kind == Value::Kind::boolean ? std::string(v.boolean ? "true" : "false") : v.text);
  }
  return out;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Rke2Facts& facts = ctx.knowledge.rke2();
  std::vector<const Node*> servers;
  for (const Node& n : c.nodes)
    if (rke2_server(n)) servers.push_back(&n);
  if (servers.size() < 2) return;
  for (const std::string& key : facts.must_match_on_servers) {
    const Node* first = servers.front();
    Setting a = first->vars.get(key);
    auto va = canonical(a);
    if (!va) continue;
    for (std::size_t i = 1; i < servers.size(); ++i) {
      Setting b = servers[i]->vars.get(key);
      auto vb = canonical(b);
      if (!vb || *va == *vb) continue;
      const bool secret = a.value.kind == Value::Kind::secret || b.value.kind == Value::Kind::secret;
      if (secret && (va->empty() || vb->empty())) continue;  // the first server may generate it
      auto shown = [&](const Setting& s, const std::string& v) {
        return secret ? s.value.display() : v.empty() ? "unset" : "\"" + v + "\"";
      };
      const std::string shown_a = shown(a, *va), shown_b = shown(b, *vb);
      r.report(b ? b.loc() : servers[i]->loc,
               fmt::format("{} differs between servers \"{}\" ({}) and \"{}\" ({}): the joining server fails with a "
                           "critical configuration mismatch",
                           key, first->name, shown_a, servers[i]->name, shown_b))
          .related(a ? a.loc() : first->loc, fmt::format("{} of \"{}\"", key, first->name))
          .fix(fmt::format("give every server the same {}", key));
    }
  }
}

const CheckRegistration reg{{"rke2-server-mismatch", Severity::error,
                             "servers disagree on a key that must be identical on all of them", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
