// The command line end to end, through cli::run (no process spawned).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "kubegate/check.hpp"
#include "json_schema.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;
using kubegate::test::Run;
using kubegate::test::kubegate_run;
using kubegate::test::kExamples;

namespace {

nlohmann::json output_schema() {
  std::ifstream in(std::string(KUBEGATE_SOURCE_DIR) + "/schemas/kubegate-output.schema.json");
  return nlohmann::json::parse(in);
}

std::vector<std::string> schema_errors(const std::string& text) {
  auto schema = output_schema();
  std::vector<std::string> errors;
  test::validate(nlohmann::json::parse(text), schema, schema, "$", errors);
  return errors;
}

}  // namespace

TEST_CASE("lint: the kubespray#12059 example fails with the finding, its fixed twin passes", "[cli]") {
  Run bad = kubegate_run({"lint", "--kubespray-version", "2.24.0", kExamples + "kubespray-12059"});
  CHECK(bad.code == cli::kFindings);
  CHECK(bad.out.find("group_vars/k8s_cluster/k8s-cluster.yml:10:1: error:") != std::string::npos);
  CHECK(bad.out.find("[csr-approver-external-cloud]") != std::string::npos);
  CHECK(bad.out.find("note: cloud_provider: external set here") != std::string::npos);
  CHECK(bad.out.find("\033[") == std::string::npos);  // no colour off a terminal
  CHECK(bad.out.find("REDACTED") == std::string::npos);

  Run fixed = kubegate_run({"lint", "--kubespray-version", "2.24.0", kExamples + "kubespray-12059-fixed"});
  CHECK(fixed.code == cli::kClean);
  CHECK(fixed.out.empty());
  // The hazard is gone in releases that install the approver after the cloud controller (2.31.0
  // cannot install the example's v1.28.6 though: kubespray-kube-version-unsupported says so).
  Run newer = kubegate_run({"lint", "--kubespray-version", "2.31.0", kExamples + "kubespray-12059"});
  CHECK(newer.out.find("[csr-approver-external-cloud]") == std::string::npos);
  CHECK(newer.out.find("[kubespray-kube-version-unsupported]") != std::string::npos);
}

TEST_CASE("the clean examples are clean on every known release", "[cli]") {
  for (const char* release : {"2.24.0", "2.31.0", "master"}) {
    INFO(release);
    Run r = kubegate_run({"lint", "--fail-on", "info", "--kubespray-version", release, kExamples + "kubespray-clean"});
    CHECK(r.out.empty());
    CHECK(r.code == cli::kClean);
  }
  Run sep = kubegate_run({"lint", "--format", "json", kExamples + "kubespray-separate-etcd"});
  auto findings = nlohmann::json::parse(sep.out)["findings"];
  std::map<std::string, int> by_check;
  for (const auto& f : findings) ++by_check[f["check"]];
  CHECK(by_check == std::map<std::string, int>{{"etcd-dedicated-host", 3}, {"kubespray-release-guessed", 1}});
}

TEST_CASE("lint: --fail-on decides which severities fail the run", "[cli]") {
  const std::string sep = kExamples + "kubespray-separate-etcd";
  CHECK(kubegate_run({"lint", sep}).code == cli::kClean);  // info only
  CHECK(kubegate_run({"lint", "--fail-on", "info", sep}).code == cli::kFindings);
  const std::string bad = kExamples + "kubespray-12059";
  CHECK(kubegate_run({"lint", "--kubespray-version", "2.24.0", "--fail-on", "none", bad}).code == cli::kClean);
  CHECK(kubegate_run({"lint", "--kubespray-version", "2.24.0", "--disable", "csr-approver-external-cloud", bad}).code ==
        cli::kClean);
}

TEST_CASE("lint --format json matches its schema, with paths as given", "[cli][json]") {
  Run r = kubegate_run({"lint", "--format", "json", "--kubespray-version", "2.24.0", kExamples + "kubespray-12059"});
  CHECK(r.code == cli::kFindings);
  CHECK(schema_errors(r.out).empty());
  auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["findings"].size() == 1);
  CHECK(doc["findings"][0]["check"] == "csr-approver-external-cloud");
  CHECK(doc["findings"][0]["location"]["line"] == 10);
  CHECK(doc["findings"][0]["key"] == "kubelet_rotate_server_certificates");  // the setting it is about
  CHECK(doc["findings"][0]["related"].size() == 2);

  TempDir dir({{"inventory.ini", "[kube_control_plane]\ncp1\n[kube_node]\nw1 bad\n"}});
  Run broken = kubegate_run({"lint", "--format", "json", dir.path()});
  CHECK(broken.code == cli::kLoadError);
  CHECK(schema_errors(broken.out).empty());
  auto errors = nlohmann::json::parse(broken.out)["errors"];
  REQUIRE(errors.size() == 1);
  CHECK(errors[0]["line"] == 4);
  CHECK(errors[0]["file"] == dir.path("inventory.ini"));
}

