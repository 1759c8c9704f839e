// Finds the inventories a user means by the paths on the command line.
#pragma once

#include <string>
#include <vector>

#include "kubegate/diagnostic.hpp"

namespace kubegate {

/// One inventory folder and the hosts files in it (each is linted as its own inventory); no
/// hosts file means a folder of group_vars/ whose hosts come from elsewhere.
struct InventoryDir {
  std::string dir;
  std::vector<std::string> hosts_files;
};

/// Maps paths (a folder, a hosts file, a file inside group_vars/ or host_vars/; none means
/// the current folder searched recursively) to inventories, each once, in a stable order.
std::vector<InventoryDir> find_inventories(const std::vector<std::string>& paths, std::vector<LoadError>& errors);

}  // namespace kubegate
