// Every finding and load error kubegate makes on the real RKE2 and kube-up corpus
// (tests/corpus/rke2/<repo>, tests/corpus/kubeup/<repo>), each pinned with a reviewer's verdict
// in tests/golden/corpus-rke2-findings.txt: `<line>\t<verdict>: <reason>`, the verdict one of
// correct, false-alarm, unsure. A line without a reviewed golden line, a golden line that no
// longer happens, or one without a verdict and a reason fails the test. Prints the precision.
//   KUBEGATE_UPDATE_GOLDEN=1 build/tests/kubegate_tests "[corpus-rke2-findings]" rewrites the
//   file with the actual lines, keeping the verdicts of the lines that stay (new ones: TODO).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "engine/engine.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

namespace {

/// `path` relative to the corpus, as written in the golden file.
std::string rel(const fs::path& corpus, const std::string& path) {
  if (path.empty()) return "?";
  return fs::relative(fs::absolute(path), fs::absolute(corpus)).lexically_normal().string();
}

/// The actual lines, sorted: one per finding and per load error, for every corpus folder and mode.
std::vector<std::string> actual_lines(const fs::path& corpus) {
  std::vector<std::string> out;
  for (const char* kind : {"rke2", "kubeup"}) {
    std::vector<fs::path> roots;
    for (const auto& e : fs::directory_iterator(corpus / kind))
      if (e.is_directory()) roots.push_back(e.path());
    std::sort(roots.begin(), roots.end());
    for (const fs::path& root : roots) {
      std::vector<std::pair<std::string, std::optional<Platform>>> modes = {{"auto", std::nullopt}};
      if (std::string(kind) == "rke2") modes.emplace_back("rke2", Platform::rke2);
      for (const auto& [mode, platform] : modes) {
        LoadOptions opts;
        opts.paths = {root.string()};
        opts.platform = platform;
        Workspace ws;
        std::string usage;
        REQUIRE(load(opts, ws, usage));
        for (const LoadError& e : ws.errors)
          out.push_back(fmt::format("{} load-error {}:{}", mode, rel(corpus, e.file), e.line));
        for (const Finding& f : run_checks(ws, {}))
          out.push_back(fmt::format("{} {} {} {}:{}", mode, f.check, to_string(f.severity),
                                    rel(corpus, ws.sources.path(f.loc.file)), f.loc.line));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// One line of the golden file.
struct Reviewed {
  /// The finding or load-error line (before the TAB).
  std::string line;
  /// correct, false-alarm or unsure; empty when missing or malformed.
  std::string verdict;
  /// Why, as the reviewer wrote it.
  std::string reason;
  /// The golden line as written.
  std::string text;
};

std::vector<Reviewed> golden_lines(const fs::path& file) {
  std::vector<Reviewed> out;
  std::ifstream in(file);
  for (std::string l; std::getline(in, l);) {
    if (l.empty() || l[0] == '#') continue;
    Reviewed r;
    r.text = l;
    auto tab = l.find('\t');
    r.line = l.substr(0, tab);
    if (tab != std::string::npos) {
      std::string v = l.substr(tab + 1);
      auto colon = v.find(": ");
      if (colon != std::string::npos) {
        std::string verdict = v.substr(0, colon), reason = v.substr(colon + 2);
        if ((verdict == "correct" || verdict == "false-alarm" || verdict == "unsure") &&
            reason.find_first_not_of(" \t") != std::string::npos) {
          r.verdict = verdict;
          r.reason = reason;
        }
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

TEST_CASE("findings on the real RKE2 and kube-up corpus are exactly the reviewed ones", "[corpus-rke2-findings]") {
  const fs::path corpus = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus";
  const fs::path golden = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "golden" / "corpus-rke2-findings.txt";
  REQUIRE(fs::is_directory(corpus / "rke2"));
  REQUIRE(fs::is_directory(corpus / "kubeup"));
  const std::vector<std::string> actual = actual_lines(corpus);
  const std::vector<Reviewed> reviewed = golden_lines(golden);

  // Match as multisets: the same text twice needs two reviewed lines.
  std::multimap<std::string, const Reviewed*> pool;
  for (const Reviewed& r : reviewed) pool.emplace(r.line, &r);
  std::vector<std::string> unreviewed;
  std::vector<const Reviewed*> matched;
  for (const std::string& a : actual) {
    auto it = pool.find(a);
    if (it == pool.end()) {
      unreviewed.push_back(a);
      continue;
    }
    matched.push_back(it->second);
    pool.erase(it);
  }
  std::vector<std::string> stale, no_verdict;
  for (const auto& [line, r] : pool) stale.push_back(r->text);
  for (const Reviewed& r : reviewed)
    if (r.verdict.empty()) no_verdict.push_back(r.text);

  std::size_t findings = 0, correct = 0, loud = 0, loud_correct = 0, load_errors = 0;
  for (const Reviewed* r : matched) {
    if (r->line.find(" load-error ") != std::string::npos) {
      ++load_errors;
      continue;
    }
    ++findings;
    const bool ok = r->verdict == "correct";
    correct += ok;
    if (r->line.find(" error ") != std::string::npos || r->line.find(" warning ") != std::string::npos) {
      ++loud;
      loud_correct += ok;
    }
  }
  auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 100.0; };
  const std::string summary =
      fmt::format("precision on the RKE2/kube-up corpus: {}/{} correct ({:.1f}%); errors and warnings {}/{} ({:.1f}%); "
                  "{} load error(s)",
                  correct, findings, pct(correct, findings), loud_correct, loud, pct(loud_correct, loud), load_errors);
  if (pct(loud_correct, loud) >= 95.0 && load_errors == 0) {
    INFO(summary);
    SUCCEED(summary);
  } else {
    WARN(summary);
  }

  if (std::getenv("KUBEGATE_UPDATE_GOLDEN")) {
    std::map<std::string, std::vector<std::string>> kept;
    for (const Reviewed* r : matched) kept[r->line].push_back(r->text);
    std::ofstream w(golden);
    w << "# tests/unit/corpus_rke2_findings_test.cpp: <mode> <check> <severity> <file>:<line> (or <mode> load-error\n"
         "# <file>:<line>), a TAB, and the reviewer's verdict: correct|false-alarm|unsure: <reason>\n";
    std::map<std::string, std::size_t> used;
    for (const std::string& a : actual) {
      auto& texts = kept[a];
      std::size_t i = used[a]++;
      w << (i < texts.size() ? texts[i] : a + "\tTODO") << "\n";
    }
  }

  std::ostringstream report;
  for (const std::string& l : unreviewed) report << "unreviewed: " << l << "\n";
  for (const std::string& l : stale) report << "no longer found: " << l << "\n";
  for (const std::string& l : no_verdict) report << "no verdict and reason: " << l << "\n";
  INFO(report.str());
  CHECK(unreviewed.empty());
  CHECK(stale.empty());
  CHECK(no_verdict.empty());
}