TEST_CASE("the schema validator used above can fail", "[cli][json]") {
  CHECK_FALSE(schema_errors(R"({"version": 1, "findings": [{"check": "x"}], "errors": []})").empty());
  CHECK_FALSE(schema_errors(R"({"version": 2, "findings": [], "errors": []})").empty());
  CHECK(schema_errors(R"({"version": 1, "findings": [], "errors": []})").empty());
}

TEST_CASE("bad usage exits 2, input that cannot be read 3, each with a message", "[cli]") {
  CHECK(kubegate_run({"lint", "/no/such/inventory"}).code == cli::kLoadError);
  CHECK(kubegate_run({"lint", "--format", "xml", kExamples}).code == cli::kUsageError);
  CHECK(kubegate_run({"lint", "--kubespray-version", "0.1.0", kExamples}).code == cli::kUsageError);
  CHECK(kubegate_run({"lint", "--disable", "no-such-check", kExamples}).code == cli::kUsageError);
  CHECK(kubegate_run({}).code == cli::kUsageError);
  TempDir dir({{"hosts.yaml", "all:\n  hosts:\n    a: [\n"}});
  Run r = kubegate_run({"lint", dir.path()});
  CHECK(r.code == cli::kLoadError);
  CHECK(r.out.find(dir.path("hosts.yaml") + ":") != std::string::npos);
  CHECK(r.out.find("[load-error]") != std::string::npos);
}

TEST_CASE("a file inside an inventory lints the whole inventory (pre-commit)", "[cli]") {
  Run r = kubegate_run({"lint", "--kubespray-version", "2.24.0",
                        kExamples + "kubespray-12059/group_vars/all/vsphere.yml"});
  CHECK(r.code == cli::kFindings);
  CHECK(r.out.find("[csr-approver-external-cloud]") != std::string::npos);
}

TEST_CASE("inline suppression comments", "[cli][suppress]") {
  TempDir dir({{"inventory.ini", "[kube_control_plane]\nCP_1  # kubegate: ignore=inventory-hostname-rfc1123\n"
                                 "[etcd:children]\nkube_control_plane\n[kube_node]\n"
                                 "; kubegate: ignore=inventory-hostname-rfc1123\nWorker_1\nWorker_2\n"}});
  Run r = kubegate_run({"lint", dir.path()});
  CHECK(r.out.find("\"CP_1\"") == std::string::npos);
  CHECK(r.out.find("\"Worker_1\"") == std::string::npos);
  CHECK(r.out.find("\"Worker_2\"") != std::string::npos);
  dir.write("inventory.ini", "# kubegate: ignore-file=inventory-hostname-rfc1123\n[kube_control_plane]\nCP_1\n"
                             "[etcd:children]\nkube_control_plane\n[kube_node]\nWorker_2\n");
  CHECK(kubegate_run({"lint", dir.path()}).out.find("[inventory-hostname-rfc1123]") == std::string::npos);
}

TEST_CASE("checks, explain and show", "[cli]") {
  Run list = kubegate_run({"checks"});
  CHECK(list.code == cli::kClean);
  CHECK(list.out.find("csr-approver-external-cloud") != std::string::npos);
  Run explain = kubegate_run({"explain", "csr-approver-external-cloud"});
  CHECK(explain.code == cli::kClean);
  CHECK(explain.out.find("## How to fix") != std::string::npos);
  CHECK(kubegate_run({"explain", "nope"}).code == cli::kUsageError);

  Run show = kubegate_run({"show", "--kubespray-version", "2.24.0", "--host", "cp1", kExamples + "kubespray-12059"});
  CHECK(show.code == cli::kClean);
  CHECK(show.out.find("kubespray release: 2.24.0") != std::string::npos);
  CHECK(show.out.find("cloud provider:     external") != std::string::npos);
  CHECK(show.out.find("group_vars/all/all.yml:4:1") != std::string::npos);
  CHECK(show.out.find("cp1  roles: control-plane,etcd") != std::string::npos);
  CHECK(show.out.find("external_vsphere_password = <secret>") != std::string::npos);
  CHECK(show.out.find("REDACTED") == std::string::npos);
}

