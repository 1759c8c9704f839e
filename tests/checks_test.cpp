// Runs every fixture under checks/<id>/: a `bad-*` folder must produce exactly the
// findings its expectation comments announce, a `good-*` folder none of that check.
// An expectation is a comment `# expect: <id> [severity] [@COL] [/REGEX/]` (`; expect:` in
// INI) and announces a finding on the line after it (`expect-file:` at line 1 of its file: a
// finding about the whole file); the severity, when given, must match;
// `@COL` is the 1-based column the finding must start at; `/REGEX/` (ECMAScript, up to the
// last `/` of the line) must match somewhere in the finding's message (std::regex_search).
// An optional file `kubespray-version` (or `rke2-version`) picks the release.
// One check's fixtures: kubegate_tests "every check fixture yields exactly its expected findings" -c ID
// (add -c bad-x for one fixture; a name that matches nothing fails).
#define CATCH_CONFIG_ENABLE_PAIR_STRINGMAKER
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <regex>
#include <sstream>

#include "engine/engine.hpp"
#include "kubegate/check.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

namespace {

/// checks/<id>/ holds a check's code, doc and fixtures (bad-*/ and good-*/ folders).
const fs::path kChecks = test::checks_dir();

using Place = std::pair<std::string, std::uint32_t>;  // file relative to the fixture, line

/// What an expectation pins about its finding; an empty severity or pattern, or column 0, pins nothing.
struct Expect {
  std::string severity;
  std::uint32_t column = 0;
  std::string pattern;
  friend bool operator==(const Expect&, const Expect&) = default;
};

/// Prints an expectation as it is written after the id.
std::ostream& operator<<(std::ostream& os, const Expect& e) {
  os << (e.severity.empty() ? "any" : e.severity);
  if (e.column) os << " @" << e.column;
  if (!e.pattern.empty()) os << " /" << e.pattern << "/";
  return os;
}

/// Parses what follows the id in an expectation (`[severity] [@COL] [/REGEX/]`); false on bad syntax.
bool parse_expect(const std::string& rest, Expect& e) {
  std::size_t i = 0;
  while (true) {
    i = rest.find_first_not_of(" \t\r", i);
    if (i == std::string::npos) return true;
    if (rest[i] == '/') {
      std::size_t end = rest.rfind('/');
      if (end == i || rest.find_first_not_of(" \t\r", end + 1) != std::string::npos) return false;
      e.pattern = rest.substr(i + 1, end - i - 1);
      return !e.pattern.empty();
    }
    std::size_t end = rest.find_first_of(" \t\r", i);
    std::string word = rest.substr(i, end == std::string::npos ? std::string::npos : end - i);
    i = end;
    if (word[0] == '@') {
      if (e.column || word.size() < 2 || word.find_first_not_of("0123456789", 1) != std::string::npos) return false;
      e.column = static_cast<std::uint32_t>(std::stoul(word.substr(1)));
      if (!e.column) return false;
    } else if (e.severity.empty() && !e.column && (word == "error" || word == "warning" || word == "info")) {
      e.severity = word;
    } else {
      return false;
    }
    if (i == std::string::npos) return true;
  }
}

/// Expected findings by place; malformed expectations fail the test.
std::map<Place, Expect> expectations(const fs::path& fixture, const std::string& id) {
  std::map<Place, Expect> out;
  for (const auto& entry : fs::recursive_directory_iterator(fixture)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n) {
      // `expect-file:` announces a finding about the whole file, at its line 1.
      const bool whole_file = line.find("expect-file: ") != std::string::npos;
      auto at = line.find(whole_file ? "expect-file: " : "expect: ");
      if (at == std::string::npos || line.find_first_of("#;") > at) continue;
      std::istringstream words(line.substr(at + (whole_file ? 13 : 8)));
      std::string named, rest;
      words >> named;
      if (named != id) continue;
      std::getline(words, rest);
      const std::string file = fs::relative(entry.path(), fixture).string();
      Expect e;
      if (!parse_expect(rest, e)) FAIL_CHECK(file << ":" << n << ": malformed expectation: " << line);
      try {
        if (!e.pattern.empty()) std::regex check(e.pattern);
      } catch (const std::regex_error& err) {
        FAIL_CHECK(file << ":" << n << ": bad regex /" << e.pattern << "/: " << err.what());
      }
      out[{file, whole_file ? 1 : n + 1}] = e;
    }
  }
  return out;
}

