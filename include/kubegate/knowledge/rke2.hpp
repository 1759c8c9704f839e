// What RKE2 accepts in config.yaml and what it refuses, read from schemas/rke2/flags.json (see
// schemas/rke2/README.md for the upstream source and commit). Knowledge, handed to loaders and checks.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kubegate {

/// What RKE2 accepts in config.yaml and what it refuses, as data.
struct Rke2Facts {
  /// Keys both `rke2 server` and `rke2 agent` accept.
  std::set<std::string, std::less<>> common;
  /// Keys only `rke2 server` accepts (an agent logs and skips them).
  std::set<std::string, std::less<>> server_only;
  /// Keys an agent still accepts but ignores (system-default-registry).
  std::set<std::string, std::less<>> agent_hidden;
  /// k3s keys RKE2 does not have (skipped with a warning).
  std::set<std::string, std::less<>> k3s_only;
  /// Keys that must be identical on every server, or a joining server fails.
  std::vector<std::string> must_match_on_servers;
  /// Valid `cni` values besides none and multus.
  std::vector<std::string> cni;
  /// The `cni` RKE2 deploys when none is given.
  std::string cni_default;
  /// CNIs that support Windows nodes.
  std::vector<std::string> windows_cni;
  /// Valid `profile` values.
  std::vector<std::string> profiles;
  /// Profile values of earlier releases, with what happened to them.
  std::map<std::string, std::string, std::less<>> legacy_profiles;
  /// The first Kubernetes minor ("1.30") whose RKE2 release refuses each legacy profile.
  std::map<std::string, std::string, std::less<>> legacy_profiles_refused_from;
  /// Per Kubernetes minor ("1.30"), the first release ("1.30.3") whose server refuses an
  /// `ingress-controller` value it does not list, and the values it lists (besides none).
  struct IngressValidation {
    std::string minor, from;
    std::vector<std::string> values;
  };
  std::vector<IngressValidation> ingress_controller_validated;
  /// The first minor whose `system-default-registry` may carry a path after the host.
  std::string system_default_registry_path_from;
  /// Components and charts `disable:` can name.
  std::vector<std::string> disable_items;
  /// Keys that do nothing on a Windows agent.
  std::vector<std::string> windows_ignored_keys;
  /// The supervisor port agents and joining servers register with.
  int supervisor_port = 9345;
  /// The Kubernetes API server port.
  int apiserver_port = 6443;

  /// True when server or agent accepts `key`.
  bool known(std::string_view key) const;
  /// Accepted keys close to `key` (edit distance, `_` for `-`), best first, at most 3.
  std::vector<std::string> suggest(std::string_view key) const;

  /// Reads facts in the format of schemas/rke2/flags.json; throws nlohmann::json::exception.
  static Rke2Facts parse(std::string_view json);
};

}  // namespace kubegate