TEST_CASE("the feature-gate example reports locked, removed, misspelled and no-op gates", "[cli][feature-gates]") {
  Run bad = kubegate_run({"lint", "--format", "json", "--kubespray-version", "2.31.0", kExamples + "kubespray-feature-gates"});
  CHECK(bad.code == cli::kFindings);
  std::multiset<std::string> checks;
  const auto doc = nlohmann::json::parse(bad.out);
  for (const auto& f : doc["findings"]) checks.insert(f["check"].get<std::string>());
  CHECK(checks == std::multiset<std::string>{"feature-gate-deprecated", "feature-gate-locked", "feature-gate-unknown",
                                             "feature-gate-unknown"});
  CHECK(bad.out.find("GracefulNodeShutdown") != std::string::npos);  // the suggestion
  Run fixed = kubegate_run(
      {"lint", "--fail-on", "info", "--kubespray-version", "2.31.0", kExamples + "kubespray-feature-gates-fixed"});
  CHECK(fixed.code == cli::kClean);
  CHECK(fixed.out.empty());
}

TEST_CASE("paths are spelled one way: relative to the working directory, without ./", "[cli][paths]") {
  TempDir dir({{"inv/inventory.ini", "[kube_control_plane]\ncp1\n[etcd:children]\nkube_control_plane\n[kube_node]\nCP_X\n"},
               {"inv/group_vars/all/all.yml", "kube_network_plugin: calcio\n"}});
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  std::set<std::string> searched, named, dotted;
  for (const auto& [args, files] : {std::pair{std::vector<std::string>{"lint", "--format", "json"}, &searched},
                                    {{"lint", "--format", "json", "inv"}, &named},
                                    {{"lint", "--format", "json", "./inv/"}, &dotted}}) {
    auto doc = nlohmann::json::parse(kubegate_run(args).out);
    for (const auto& f : doc["findings"]) files->insert(f["location"]["file"].get<std::string>());
  }
  std::filesystem::current_path(before);
  CHECK(searched == std::set<std::string>{"inv/group_vars/all/all.yml", "inv/inventory.ini"});
  CHECK(named == searched);
  CHECK(dotted == searched);
}

TEST_CASE("control characters of the input never reach the terminal or a CI log raw", "[cli][hostile]") {
  // A host name with an ESC colour sequence and a newline that would forge a GitHub workflow command.
  const std::string evil = "Evil\x1b[31mHost\n::error file=x::forged";
  TempDir dir({{"inventory.ini", "[kube_control_plane]\n\"" + evil + "\"\n[etcd:children]\nkube_control_plane\n"
                                 "[kube_node]\nw1\n[k8s_cluster:children]\nkube_control_plane\nkube_node\n"},
               {"group_vars/all/all.yml", "kube_network_plugin: \"calico\\x1b]0;title\\x07\"\n"}});
  for (const std::vector<std::string>& args : {std::vector<std::string>{"lint", dir.path()},
                                               {"lint", "--color", "always", dir.path()},
                                               {"show", dir.path()},
                                               {"show", "--host", "w1", dir.path()}}) {
    Run r = kubegate_run(args);
    INFO(args[0] << " " << args[1] << "\n" << r.out);
    for (const std::string& line : {std::string("::error file=x::forged")}) {
      auto at = r.out.find(line);
      CHECK((at == std::string::npos || (at > 0 && r.out[at - 1] != '\n')));
    }
    CHECK(r.out.find("\x1b[31mHost") == std::string::npos);
    CHECK(r.out.find("\x1b]0;") == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
  }
}

TEST_CASE("a file named from inside its inventory finds the hosts file above", "[cli][paths]") {
  TempDir dir({{"inv/inventory.ini", "[kube_control_plane]\ncp1\n[etcd:children]\nkube_control_plane\n[kube_node]\nCP_X\n"},
               {"inv/group_vars/all/all.yml", "kube_network_plugin: calico\n"}});
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir.path("inv/group_vars/all"));
  Run r = kubegate_run({"lint", "--format", "json", "all.yml"});
  std::filesystem::current_path(before);
  CHECK(r.code == cli::kFindings);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["errors"].empty());
  bool hosts = false;
  for (const auto& f : doc["findings"]) hosts = hosts || f["location"]["file"] == "../../inventory.ini";
  CHECK(hosts);  // CP_X: inventory-hostname-rfc1123, found in the hosts file two folders up
}