/// What `f` shows of each thing `e` pins: a mismatch shows the finding's own severity, column or message.
Expect observed(const Finding& f, const Expect& e) {
  Expect got;
  if (!e.severity.empty()) got.severity = to_string(f.severity);
  if (e.column) got.column = f.loc.column;
  if (!e.pattern.empty()) {
    bool matches = false;
    try {
      matches = std::regex_search(f.message, std::regex(e.pattern));
    } catch (const std::regex_error&) {
    }
    got.pattern = matches ? e.pattern : f.message;
  }
  return got;
}

/// Fixture folders by check id, sorted.
std::map<std::string, std::vector<fs::path>> fixtures() {
  std::map<std::string, std::vector<fs::path>> out;
  for (const auto& check : fs::directory_iterator(kChecks))
    if (check.is_directory() && check.path().filename() != "lib")
      for (const auto& f : fs::directory_iterator(check.path()))
        if (f.is_directory()) out[check.path().filename().string()].push_back(f.path());
  for (auto& [id, folders] : out) std::sort(folders.begin(), folders.end());
  return out;
}

/// The section names given with -c on the command line, outermost first.
const std::vector<std::string>& sections_to_run() { return Catch::getCurrentContext().getConfig()->getSectionsToRun(); }

}  // namespace

// One section per check, one per fixture inside it: `-c ID` runs the fixtures of one check,
// `-c ID -c bad-x` one fixture.
TEST_CASE("every check fixture yields exactly its expected findings", "[checks]") {
  auto all = fixtures();
  REQUIRE_FALSE(all.empty());
  // A -c that names no check, or no fixture of it, would run nothing and pass.
  const auto& wanted = sections_to_run();
  if (!wanted.empty()) {
    INFO("-c " << wanted[0] << (wanted.size() > 1 ? " -c " + wanted[1] : ""));
    REQUIRE(all.count(wanted[0]) == 1);
    if (wanted.size() > 1)
      REQUIRE(std::any_of(all[wanted[0]].begin(), all[wanted[0]].end(),
                          [&](const fs::path& f) { return f.filename() == wanted[1]; }));
  }
  for (const auto& [id, folders] : all) {
    DYNAMIC_SECTION(id) {
      for (const fs::path& fixture : folders) {
        const std::string kind = fixture.filename().string();
        DYNAMIC_SECTION(kind) {
          REQUIRE(find_check(id) != nullptr);
          LoadOptions opts;
          opts.paths = {fixture.string()};
          if (std::ifstream v(fixture / "kubespray-version"); v) std::getline(v, opts.kubespray_version);
          if (std::ifstream v(fixture / "rke2-version"); v) std::getline(v, opts.rke2_version);
          Workspace ws;
          std::string usage;
          REQUIRE(load(opts, ws, usage));
          for (const LoadError& e : ws.errors) FAIL_CHECK(e.file << ":" << e.line << ": " << e.message);
          std::map<Place, Expect> actual;
          auto expected = expectations(fixture, id);
          for (const Finding& f : run_checks(ws, {})) {
            if (f.check != id) continue;
            Place at{fs::relative(ws.sources.path(f.loc.file), fixture).string(), f.loc.line};
            auto e = expected.find(at);
            actual[at] = e != expected.end() ? observed(f, e->second)
                                             : Expect{std::string(to_string(f.severity)), f.loc.column, f.message};
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
      std::ifstream doc(kChecks / id / "check.md");
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

TEST_CASE("every check folder registers exactly the check it is named after", "[checks][meta]") {
  std::vector<std::string> folders, registered;
  for (const auto& entry : fs::directory_iterator(kChecks))
    if (entry.is_directory() && entry.path().filename() != "lib") folders.push_back(entry.path().filename().string());
  for (const CheckDef& d : all_checks()) registered.emplace_back(d.info.id);
  std::sort(folders.begin(), folders.end());
  REQUIRE_FALSE(folders.empty());
  for (const std::string& id : registered)
    if (!std::binary_search(folders.begin(), folders.end(), id))
      FAIL_CHECK(id << " is registered but has no checks/" << id << "/");
  // The registrar in checks/<id>/check.cpp is the only one there and names <id>.
  const std::regex registrar(R"re(CheckRegistration\s+\w+\s*\{\s*\{\s*"([^"]*)")re");
  for (const std::string& id : folders) {
    DYNAMIC_SECTION(id) {
      CHECK(std::binary_search(registered.begin(), registered.end(), id));
      std::ifstream in(kChecks / id / "check.cpp");
      REQUIRE(in.good());
      std::stringstream text;
      text << in.rdbuf();
      const std::string source = text.str();
      std::vector<std::string> ids;
      for (std::sregex_iterator it(source.begin(), source.end(), registrar), end; it != end; ++it)
        ids.push_back((*it)[1]);
      CHECK(ids == std::vector<std::string>{id});
    }
  }
}
