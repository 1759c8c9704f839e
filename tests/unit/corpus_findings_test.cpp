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

namespace {

/// The clusters and findings of one corpus folder, linted as a user would (`requested`: the flag).
struct Linted {
  Workspace ws;
  std::vector<Finding> findings;
  /// "<check> <severity>" of each finding on a file whose path contains `part`.
  std::multiset<std::string> on(const std::string& part) const {
    std::multiset<std::string> out;
    for (const Finding& f : findings)
      if (ws.sources.path(f.loc.file).find(part) != std::string::npos)
        out.insert(f.check + " " + std::string(to_string(f.severity)));
    return out;
  }
};

std::unique_ptr<Linted> lint(const std::string& folder, const std::string& requested = "") {
  auto l = std::make_unique<Linted>();
  LoadOptions opts;
  opts.paths = {(fs::path(KUBEGATE_SOURCE_DIR) / "tests/corpus/kubespray" / folder).string()};
  opts.kubespray_version = requested;
  std::string usage;
  REQUIRE(load(opts, l->ws, usage));
  l->findings = run_checks(l->ws, {});
  return l;
}

}  // namespace

TEST_CASE("the seven false-alarm patterns of issue 10, each on the real input it was seen on", "[corpus-findings]") {
  SECTION("1. templates, plugin configs and fleets are linted for settings only; a sample beside real ones is left out") {
    auto commented = lint("llaoj__kubespray");  // the stock inventory.ini, every host commented out
    CHECK(commented->on("inventory.ini") == std::multiset<std::string>{"kubespray-settings-only info"});
    auto plugin = lint("mcatalangt__iac_kubespray");  // plugin: google.cloud.gcp_compute
    CHECK(plugin->ws.errors.empty());
    CHECK(plugin->on("inventory.gcp.yml") == std::multiset<std::string>{"kubespray-settings-only info"});
    auto templated = lint("ramakrishna-89__terraform-proxmox-kubespray");  // ${cp_nodes}
    CHECK(templated->on("inventory.ini") ==
          std::multiset<std::string>{"kubespray-release-guessed info", "kubespray-settings-only info"});
    auto fleet = lint("MohammadBnei__infra-bootstrap/ansible/inventories/nfs");
    CHECK(fleet->on("hosts.yml").count("kubespray-settings-only info") == 1);
    CHECK(fleet->on("hosts.yml").count("control-plane-empty error") == 0);
    // sample/ beside development/, production/, sandbox/, and a sample/ inside two of them; each
    // of those also keeps the stock inventory.ini beside its hosts.yml.
    auto beside = lint("jaist-lab__kubespray-inventory");
    CHECK(beside->ws.clusters.size() == 3);
    CHECK(beside->ws.skipped.size() == 6);
  }
  SECTION("2. the leading v narrows the releases: v1.31.1 is judged on 2.27.x and not reported") {
    auto l = lint("aminrj__secure-k8s-kubespray/inventory/secure-k8s");
    CHECK(l->ws.clusters.at(0).release.candidates == std::vector<std::string>{"2.27.0", "2.27.1"});
    CHECK(l->on("k8s-cluster.yml").count("kubespray-kube-version-unsupported error") == 0);
  }
  SECTION("3. release-dependent findings only where they hold on every release the inventory may be for") {
    // The stock `etcd_kubeadm_enabled: false` line (2.18-era sample) asks for nothing.
    CHECK(lint("Flyer-DM__k8s_cluster")->on("all.yml").empty());
    // A master snapshot after 2.24 (sample files of 2.24.x, kube_version 1.29): crictl is an info.
    CHECK(lint("carlos-suarez-gl__kubespray-truly")->on("k8s-cluster.yml") ==
          std::multiset<std::string>{"kubespray-crictl-version-missing info"});
  }
  SECTION("4. old releases can be named and are inferred") {
    auto named = lint("KozakAG__our-kube", "2.17.0");
    CHECK(named->ws.clusters.at(0).release.version == "2.17.0");
    CHECK(named->ws.clusters.at(0).release.own_asserts);
    CHECK(lint("KozakAG__our-kube")->ws.clusters.at(0).release.candidates ==
          std::vector<std::string>{"2.17.0", "2.17.1"});
  }
  SECTION("5. a hosts.ini holding YAML is one load error, not one per line") {
    auto l = lint("OpsMx__k8s-kubespray/kubespray/inventory/mycluster");
    CHECK(l->ws.errors.size() == 1);
  }
  SECTION("7. Kubespray's own assert decides: an even etcd group is an error") {
    CHECK(lint("B0ud__kubespray")->on("inventory.ini").count("etcd-even-members error") == 1);
  }
}
