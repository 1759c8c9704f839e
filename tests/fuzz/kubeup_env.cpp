// Fuzz target: a kube-up env file: the discovery scans, then load_kubeup (the env reader that
// never executes anything, kube-up's defaults, the cluster model), every setting read.
#include "fuzz_support.hpp"
#include "load/kubeup/env.hpp"
#include "load/kubeup/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubegate;
  const Knowledge& k = fuzz::knowledge();
  std::string_view text = fuzz::as_text(data, size);
  (void)env_assigned_names(text);
  (void)assigns_kubeup_variables(k, text, 1);
  const std::string path = (fuzz::scratch() / "cluster.env").string();
  fuzz::write_file(path, text);
  SourceManager sources;
  Cluster cluster;
  std::vector<LoadError> errors;
  if (!load_kubeup(sources, k, path, cluster, errors)) return 0;
  for (const std::string& name : cluster.settings.names()) (void)cluster.settings.get(name).value.display();
  for (const Node& n : cluster.nodes)
    for (const std::string& name : n.vars.names()) (void)n.vars.get(name).value.display();
  return 0;
}
