// kubeadm's own feature gates by Kubernetes minor (schemas/kubeadm/feature-gates.json), read by
// kubeadm-feature-gate-unknown and by feature-gate-unknown's fix for a kubeadm gate put in a
// component list.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kubegate/version.hpp"

namespace kubegate {

/// The document the gates are read from.
inline constexpr std::string_view kKubeadmGatesDocument = "schemas/kubeadm/feature-gates.json";

/// One kubeadm gate's life.
struct KubeadmGate {
  std::string name;
  /// The first minor whose kubeadm knows the gate.
  KubeMinor added;
  /// The first minor whose kubeadm rejects it again; nullopt while current.
  std::optional<KubeMinor> removed;

  /// kubeadm of minor `v` knows the gate.
  bool known_at(KubeMinor v) const { return added <= v && (!removed || v < *removed); }
};

/// Every kubeadm gate, and the newest minor whose list was read whole.
struct KubeadmGates {
  KubeMinor horizon;
  std::vector<KubeadmGate> gates;

  /// The gate called `name` (exact, as kubeadm compares), or nullptr.
  const KubeadmGate* find(std::string_view name) const;
  /// The gate known at `v` that `name` is a slip of (other case, or one edit away), or nullptr.
  const KubeadmGate* near(std::string_view name, KubeMinor v) const;
};

void from_json(const nlohmann::json& j, KubeadmGates& out);

}  // namespace kubegate
