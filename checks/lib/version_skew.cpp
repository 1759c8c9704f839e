#include "version_skew.hpp"

#include <map>
#include <optional>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// How far a kubelet of `kubelet_from` or later may be behind kube-apiserver.
struct OlderMinors {
  std::string kubelet_from;
  int minors = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OlderMinors, kubelet_from, minors)

/// schemas/kubelet/version-skew.json.
struct Skew {
  /// Newest first.
  std::vector<OlderMinors> kubelet_older_minors;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Skew, kubelet_older_minors)

/// The minors a kubelet at `v` may be behind kube-apiserver; nullopt when the data has no row.
std::optional<int> allowed_older(const Skew& s, const KubeVersion& v) {
  for (const OlderMinors& row : s.kubelet_older_minors)
    if (auto from = parse_kube_version(row.kubelet_from); from && v.minor_version() >= from->minor_version())
      return row.minors;
  return std::nullopt;
}

/// Where a finding about `k` points: its own version setting when the configuration writes it there.
SourceLoc where(const Kubelet& k, const Kubelet& other) {
  if (k.set_at.known()) return k.set_at;
  if (other.set_at.known()) return other.set_at;
  return k.node->loc;
}

/// "host \"a\"" or "host \"a\" and 3 more".
std::string hosts_text(const std::vector<const Kubelet*>& ks) {
  return ks.size() == 1 ? fmt::format("host \"{}\"", ks.front()->node->name)
                        : fmt::format("host \"{}\" and {} more", ks.front()->node->name, ks.size() - 1);
}

}  // namespace

void report_version_skew(const CheckContext& ctx, Reporter& r, const std::vector<Kubelet>& kubelets,
                         const SkewFixes& fixes) {
  const Skew* skew = ctx.knowledge.read<Skew>("schemas/kubelet/version-skew.json");
  if (!skew) return;
  const Kubelet* oldest_api = nullptr;
  const Kubelet* newest_api = nullptr;
  for (const Kubelet& k : kubelets) {
    if (!k.node->has(role_control_plane)) continue;
    if (!oldest_api || k.parsed.minor_version() < oldest_api->parsed.minor_version()) oldest_api = &k;
    if (!newest_api || k.parsed.minor_version() > newest_api->parsed.minor_version()) newest_api = &k;
  }
  if (!oldest_api) return;
  // One finding per place that sets the offending version (a group's file covers many hosts).
  using Place = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;
  using ByPlace = std::map<Place, std::pair<SourceLoc, std::vector<const Kubelet*>>>;
  ByPlace newer, older;
  const auto add = [](ByPlace& into, SourceLoc at, const Kubelet& k) {
    auto& [loc, ks] = into[{at.file, at.line, at.column}];
    loc = at;
    ks.push_back(&k);
  };
  const KubeMinor api = newest_api->parsed.minor_version();
  for (const Kubelet& k : kubelets) {
    const KubeMinor minor = k.parsed.minor_version();
    if (minor > oldest_api->parsed.minor_version()) add(newer, where(k, *oldest_api), k);
    const std::optional<int> allowed = allowed_older(*skew, k.parsed);
    if (allowed && minor.major == api.major && api.minor - minor.minor > *allowed) add(older, where(k, *newest_api), k);
  }
  for (const auto& [unused, found] : newer) {
    const auto& [loc, ks] = found;
    const Kubelet& k = *ks.front();
    auto f =
        r.report(loc, fmt::format("{} install{} kubelet {} ({} \"{}\"), newer than kube-apiserver {} on "
                                  "control-plane host \"{}\": the version skew policy forbids a kubelet newer "
                                  "than any kube-apiserver it talks to",
                                  hosts_text(ks), ks.size() == 1 ? "s" : "", k.parsed.minor_version().str(), k.variable,
                                  k.text, oldest_api->parsed.minor_version().str(), oldest_api->node->name));
    f.related(oldest_api->set_at, fmt::format("{} of \"{}\" set here", oldest_api->variable, oldest_api->node->name));
    for (const Kubelet* each : ks) f.related(each->node->loc, fmt::format("host \"{}\"", each->node->name));
    f.fix(fixes.newer);
  }
  for (const auto& [unused, found] : older) {
    const auto& [loc, ks] = found;
    const Kubelet& k = *ks.front();
    const int allowed = allowed_older(*skew, k.parsed).value_or(0);
    auto f = r.report(
        loc, fmt::format("{} install{} kubelet {} ({} \"{}\"), {} minors behind kube-apiserver "
                         "{} on control-plane host \"{}\": the version skew policy allows a kubelet {} "
                         "at most {} minors behind",
                         hosts_text(ks), ks.size() == 1 ? "s" : "", k.parsed.minor_version().str(), k.variable, k.text,
                         newest_api->parsed.minor - k.parsed.minor, newest_api->parsed.minor_version().str(),
                         newest_api->node->name, k.parsed.minor_version().str(), allowed));
    f.related(newest_api->set_at, fmt::format("{} of \"{}\" set here", newest_api->variable, newest_api->node->name));
    for (const Kubelet* each : ks) f.related(each->node->loc, fmt::format("host \"{}\"", each->node->name));
    f.fix(fixes.older);
  }
}

}  // namespace kubegate
