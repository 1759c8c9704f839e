// cilium_kube_proxy_replacement set to a value the configured cilium version rejects: cilium
// 1.13 dropped `probe`, 1.14 added `true`/`false`, 1.16 dropped `disabled`/`partial`/`strict`.
// Kubespray passes the value through as written (except v2.27, which turns it into true/false
// for cilium 1.16 and later), and the cilium agent then refuses to start. Which values each cilium
// version takes is data (schemas/cilium/kube-proxy-replacement.json). Doc: check.md
#include <algorithm>

#include <fmt/format.h>

#include "lib/network_plugin.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

/// True when `v` lies in [from, below) (an empty bound is open).
bool in_range(const Version& v, const std::string& from, const std::string& below) {
  auto lo = parse_version(from), hi = parse_version(below);
  return (from.empty() || (lo && v >= *lo)) && (below.empty() || (hi && v < *hi));
}

/// The value as cilium reads it: YAML booleans and their spellings in lower case.
std::string as_cilium_reads(const Setting& s) {
  std::string text = s.text().value_or("");
  if (s.value.kind == Value::Kind::boolean) std::transform(text.begin(), text.end(), text.begin(), ::tolower);
  return text;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const CiliumRules& rules = network_plugin_rules(ctx).cilium;
  const CiliumKprTable* kpr_values = ctx.knowledge.read<CiliumKprTable>("schemas/cilium/kube-proxy-replacement.json");
  if (rules.file.empty() || !kpr_values || kpr_values->ranges.empty() || !plugin_role_runs(c, "cilium")) return;
  const Setting& kpr = c.kubespray.cilium_kube_proxy_replacement, &version = c.kubespray.cilium_version;
  if (!kpr.text() || !version.text() || (kpr.is_default() && version.is_default())) return;
  // The release's default cilium is only a guess unless the user named the release.
  if (version.is_default() && !c.release.own_asserts) return;
  auto v = parse_version(*version.text());
  if (!v) return;
  if (auto from = parse_version(rules.kpr_boolean_from); from && *v >= *from) return;  // mapped to true/false
  const std::string value = as_cilium_reads(kpr);
  for (const CiliumKprValues& range : kpr_values->ranges) {
    if (!in_range(*v, range.from, range.below)) continue;
    if (std::find(range.values.begin(), range.values.end(), value) != range.values.end()) return;
    r.report(kpr.is_default() ? version.loc() : kpr.loc(),
             fmt::format("cilium_kube_proxy_replacement is \"{}\"{} but cilium {}{} accepts only {}: Kubespray {} "
                         "passes it to the cilium agent, which refuses to start ({})",
                         value, kpr.is_default() ? " (the release default)" : "", *version.text(),
                         version.is_default() ? " (the release default)" : "", plugin_quoted_list(range.values),
                         c.release.version, range.source))
        .related(version.user_loc(), "cilium_version set here")
        .related(kpr.user_loc(), "cilium_kube_proxy_replacement set here")
        .fix(fmt::format("set cilium_kube_proxy_replacement to one of {}", plugin_quoted_list(range.values)));
    return;
  }
}

const CheckRegistration reg{{"cilium-kube-proxy-replacement", Severity::error,
                             "cilium_kube_proxy_replacement the configured cilium version rejects", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
