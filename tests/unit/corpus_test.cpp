// Every real-world Kubespray inventory in tests/corpus/ and Kubespray's own sample load
// without a load error, except the files tests/corpus/INVALID.tsv lists as broken (each must be).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

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
  std::set<std::string> invalid, refused;  // paths relative to the corpus
  std::ifstream list(corpus / "INVALID.tsv");
  for (std::string line; std::getline(list, line);)
    if (!line.empty() && line.rfind("path\t", 0) != 0) invalid.insert(line.substr(0, line.find('\t')));
  std::size_t clusters = 0, nodes = 0;
  for (const fs::path& root : roots) {
    DYNAMIC_SECTION(root.filename().string()) {
      LoadOptions opts;
      opts.paths = {root.string()};
      Workspace ws;
      std::string usage;
      REQUIRE(load(opts, ws, usage));
      for (const LoadError& e : ws.errors) {
        const std::string rel = fs::relative(e.file, corpus).string();
        if (invalid.count(rel)) refused.insert(rel);
        else FAIL_CHECK(e.file << ":" << e.line << ":" << e.column << ": " << e.message);
      }
      for (const std::string& path : invalid)
        if (path.starts_with(fs::relative(root, corpus).string() + "/")) {
          INFO("listed as invalid but loaded: " << path);
          CHECK(refused.count(path));
        }
      CHECK_FALSE(ws.clusters.empty());
      clusters += ws.clusters.size();
      for (const Cluster& c : ws.clusters) nodes += c.nodes.size();
      run_checks(ws, {});  // every check runs on it without throwing
    }
  }
  INFO(clusters << " inventories, " << nodes << " hosts");
}
