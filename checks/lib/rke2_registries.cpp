#include "lib/rke2_registries.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/version.hpp"

namespace kubegate {

namespace {

/// What schemas/rke2/releases.json says of rancher/rke2#7103.
struct Fixes {
  /// Per minor ("1.30"), the first release whose Windows agents read the configs.
  std::map<std::string, std::string> windows_registry_config_fixed;
  /// The first minor fixed from its first release on.
  std::string windows_registry_config_fixed_from_minor;
  /// The first release that has the bug.
  std::string windows_registry_config_oldest_affected;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Fixes, windows_registry_config_fixed,
                                                windows_registry_config_fixed_from_minor,
                                                windows_registry_config_oldest_affected)

}  // namespace

std::optional<bool> windows_registry_configs_ignored(const CheckContext& ctx) {
  const Fixes* d = ctx.release_data<Fixes>();
  const std::string& text = ctx.cluster.release.version;
  auto v = parse_version(text);
  if (!d || !v) return std::nullopt;
  const std::size_t dots = std::count(text.begin(), text.begin() + std::min(text.find('+'), text.size()), '.');
  if (auto it = d->windows_registry_config_fixed.find(fmt::format("{}.{}", v->major, v->minor));
      it != d->windows_registry_config_fixed.end()) {
    if (dots < 2) return std::nullopt;  // "v1.30": which patch release decides
    return *v < *parse_version(it->second);
  }
  if (auto from = parse_version(d->windows_registry_config_fixed_from_minor); from && *v >= *from) return false;
  if (auto oldest = parse_version(d->windows_registry_config_oldest_affected); oldest && *v >= *oldest) return true;
  return std::nullopt;
}

std::string windows_registry_fixed_releases(const CheckContext& ctx) {
  std::string out;
  if (const Fixes* d = ctx.release_data<Fixes>())
    for (const auto& [minor, fixed] : d->windows_registry_config_fixed) out += (out.empty() ? "v" : ", v") + fixed;
  return out;
}

}  // namespace kubegate
