// Fuzz target: an RKE2 registries.yaml (mirrors, configs, their endpoints, rewrites, auth and TLS),
// read by load_registries with the secrets policy.
#include "fuzz_support.hpp"
#include "load/rke2/loader.hpp"
#include "load/common/secrets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubegate;
  const std::string path = (fuzz::scratch() / "registries.yaml").string();
  fuzz::write_file(path, fuzz::as_text(data, size));
  SourceManager sources;
  Registries registries;
  std::vector<LoadError> errors;
  (void)load_registries(sources, secret_policy(fuzz::knowledge()), path, registries, errors);
  return 0;
}