TEST_CASE("github: one workflow command per finding, escaped as GitHub reads them", "[cli][github]") {
  Run r = kubegate_run({"lint", "--format", "github", "--kubespray-version", "2.24.0", kExamples + "kubespray-12059"});
  CHECK(r.code == cli::kFindings);
  std::istringstream lines(r.out);
  int annotations = 0;
  for (std::string line; std::getline(lines, line); ++annotations) {
    INFO(line);
    CHECK(line.rfind("::error file=", 0) == 0);
    const auto props = line.substr(2, line.find("::", 2) - 2);
    CHECK(props.find(",line=") != std::string::npos);
    CHECK(props.find(",title=csr-approver-external-cloud") != std::string::npos);
    CHECK(line.find("%0Afix: ") != std::string::npos);  // the fix, on its own line in the annotation
  }
  CHECK(annotations == 1);
  // A message's %, CR, LF and a property's ':' and ',' are escaped; a load error is annotated too.
  TempDir dir({{"a,b:c%/inventory.ini", "[kube_node]\nnode1 ansible_host\n"}});
  Run bad = kubegate_run({"lint", "--format", "github", dir.path("a,b:c%")});
  CHECK(bad.code == cli::kLoadError);
  CHECK(bad.out.find("a%2Cb%3Ac%25/inventory.ini,line=2,col=7,endLine=2,title=load-error::") != std::string::npos);
}

TEST_CASE("github: in a GitHub Actions job the text output carries annotations too", "[cli][github]") {
  const std::string example = kExamples + "kubespray-12059";
  ::setenv("GITHUB_ACTIONS", "true", 1);
  Run both = kubegate_run({"lint", "--kubespray-version", "2.24.0", example});
  Run chosen = kubegate_run({"lint", "--format", "text", "--kubespray-version", "2.24.0", example});
  ::unsetenv("GITHUB_ACTIONS");
  Run local = kubegate_run({"lint", "--kubespray-version", "2.24.0", example});
  CHECK(both.out.find("[csr-approver-external-cloud]") != std::string::npos);
  CHECK(both.out.find("\n::error file=") != std::string::npos);
  CHECK(chosen.out.find("::error file=") == std::string::npos);
  CHECK(local.out.find("::error file=") == std::string::npos);
}

