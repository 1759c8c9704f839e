// The body of the hosts-file fuzz targets: load_hosts_file on `name` holding the input, then the
// group index and every host's variable tables, as the Kubespray and RKE2 loaders use them.
#pragma once

#include "fuzz_support.hpp"
#include "load/ansible/inventory.hpp"

namespace kubegate::fuzz {

/// Writes the input to scratch()/`name` and reads it as a hosts file, every host's scope resolved.
inline int fuzz_hosts_file(const std::uint8_t* data, std::size_t size, const char* name) {
  const std::string path = (scratch() / name).string();
  write_file(path, as_text(data, size));
  SourceManager sources;
  AnsibleInventory inv;
  std::vector<LoadError> errors;
  if (!load_hosts_file(sources, path, inv, errors)) return 0;
  GroupIndex index = index_groups(inv);
  std::size_t budget = 64;  // hosts whose tables are built: enough to reach every group kind
  for (std::uint32_t h = 0; h < inv.hosts.size() && budget-- > 0; ++h) {
    std::vector<std::string> groups;
    Scope scope(ansible_host_tables(inv, index, h, groups), inv.hosts[h].name);
    for (const std::string& var : scope.names()) (void)scope.get(var);
  }
  return 0;
}

}  // namespace kubegate::fuzz
