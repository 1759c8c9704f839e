// Fuzz target: an RKE2 config.yaml in a node folder: the discovery tests, then the whole node
// loader (config.yaml merged as RKE2 merges it, secrets hidden, roles and facts), every setting read.
#include "fuzz_support.hpp"
#include "load/rke2/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubegate;
  const Knowledge& k = fuzz::knowledge();
  const std::filesystem::path dir = fuzz::fresh_dir("node1");
  const std::string path = (dir / "config.yaml").string();
  fuzz::write_file(path, fuzz::as_text(data, size));
  (void)looks_like_rke2_config(path, k.rke2(), true);
  (void)looks_like_rke2_config(path, k.rke2(), false);
  (void)is_rke2_node_dir(dir.string(), k.rke2());
  SourceManager sources;
  Cluster cluster;
  std::vector<LoadError> errors;
  load_rke2_nodes(sources, k, "cluster", {dir.string()}, "", cluster, errors);
  for (const Node& n : cluster.nodes)
    for (const std::string& name : n.vars.names()) (void)n.vars.get(name).value.display();
  return 0;
}
