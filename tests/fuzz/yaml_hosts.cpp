// Fuzz target: a YAML hosts file (hosts.yaml; INI text in it falls back to the INI reader, as in
// Ansible), its groups and every host's variable tables.
#include "hosts_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kubegate::fuzz::fuzz_hosts_file(data, size, "hosts.yaml");
}
