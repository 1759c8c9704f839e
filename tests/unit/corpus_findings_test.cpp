// Every finding kubegate makes on the real-world corpus, pinned in tests/golden/: a new or lost
// finding there must be looked at (is it defensible?) before the golden file is updated with
//   KUBEGATE_UPDATE_GOLDEN=1 build/tests/kubegate_tests "[corpus-findings]"
#include <catch2/catch.hpp>

#include <filesystem>

#include <fmt/format.h>

#include "engine/engine.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

namespace {

/// One line per finding: release (or "inferred"), check, severity, file:line relative to the
/// corpus; first, for the inferred run, one line per inventory: the release chosen and why.
std::string corpus_findings(const fs::path& corpus) {
  std::vector<fs::path> roots;
  for (const auto& e : fs::directory_iterator(corpus / "kubespray"))
    if (e.is_directory()) roots.push_back(e.path());
  std::sort(roots.begin(), roots.end());
  std::ostringstream out;
  for (const std::string release : {"", "2.24.0", "2.31.0"}) {
    for (const fs::path& root : roots) {
      LoadOptions opts;
      opts.paths = {root.string()};
      opts.kubespray_version = release;
      Workspace ws;
      std::string usage;
      if (!load(opts, ws, usage)) return usage;
      for (const Cluster& c : ws.clusters)
        if (release.empty())
          out << fmt::format("release {} {} (data {}) {}\n", fs::relative(c.name, corpus).string(), c.release.named,
                           c.release.version, to_string(c.release.evidence));
      for (const Finding& f : run_checks(ws, {}))
        out << fmt::format("{} {} {} {}:{}\n", release.empty() ? "inferred" : release, f.check, to_string(f.severity),
                           fs::relative(ws.sources.path(f.loc.file), corpus).string(), f.loc.line);
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("findings on the real-world corpus are exactly the reviewed ones", "[corpus-findings]") {
  const fs::path corpus = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus";
  REQUIRE(fs::is_directory(corpus / "kubespray"));
  std::string actual = corpus_findings(corpus);
  CHECK(actual == test::golden("corpus-findings.txt", actual));
}
