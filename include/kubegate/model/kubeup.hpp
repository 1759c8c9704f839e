// kube-up's own settings, as fields, and how kube-up reads a variable (`${NAME:-default}`).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "kubegate/model/settings.hpp"

namespace kubegate {

/// kube-up settings of the env file, as kube-up's scripts read them; filled once at load time.
struct KubeupFacts {
  /// Linux and Windows node counts.
  Setting num_nodes;
  Setting num_windows_nodes;
  /// GCE IP aliases (VPC-native pod addresses).
  Setting kube_gce_enable_ip_aliases;
  /// The OS images of the control plane and of the Linux nodes (config-default.sh's fallbacks).
  Setting master_os_distribution;
  Setting node_os_distribution;
  Setting windows_node_os_distribution;
  /// The platform and URL of the node binaries kube-up stages.
  Setting kubernetes_node_platform;
  Setting node_binary_tar_url;
  Setting max_pods_per_node;
};

/// The facts of an env file from its scope (kube-up's defaults under the file's assignments).
KubeupFacts kubeup_facts(const Scope& vars);

/// The setting kube-up uses for `name`: the env file's value, or kube-up's default when the file
/// leaves it unset or sets it empty (`${NAME:-default}`).
Setting kubeup_setting(const Scope& vars, std::string_view name);

/// The Windows node count when NUM_WINDOWS_NODES (`windows`) asks for Windows nodes, else nullopt.
inline std::optional<std::int64_t> windows_node_count(const Setting& windows) {
  auto n = windows.integer();
  return n && *n > 0 ? n : std::nullopt;
}

/// True when the env file itself sets `name` (not kube-up's default).
inline bool kubeup_set_in_file(const Setting& s) { return s && !s.is_default(); }

}  // namespace kubegate