TEST_CASE("sarif: every run of the examples is valid SARIF 2.1.0", "[cli][sarif]") {
  std::ifstream in(std::string(KUBEGATE_SOURCE_DIR) + "/tests/data/sarif-schema-2.1.0.json");
  const nlohmann::json schema = nlohmann::json::parse(in);
  int results = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kExamples)) {
    if (!entry.is_directory()) continue;
    Run r = kubegate_run({"lint", "--format", "sarif", entry.path().string()});
    INFO(entry.path().string());
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    std::vector<std::string> errors;
    test::validate(doc, schema, schema, "$", errors);
    CHECK(errors.empty());
    for (const std::string& e : errors) UNSCOPED_INFO(e);
    const auto& run = doc["runs"][0];
    CHECK(run["invocations"][0]["exitCode"] == r.code);
    CHECK(run["tool"]["driver"]["rules"].size() == all_checks().size() + 1);  // and load-error
    for (const auto& result : run["results"]) {
      ++results;
      const auto& rule = run["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()];
      CHECK(rule["id"] == result["ruleId"]);
      if (result.contains("locations")) CHECK(result["partialFingerprints"].contains("kubegate/v2"));
    }
    // Every check's rule links its upstream source.
    for (const auto& rule : run["tool"]["driver"]["rules"])
      if (rule["id"] != "load-error") {
        INFO(rule["id"]);
        CHECK(rule.value("helpUri", "").rfind("https://", 0) == 0);
      }
  }
  CHECK(results > 0);
  // The validator does refuse what SARIF forbids.
  nlohmann::json broken = nlohmann::json::parse(
      kubegate_run({"lint", "--format", "sarif", "--kubespray-version", "2.24.0", kExamples + "kubespray-12059"}).out);
  broken["runs"][0]["results"][0]["level"] = "fatal";
  broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  std::vector<std::string> refused;
  test::validate(broken, schema, schema, "$", refused);
  CHECK(refused.size() >= 2);
  // The SARIF fingerprint of the first result of `rule` when linting `path`.
  auto fingerprint = [&](const std::string& path, const char* rule) {
    auto doc = nlohmann::json::parse(kubegate_run({"lint", "--format", "sarif", "--kubespray-version", "2.24.0", path}).out);
    for (const auto& result : doc["runs"][0]["results"])
      if (result["ruleId"] == rule) return result["partialFingerprints"]["kubegate/v2"].get<std::string>();
    return std::string();
  };
  // A fingerprint does not move with the line: insert a line above the finding.
  TempDir dir({{"inventory.ini", "[kube_control_plane]\nCP_1\n[etcd:children]\nkube_control_plane\n[kube_node]\nw1\n"}});
  const std::string before = fingerprint(dir.path(), "inventory-hostname-rfc1123");
  dir.write("inventory.ini", "# a comment\n[kube_control_plane]\nCP_1\n[etcd:children]\nkube_control_plane\n[kube_node]\nw1\n");
  CHECK_FALSE(before.empty());
  CHECK(fingerprint(dir.path(), "inventory-hostname-rfc1123") == before);

  // A finding about a setting is fingerprinted on its key: the line may change around it.
  TempDir kv({{"inventory.ini", "[kube_control_plane]\ncp1\n[etcd:children]\nkube_control_plane\n[kube_node]\ncp1\n"},
              {"group_vars/all.yml", "kube_network_plugin: calico\nkube_proxy_mode: ipvs_typo\n"}});
  const std::string keyed_before = fingerprint(kv.path(), "kubespray-value-not-allowed");
  kv.write("group_vars/all.yml", "# proxy\nkube_proxy_mode:   ipvs_typo    # to try\nkube_network_plugin: calico\n");
  CHECK_FALSE(keyed_before.empty());
  CHECK(fingerprint(kv.path(), "kubespray-value-not-allowed") == keyed_before);
  Run json = kubegate_run({"lint", "--format", "json", "--kubespray-version", "2.24.0", kv.path()});
  const auto found = nlohmann::json::parse(json.out)["findings"];
  REQUIRE(found.size() >= 1);
  CHECK(found[0]["key"] == "kube_proxy_mode");
  CHECK(found[0]["inventory"] == kv.path("inventory.ini"));
}

TEST_CASE("every format of every example, in one run each with --output, matches its golden", "[cli][formats]") {
  // The release each example is linted with (examples/README.md).
  const std::map<std::string, std::vector<std::string>> release = {
      {"kubespray-12059", {"--kubespray-version", "2.24.0"}},
      {"kubespray-12059-fixed", {"--kubespray-version", "2.24.0"}},
      {"kubespray-feature-gates", {"--kubespray-version", "2.31.0"}},
      {"kubespray-feature-gates-fixed", {"--kubespray-version", "2.31.0"}}};
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(KUBEGATE_SOURCE_DIR);  // paths in the goldens are relative to the project
  TempDir out({});
  std::filesystem::create_directories(out.path());
  // Each format and its golden's extension.
  const std::map<std::string, std::string> formats = {{"json", "json"},   {"sarif", "sarif"},
                                                      {"github", "github"}, {"codeclimate", "codeclimate.json"},
                                                      {"checkstyle", "checkstyle.xml"}, {"junit", "junit.xml"}};
  int examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kExamples)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    INFO(name);
    ++examples;
    std::vector<std::string> args = {"lint"};
    if (auto r = release.find(name); r != release.end()) args.insert(args.end(), r->second.begin(), r->second.end());
    for (const auto& [f, ext] : formats) args.push_back("--output=" + f + "=" + out.path(name + "." + f));
    args.push_back("examples/" + name);
    Run r = kubegate_run(args);
    CHECK(r.out == test::golden("formats/" + name + ".txt", r.out));
    for (const auto& [f, ext] : formats) {
      INFO(f);
      std::ifstream in(out.path(name + "." + f));
      std::stringstream ss;
      ss << in.rdbuf();
      std::string report = ss.str();
      if (f == "sarif") {
        // The rules are each check's doc and the driver names the commit: the sarif test checks them.
        nlohmann::json doc = nlohmann::json::parse(report);
        CHECK(doc["runs"][0]["tool"]["driver"]["rules"].size() == all_checks().size() + 1);
        doc["runs"][0]["tool"].erase("driver");
        report = doc.dump(2) + "\n";
      }
      CHECK(report == test::golden("formats/" + name + "." + ext, report));
    }
  }
  std::filesystem::current_path(before);
  CHECK(examples == 10);
}

