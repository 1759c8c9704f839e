// kube-up reads its variables through `${NAME:-default}`: helpers for checks and the loader.
#pragma once

#include <string_view>

#include "kubegate/model.hpp"

namespace kubegate {

/// The Windows node count when NUM_WINDOWS_NODES (`windows`) asks for Windows nodes, else nullopt.
inline std::optional<std::int64_t> windows_node_count(const Setting& windows) {
  auto n = windows.integer();
  return n && *n > 0 ? n : std::nullopt;
}

/// The setting kube-up uses for `name`: the env file's value, or kube-up's default when the file
/// leaves it unset or sets it empty (`${NAME:-default}`).
inline Setting kubeup_setting(const Cluster& c, std::string_view name) {
  Setting s = c.settings.get(name);
  if (!s || s.is_default() || s.value.kind != Value::Kind::string || !s.value.text.empty()) return s;
  const Definition* fallback = s.overridden.empty() ? nullptr : s.overridden.back();
  if (!fallback || fallback->layer != Layer::release_default) return s;
  Setting d;
  d.name = s.name;
  d.definition = fallback;
  d.value = fallback->value;
  return d;
}

/// The setting cluster/gce/config-default.sh takes MASTER_OS_DISTRIBUTION (`master`) or
/// NODE_OS_DISTRIBUTION from: KUBE_MASTER_OS_DISTRIBUTION / KUBE_NODE_OS_DISTRIBUTION when set
/// and not empty, else KUBE_OS_DISTRIBUTION (default gci).
inline Setting kubeup_os_distribution(const Cluster& c, bool master) {
  Setting own = c.settings.get(master ? "KUBE_MASTER_OS_DISTRIBUTION" : "KUBE_NODE_OS_DISTRIBUTION");
  if (own && (own.value.is_unknown() || !own.value.text.empty())) return own;
  return kubeup_setting(c, "KUBE_OS_DISTRIBUTION");
}

/// True when the env file itself sets `name` (not kube-up's default).
inline bool kubeup_set_in_file(const Setting& s) { return s && !s.is_default(); }

}  // namespace kubegate
