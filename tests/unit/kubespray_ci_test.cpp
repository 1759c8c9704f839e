// Kubespray's own CI scenarios (tests/kubespray-ci/, see its README) deploy in Kubespray's CI, so
// kubegate must report no error on any of them; its warnings are pinned and reviewed in
//   tests/golden/kubespray-ci-findings.txt (KUBEGATE_UPDATE_GOLDEN=1 rewrites it).
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "engine/engine.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

TEST_CASE("Kubespray's CI scenarios give no kubegate error", "[kubespray-ci]") {
  const fs::path root = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "kubespray-ci";
  std::ostringstream findings;
  std::size_t scenarios = 0;
  for (const std::string ref : {"master", "v2.24.0"}) {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(root / ref)) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 38);
    for (const fs::path& dir : cases) {
      LoadOptions opts;
      opts.paths = {dir.string()};
      opts.kubespray_version = ref == "master" ? ref : ref.substr(1);
      Workspace ws;
      std::string usage;
      REQUIRE(load(opts, ws, usage));
      INFO(dir.string());
      for (const LoadError& e : ws.errors) FAIL_CHECK(e.file << ":" << e.line << ": " << e.message);
      for (const Finding& f : run_checks(ws, {})) {
        CHECK(f.severity != Severity::error);
        findings << fmt::format("{} {} {} {}:{}\n", ref, f.check, to_string(f.severity),
                                fs::relative(ws.sources.path(f.loc.file), root).string(), f.loc.line);
      }
      ++scenarios;
    }
  }
  CHECK(scenarios >= 100);
  CHECK(findings.str() == test::golden("kubespray-ci-findings.txt", findings.str()));
}
