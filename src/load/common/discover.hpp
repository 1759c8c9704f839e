// Finds the inventories a user means by the paths on the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"

namespace kubegate {

/// One inventory folder and the hosts files in it (each is linted as its own inventory); no
/// hosts file means a folder of group_vars/ whose hosts come from elsewhere.
struct InventoryDir {
  std::string dir;
  std::vector<std::string> hosts_files;
  /// The platform the folder is written for (an Ansible inventory is decided by its hosts file).
  Platform platform = Platform::kubespray;
  /// RKE2: the node folders (the folder itself for one node's folder, its subfolders for a cluster folder).
  std::vector<std::string> rke2_nodes;
};

/// True when a file is a kube-up env file: by name (kube-up.env, cluster.env, kubeup.env), a
/// `*.env` that assigns a kube-up variable, or one that assigns two (any file when `any_name`,
/// else only *.sh and *.bash).
bool looks_like_kubeup_env(const Knowledge& k, const std::string& path, bool any_name);

/// Maps paths (a folder, a hosts file, a file inside group_vars/ or host_vars/; none means
/// the current folder searched recursively) to inventories, each once, in a stable order.
/// `platform` forces how the paths are read (kube-up: every file given is an env file, folders
/// are searched for env files only); nullopt detects it.
std::vector<InventoryDir> find_inventories(const Knowledge& k, const std::vector<std::string>& paths, std::vector<LoadError>& errors,
                                           std::optional<Platform> platform = std::nullopt);

}  // namespace kubegate
