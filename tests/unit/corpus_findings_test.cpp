// Every finding and load error kubegate makes on the real-world Kubespray corpus, as a user sees
// them (no --kubespray-version), each with a reviewer's verdict in tests/golden/corpus-findings.txt:
//   <check> <severity> <file>:<line><TAB>correct: <why> | false-alarm: <why> | unsure: <why>
// A line kubegate prints that has no reviewed line fails the test (it is printed, to be judged
// one by one: there is no way to regenerate this file), and so does a reviewed line it no longer
// prints. The release each inventory is judged on is pinned in corpus-releases.txt.
//   build/tests/kubegate_tests "[corpus-findings]"
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/engine.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

namespace {

struct CorpusRun {
  /// "<check> <severity> <file>:<line>" per finding, "load-error error <file>:<line>" per load error.
  std::multiset<std::string> findings;
  /// "<inventory> <certainty> <releases>" per inventory.
  std::string releases;
};

/// Lints every folder of corpus/kubespray as a user would, paths relative to the corpus.
CorpusRun lint_corpus(const fs::path& corpus) {
  std::vector<fs::path> roots;
  for (const auto& e : fs::directory_iterator(corpus / "kubespray"))
    if (e.is_directory()) roots.push_back(e.path());
  std::sort(roots.begin(), roots.end());
  CorpusRun out;
  for (const fs::path& root : roots) {
    LoadOptions opts;
    opts.paths = {root.string()};
    Workspace ws;
    std::string usage;
    REQUIRE(load(opts, ws, usage));
    for (const Cluster& c : ws.clusters) {
      const auto& all = c.release.candidates;
      const std::string releases = all.empty()                                         ? c.release.version
                                   : c.release.certainty == ReleaseCertainty::guessed ? std::string("*")
                                                                                      : fmt::format("{}", fmt::join(all, ","));
      out.releases += fmt::format("{} {} {} ({})\n", fs::relative(c.name, corpus).string(),
                                  to_string(c.release.certainty), releases, to_string(c.release.evidence));
    }
    for (const LoadError& e : ws.errors)
      out.findings.insert(fmt::format("load-error error {}:{}", fs::relative(e.file, corpus).string(), e.line));
    for (const Finding& f : run_checks(ws, {}))
      out.findings.insert(fmt::format("{} {} {}:{}", f.check, to_string(f.severity),
                                      fs::relative(ws.sources.path(f.loc.file), corpus).string(), f.loc.line));
  }
  return out;
}

/// A reviewed line: the finding and the verdict.
struct Reviewed {
  std::string finding;
  std::string verdict;  // "correct", "false-alarm", "unsure"
  std::string reason;
};

std::vector<Reviewed> read_reviews(const fs::path& path, std::vector<std::string>& malformed) {
  std::vector<Reviewed> out;
  std::ifstream in(path);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    auto colon = tab == std::string::npos ? std::string::npos : line.find(": ", tab);
    Reviewed r;
    if (colon != std::string::npos) {
      r = {line.substr(0, tab), line.substr(tab + 1, colon - tab - 1), line.substr(colon + 2)};
    }
    if (colon == std::string::npos || r.reason.size() < 10 ||
        (r.verdict != "correct" && r.verdict != "false-alarm" && r.verdict != "unsure")) {
      malformed.push_back(fmt::format("{}:{}: {}", path.filename().string(), n, line));
      continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

TEST_CASE("findings on the real-world corpus are exactly the reviewed ones", "[corpus-findings]") {
  const fs::path corpus = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus";
  REQUIRE(fs::is_directory(corpus / "kubespray"));
  CorpusRun run = lint_corpus(corpus);

  std::vector<std::string> malformed;
  const auto reviews = read_reviews(fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "golden" / "corpus-findings.txt", malformed);
  INFO("malformed review lines (want `<finding><TAB>correct|false-alarm|unsure: <reason>`):\n"
       << fmt::format("{}", fmt::join(malformed, "\n")));
  CHECK(malformed.empty());

  std::multiset<std::string> reviewed;
  std::map<std::string, int> verdicts;  // "error correct" -> count
  for (const Reviewed& r : reviews) {
    reviewed.insert(r.finding);
    const std::string severity = r.finding.substr(r.finding.find(' ') + 1, r.finding.find(' ', r.finding.find(' ') + 1) -
                                                                               r.finding.find(' ') - 1);
    ++verdicts[severity + " " + r.verdict];
  }
  std::vector<std::string> unreviewed, gone;
  std::set_difference(run.findings.begin(), run.findings.end(), reviewed.begin(), reviewed.end(),
                      std::back_inserter(unreviewed));
  std::set_difference(reviewed.begin(), reviewed.end(), run.findings.begin(), run.findings.end(),
                      std::back_inserter(gone));
  const fs::path listed = fs::temp_directory_path() / "kubegate-corpus-unreviewed.txt";
  std::ofstream(listed) << fmt::format("{}\n", fmt::join(unreviewed, "\n"));
  INFO("findings without a reviewed line (judge each one, then add it with its verdict; also in "
       << listed.string() << "):\n"
       << fmt::format("{}", fmt::join(unreviewed, "\n")));
  CHECK(unreviewed.empty());
  INFO("reviewed lines kubegate no longer prints (remove them, after checking why):\n"
       << fmt::format("{}", fmt::join(gone, "\n")));
  CHECK(gone.empty());

  // Precision: correct / all, for errors and warnings (what gates a commit) and for all.
  int gate = 0, gate_correct = 0, all = 0, all_correct = 0;
  for (const auto& [key, n] : verdicts) {
    const bool correct = key.ends_with(" correct");
    const bool gating = key.starts_with("error ") || key.starts_with("warning ");
    all += n;
    all_correct += correct ? n : 0;
    gate += gating ? n : 0;
    gate_correct += gating && correct ? n : 0;
  }
  WARN(fmt::format("corpus precision: errors+warnings {}/{}, all findings {}/{} ({} reviewed lines)", gate_correct,
                   gate, all_correct, all, reviews.size()));
  CHECK(gate_correct * 100 >= gate * 95);

  CHECK(run.releases == test::golden("corpus-releases.txt", run.releases));
}
