// Fuzz target: an INI hosts file (load_hosts_file on inventory.ini), then the group index and
// every host's variable tables, as the Kubespray and RKE2 loaders use them.
#include "fuzz_support.hpp"
#include "load/ansible/inventory.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubegate;
  const std::string path = (fuzz::scratch() / "inventory.ini").string();
  fuzz::write_file(path, fuzz::as_text(data, size));
  SourceManager sources;
  AnsibleInventory inv;
  std::vector<LoadError> errors;
  if (!load_hosts_file(sources, path, inv, errors)) return 0;
  GroupIndex index = index_groups(inv);
  std::size_t budget = 64;  // hosts whose tables are built: enough to reach every group kind
  for (const AnsibleHost& h : inv.hosts) {
    if (budget-- == 0) break;
    std::vector<std::string> groups;
    Scope scope(ansible_host_tables(inv, index, h.name, groups), h.name);
    for (const std::string& name : scope.names()) (void)scope.get(name);
  }
  return 0;
}
