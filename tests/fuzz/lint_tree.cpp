// Fuzz target: a whole `kubegate lint` of a small generated tree. The first byte picks the layout
// (its value modulo 4) and, by its bit 2, --kubespray-version 2.24.0 (clear: one release, fast) or
// none (set: the release set of every known release); the rest is cut at byte 0x01 into the
// layout's files, in order. The engine loads the tree, runs every check, and writes text
// (coloured), JSON and `show --host`.
// KUBEGATE_FUZZ_DISABLE=ID[,ID] leaves checks out (one with an open finding, to fuzz past it).
#include <array>
#include <cstdlib>
#include <sstream>

#include "engine/engine.hpp"
#include "fuzz_support.hpp"
#include "output/output.hpp"

namespace {

/// The files of each layout, in the order the input's parts fill them.
const std::array<std::vector<std::string>, 4> kLayouts = {{
    {"inventory.ini", "group_vars/all/all.yml", "group_vars/k8s_cluster/k8s-cluster.yml", "host_vars/node1.yml"},
    {"hosts.yaml", "group_vars/all/all.yml", "group_vars/k8s_cluster/k8s-cluster.yml", "host_vars/node1.yml"},
    {"config.yaml", "config.yaml.d/50-extra.yaml", "registries.yaml"},
    {"cluster.env"},
}};

/// The checks KUBEGATE_FUZZ_DISABLE names, read once.
const std::vector<std::string>& disabled_checks() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    const char* env = std::getenv("KUBEGATE_FUZZ_DISABLE");
    for (std::string_view id : kubegate::fuzz::split(env ? env : "", ',', 1000))
      if (!id.empty()) out.emplace_back(id);
    return out;
  }();
  return ids;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubegate;
  if (size == 0) return 0;
  const std::size_t layout = data[0] % kLayouts.size();
  const std::vector<std::string>& files = kLayouts[layout];
  std::vector<std::string_view> parts = fuzz::split(fuzz::as_text(data + 1, size - 1), '\x01', files.size());
  const std::filesystem::path dir = fuzz::fresh_dir("tree");
  for (std::size_t i = 0; i < parts.size(); ++i) fuzz::write_file(dir / files[i], parts[i]);

  static Knowledge cached;  // constant data: parsed once, lent to each run's workspace
  Workspace ws;
  ws.knowledge = std::move(cached);
  LoadOptions options;
  options.paths = {dir.string()};
  if (layout == 3) options.platform = Platform::kubeup;
  if ((data[0] & 4) == 0) options.kubespray_version = "2.24.0";
  std::string usage_error;
  if (load(options, ws, usage_error)) {
    sort_errors(ws.errors);
    std::vector<Finding> findings = run_checks(ws, disabled_checks());
    Report report{ws.sources, findings, ws.errors, &ws.clusters};
    std::ostringstream text, json, model;
    write_text(text, report, true);
    write_json(json, report);
    write_model(model, ws.sources, ws.clusters, ws.skipped, "node1");
    (void)exit_code(findings, ws.errors, Severity::warning);
  }
  cached = std::move(ws.knowledge);
  return 0;
}