TEST_CASE("pre-commit hooks match the files of every platform and run once per commit", "[cli][pre-commit]") {
  std::ifstream in(std::string(KUBEGATE_SOURCE_DIR) + "/.pre-commit-hooks.yaml");
  std::vector<std::string> patterns;
  int hooks = 0, serial = 0, shared = 0;
  for (std::string line; std::getline(in, line);) {
    if (line == "  files: *files") {
      ++shared;
    } else if (auto at = line.find("files: &files "); at != std::string::npos) {
      patterns.push_back(line.substr(at + 14));
    }
    hooks += line.rfind("- id: ", 0) == 0;
    serial += line.find("require_serial: true") != std::string::npos;
  }
  REQUIRE(patterns.size() == 1);  // one pattern, which every other hook refers to
  CHECK(hooks == 3);
  CHECK(shared == hooks - 1);
  CHECK(serial == hooks);
  for (const std::string& pattern : patterns) {
    const std::regex files(pattern);  // pre-commit applies it with Python's re.search
    for (const char* path : {"inventory/prod/hosts.yaml", "inventory/prod/inventory.ini", "inventory/prod/group_vars/all/all.yml",
                             "inventory/prod/host_vars/node1.yml", "rke2/server1/config.yaml",
                             "rke2/server1/config.yaml.d/50-cni.yaml", "rke2/agent/registries.yaml",
                             "ansible/files/rke2-config.yaml", "rke2/config-agent.yaml", "kube-up/cluster.env"}) {
      INFO(path);
      CHECK(std::regex_search(path, files));
    }
    for (const char* path : {"README.md", "src/main.cpp", "charts/app/values.yaml"}) {
      INFO(path);
      CHECK_FALSE(std::regex_search(path, files));
    }
  }
}

