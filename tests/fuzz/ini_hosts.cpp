// Fuzz target: an INI hosts file (inventory.ini), its groups and every host's variable tables.
#include "hosts_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kubegate::fuzz::fuzz_hosts_file(data, size, "inventory.ini");
}
