// Every real-world Kubespray inventory in tests/corpus/ and Kubespray's own sample load
// without a load error.
#include <catch2/catch.hpp>

#include <filesystem>

#include "engine/engine.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

TEST_CASE("every Kubespray inventory of the corpus loads without a load error", "[corpus]") {
  const fs::path corpus = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus";
  REQUIRE(fs::is_directory(corpus / "kubespray"));
  std::vector<fs::path> roots = {corpus / "kubespray-upstream" / "inventory" / "sample"};
  for (const auto& e : fs::directory_iterator(corpus / "kubespray"))
    if (e.is_directory()) roots.push_back(e.path());
  std::sort(roots.begin(), roots.end());
  REQUIRE(roots.size() >= 28);
  std::size_t clusters = 0, nodes = 0;
  for (const fs::path& root : roots) {
    DYNAMIC_SECTION(root.filename().string()) {
      LoadOptions opts;
      opts.paths = {root.string()};
      Workspace ws;
      std::string usage;
      REQUIRE(load(opts, ws, usage));
      for (const LoadError& e : ws.errors) FAIL_CHECK(e.file << ":" << e.line << ":" << e.column << ": " << e.message);
      CHECK_FALSE(ws.clusters.empty());
      clusters += ws.clusters.size();
      for (const Cluster& c : ws.clusters) nodes += c.nodes.size();
      run_checks(ws, {});  // every check runs on it without throwing
    }
  }
  INFO(clusters << " inventories, " << nodes << " hosts");
}
