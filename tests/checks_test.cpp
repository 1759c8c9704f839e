// Runs every fixture under checks/<id>/: a `bad-*` folder must produce exactly the
// findings its `# expect: <id> [severity]` comments announce (each on the line after the
// comment; the severity, when given, must match), a `good-*` folder none of that check.
// An optional file `kubespray-version` (or `rke2-version`) picks the release.
#define CATCH_CONFIG_ENABLE_PAIR_STRINGMAKER
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/engine.hpp"
#include "kubegate/check.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

namespace {

/// checks/<id>/ holds a check's code, doc and fixtures (bad-*/ and good-*/ folders).
const fs::path kChecks = fs::path(KUBEGATE_SOURCE_DIR) / "checks";

using Place = std::pair<std::string, std::uint32_t>;  // file relative to the fixture, line

/// Expected findings by place, with the severity the comment names ("" for any).
std::map<Place, std::string> expectations(const fs::path& fixture, const std::string& id) {
  std::map<Place, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(fixture)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n) {
      auto at = line.find("expect: ");
      if (at == std::string::npos || line.find_first_of("#;") > at) continue;
      std::istringstream words(line.substr(at + 8));
      std::string named, severity;
      words >> named >> severity;
      if (named == id) out[{fs::relative(entry.path(), fixture).string(), n + 1}] = severity;
    }
  }
  return out;
}

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const auto& check : fs::directory_iterator(kChecks))
    if (check.is_directory() && check.path().filename() != "lib")
      for (const auto& f : fs::directory_iterator(check.path()))
        if (f.is_directory()) out.push_back(f.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every check fixture yields exactly its expected findings", "[checks]") {
  auto all = fixtures();
  REQUIRE_FALSE(all.empty());
  for (const fs::path& fixture : all) {
    const std::string id = fixture.parent_path().filename().string();
    const std::string kind = fixture.filename().string();
    DYNAMIC_SECTION(id << "/" << kind) {
      REQUIRE(find_check(id) != nullptr);
      LoadOptions opts;
      opts.paths = {fixture.string()};
      if (std::ifstream v(fixture / "kubespray-version"); v) std::getline(v, opts.kubespray_version);
      if (std::ifstream v(fixture / "rke2-version"); v) std::getline(v, opts.rke2_version);
      Workspace ws;
      std::string usage;
      REQUIRE(load(opts, ws, usage));
      for (const LoadError& e : ws.errors) FAIL_CHECK(e.file << ":" << e.line << ": " << e.message);
      std::map<Place, std::string> actual;
      auto expected = expectations(fixture, id);
      for (const Finding& f : run_checks(ws, {})) {
        if (f.check != id) continue;
        Place at{fs::relative(ws.sources.path(f.loc.file), fixture).string(), f.loc.line};
        auto e = expected.find(at);
        actual[at] = e != expected.end() && e->second.empty() ? "" : std::string(to_string(f.severity));
      }
      if (kind.rfind("bad-", 0) == 0) {
        REQUIRE_FALSE(expected.empty());
      } else {
        REQUIRE(kind.rfind("good-", 0) == 0);
        REQUIRE(expected.empty());
      }
      CHECK(actual == expected);
    }
  }
}

TEST_CASE("every check has a doc with the standard sections and good and bad fixtures", "[checks][meta]") {
  REQUIRE_FALSE(all_checks().empty());
  for (const CheckDef& d : all_checks()) {
    const std::string id(d.info.id);
    DYNAMIC_SECTION(id) {
      CHECK(d.info.summary.size() <= 90);
      for (char ch : id) CHECK(((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'));
      CHECK(fs::exists(kChecks / id / "check.cpp"));
      std::ifstream doc(kChecks / id / "doc.md");
      REQUIRE(doc.good());
      std::stringstream text;
      text << doc.rdbuf();
      for (const std::string& heading : {"# " + id + "\n", std::string("## What it flags"),
                                         std::string("## Why it breaks the deploy"), std::string("## How to fix"),
                                         std::string("## Bad"), std::string("## Good"), std::string("## Upstream")})
        CHECK(text.str().find(heading) != std::string::npos);
      int bad = 0, good = 0;
      if (fs::exists(kChecks / id))
        for (const auto& f : fs::directory_iterator(kChecks / id)) {
          bad += f.path().filename().string().rfind("bad-", 0) == 0;
          good += f.path().filename().string().rfind("good-", 0) == 0;
        }
      CHECK(bad >= 1);
      CHECK(good >= 1);
    }
  }
}