TEST_CASE("a mistyped command, check, format or platform is a usage error that suggests the nearest", "[cli]") {
  const std::string example = std::string(kExamples) + "/kubespray-12059";
  Run command = kubegate_run({"lnt", example});
  CHECK(command.code == cli::kUsageError);
  CHECK(command.err.find("no command \"lnt\" (did you mean \"lint\"?)") != std::string::npos);
  Run explain = kubegate_run({"explain", "csr-aprover-external-cloud"});
  CHECK(explain.code == cli::kUsageError);
  CHECK(explain.err.find("(did you mean \"csr-approver-external-cloud\"?)") != std::string::npos);
  Run disable = kubegate_run({"lint", "--disable", "etcd-even-member", example});
  CHECK(disable.code == cli::kUsageError);
  CHECK(disable.err.find("(did you mean \"etcd-even-members\"?)") != std::string::npos);
  Run format = kubegate_run({"lint", "--format", "sarf", example});
  CHECK(format.code == cli::kUsageError);
  CHECK((format.out + format.err).find("(did you mean \"sarif\"?)") != std::string::npos);
  Run platform = kubegate_run({"lint", "--platform", "rke", example});
  CHECK(platform.code == cli::kUsageError);
  CHECK((platform.out + platform.err).find("(did you mean \"rke2\"?)") != std::string::npos);
  // Nothing near: no suggestion.
  Run far = kubegate_run({"explain", "zzzzzzzz"});
  CHECK(far.code == cli::kUsageError);
  CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("a release kubegate has no data for, and a host no inventory has, are usage errors", "[cli]") {
  const std::string example = std::string(kExamples) + "/kubespray-12059";
  Run future = kubegate_run({"lint", "--kubespray-version", "9.9.9", example});
  CHECK(future.code == cli::kUsageError);
  CHECK(future.err.find("unknown Kubespray release \"9.9.9\"") != std::string::npos);
  CHECK(kubegate_run({"lint", "--kubespray-version", "2.32.0", example}).code == cli::kUsageError);
  // A later patch of a known minor is judged on that minor's nearest earlier patch.
  CHECK(kubegate_run({"lint", "--kubespray-version", "2.24.9", example}).code == cli::kFindings);
  Run banana = kubegate_run({"lint", "--rke2-version", "banana", example});
  CHECK(banana.code == cli::kUsageError);
  CHECK(banana.err.find("--rke2-version banana: not an RKE2 release") != std::string::npos);
  Run host = kubegate_run({"show", example, "--host", "nosuchhost"});
  CHECK(host.code == cli::kUsageError);
  CHECK(host.err.find("--host nosuchhost: no such host") != std::string::npos);
  CHECK(kubegate_run({"show", example, "--host", "cp1"}).code == cli::kClean);
}

TEST_CASE("checks and show have --format json", "[cli][json]") {
  Run checks = kubegate_run({"checks", "--format", "json"});
  REQUIRE(checks.code == cli::kClean);
  const auto list = nlohmann::json::parse(checks.out);
  CHECK(list["checks"].size() == all_checks().size());
  CHECK(list["checks"][0].contains("severity"));
  const std::string example = std::string(kExamples) + "/kubespray-12059";
  Run show = kubegate_run({"show", "--format", "json", "--kubespray-version", "2.24.0", example, "--host", "cp1"});
  REQUIRE(show.code == cli::kClean);
  const auto model = nlohmann::json::parse(show.out);
  REQUIRE(model["inventories"].size() == 1);
  const auto& inv = model["inventories"][0];
  CHECK(inv["release"]["version"] == "2.24.0");
  CHECK(inv["facts"]["cloud_provider"]["value"] == "external");
  CHECK(inv["facts"]["cloud_provider"]["location"]["line"] == 4);
  REQUIRE(inv["nodes"].size() == 1);
  CHECK(inv["nodes"][0]["name"] == "cp1");
  CHECK(inv["nodes"][0]["variables"].contains("cloud_provider"));
}

TEST_CASE("colour: --color auto colours a terminal unless TERM=dumb or NO_COLOR is set and not empty", "[cli]") {
  CHECK(cli::colour_by_default(true, nullptr, "xterm-256color"));
  CHECK(cli::colour_by_default(true, "", "xterm"));  // an empty NO_COLOR does not count (no-color.org)
  CHECK_FALSE(cli::colour_by_default(true, "1", "xterm"));
  CHECK_FALSE(cli::colour_by_default(true, nullptr, "dumb"));
  CHECK_FALSE(cli::colour_by_default(false, nullptr, "xterm"));
}

TEST_CASE("version: --version names the commit and the data's versions", "[cli]") {
  Run v = kubegate_run({"--version"});
  CHECK(v.code == cli::kClean);
  CHECK(v.out.rfind(std::string("kubegate ") + KUBEGATE_TEST_VERSION, 0) == 0);
  CHECK(v.out.find("(commit ") != std::string::npos);
  CHECK(v.out.find("Kubespray releases v2.16.0 to v2.31.0 and master at ") != std::string::npos);
  CHECK(v.out.find("Kubernetes feature gates up to 1.") != std::string::npos);
  CHECK(v.out.find("RKE2 flags at 6ce1a8019e9d") != std::string::npos);
}

TEST_CASE("paths: an absolute path inside the working directory is printed relative to it", "[cli]") {
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(KUBEGATE_SOURCE_DIR);
  Run inside = kubegate_run({"lint", "--format", "json", "--kubespray-version", "2.24.0",
                             std::string(KUBEGATE_SOURCE_DIR) + "/examples/kubespray-12059"});
  std::filesystem::current_path(before);
  const auto found = nlohmann::json::parse(inside.out)["findings"];
  REQUIRE(found.size() == 1);
  CHECK(found[0]["location"]["file"] == "examples/kubespray-12059/group_vars/k8s_cluster/k8s-cluster.yml");
  CHECK(found[0]["inventory"] == "examples/kubespray-12059/inventory.ini");
  // Outside the working directory: as given.
  TempDir dir({{"inventory.ini", "[kube_control_plane]\nCP_1\n[etcd:children]\nkube_control_plane\n[kube_node]\nw1\n"}});
  Run outside = kubegate_run({"lint", dir.path()});
  CHECK(outside.out.find(dir.path("inventory.ini") + ":2:1:") != std::string::npos);
}
