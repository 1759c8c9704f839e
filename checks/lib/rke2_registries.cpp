#include "lib/rke2_registries.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/version.hpp"

namespace kubegate {

namespace {

/// The block `checks.rke2-windows-registry-configs` of schemas/rke2/releases.json.
struct Fixes {
  /// Per minor ("1.30"), the first release whose Windows agents read the configs.
  std::map<std::string, std::string> fixed;
  /// The first minor fixed from its first release on.
  std::string fixed_from_minor;
  /// The first release that has the bug.
  std::string oldest_affected;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Fixes, fixed, fixed_from_minor, oldest_affected)

constexpr std::string_view kOwner = "rke2-windows-registry-configs";

}  // namespace

std::optional<bool> windows_registry_configs_ignored(const CheckContext& ctx) {
  const Fixes* d = ctx.data<Fixes>(kOwner);
  const std::string& text = ctx.cluster.release.version;
  auto v = parse_version(text);
  if (!d || !v) return std::nullopt;
  const std::size_t dots = std::count(text.begin(), text.begin() + std::min(text.find('+'), text.size()), '.');
  if (auto it = d->fixed.find(fmt::format("{}.{}", v->major, v->minor)); it != d->fixed.end()) {
    if (dots < 2) return std::nullopt;  // "v1.30": which patch release decides
    return *v < *parse_version(it->second);
  }
  if (auto from = parse_version(d->fixed_from_minor); from && *v >= *from) return false;
  if (auto oldest = parse_version(d->oldest_affected); oldest && *v >= *oldest) return true;
  return std::nullopt;
}

std::string windows_registry_fixed_releases(const CheckContext& ctx) {
  std::string out;
  if (const Fixes* d = ctx.data<Fixes>(kOwner))
    for (const auto& [minor, fixed] : d->fixed) out += (out.empty() ? "v" : ", v") + fixed;
  return out;
}

}  // namespace kubegate
