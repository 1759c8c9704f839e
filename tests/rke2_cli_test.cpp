// RKE2 end to end through cli::run: the Windows-registry example and its fixed twin, and
// secrets never printed by any output format or by `show`.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;
using kubegate::test::Run;
using kubegate::test::kubegate_run;
using kubegate::test::kExamples;

TEST_CASE("lint: the RKE2 Windows agent with a private registry fails, its fixed twin passes", "[cli][rke2]") {
  Run bad = kubegate_run({"lint", kExamples + "rke2-windows-registry"});
  CHECK(bad.code == cli::kFindings);
  CHECK(bad.out.find("registries.yaml:7:5: error: Windows node \"win1\" ignores the auth and tls of registry "
                     "\"registry.corp.example:5000\"") != std::string::npos);
  CHECK(bad.out.find("[rke2-windows-registry-configs]") != std::string::npos);
  CHECK(bad.out.find("[rke2-windows-registry-path]") != std::string::npos);
  CHECK(bad.out.find("the default cni \"canal\" does not support Windows nodes") != std::string::npos);
  CHECK(bad.out.find("3 error(s), 0 warning(s)") != std::string::npos);

  Run json = kubegate_run({"lint", "--format", "json", kExamples + "rke2-windows-registry"});
  CHECK(json.code == cli::kFindings);
  auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["findings"].size() == 3);
  CHECK(doc["errors"].empty());

  Run fixed = kubegate_run({"lint", "--fail-on", "info", kExamples + "rke2-windows-registry-fixed"});
  CHECK(fixed.code == cli::kClean);
  CHECK(fixed.out.empty());
}

TEST_CASE("rke2: --rke2-version decides the release-dependent findings of a node folder", "[cli][rke2]") {
  TempDir dir({
      {"server1/config.yaml", "cni: calico\n"},
      {"win1/config.yaml", "server: https://10.0.0.10:9345\ntoken-file: C:/etc/rancher/rke2/token\n"},
      {"win1/registries.yaml", "configs:\n  \"10.0.0.5:5000\":\n    auth:\n      username: u\n      password: p\n"},
  });
  CHECK(kubegate_run({"lint", dir.path()}).code == cli::kClean);  // release unknown: silent
  Run old = kubegate_run({"lint", "--rke2-version", "v1.29.3+rke2r1", dir.path()});
  CHECK(old.code == cli::kFindings);
  CHECK(old.out.find("[rke2-windows-registry-configs]") != std::string::npos);
  CHECK(kubegate_run({"lint", "--rke2-version", "v1.29.14+rke2r1", dir.path()}).code == cli::kClean);
  Run show = kubegate_run({"show", "--rke2-version", "v1.29.3+rke2r1", dir.path()});
  CHECK(show.out.find("rke2 release: v1.29.3+rke2r1 (--rke2-version v1.29.3+rke2r1)") != std::string::npos);
  CHECK(show.out.find("win1  roles: worker  os: windows (Windows path") != std::string::npos);
}

TEST_CASE("rke2: tokens and registry passwords appear in no output", "[cli][rke2][secrets]") {
  const std::vector<std::string> secrets = {"tok3n-server-one", "tok3n-server-two", "ag3nt-token-x",
                                            "regpass-abc", "b64-auth-blob", "s3-secret-key-q",
                                            "K10-example-cluster-token-never-printed", "registry-password-never-printed"};
  TempDir dir({
      {"server1/config.yaml", "token: tok3n-server-one\nagent-token: ag3nt-token-x\netcd-s3-secret-key: s3-secret-key-q\n"
                              "cluster-cidr: 10.42.0.0/16\n"},
      {"server2/config.yaml", "server: https://server1:9345\ntoken: \"tok3n-server-two\"\nagent-token: ag3nt-token-x\n"
                              "cluster-cidr: 10.52.0.0/16\n"},
      {"agent1/config.yaml", "server: https://server1:6443\ntoken: tok3n-server-one\ncni: canal\n"},
      {"agent1/registries.yaml", "configs:\n  reg.example:\n    auth:\n      username: u\n      password: regpass-abc\n"
                                 "      auth: b64-auth-blob\n      tokn: regpass-abc\n"},
  });
  std::vector<Run> runs;
  for (const std::string& path : {dir.path(), kExamples + "rke2-windows-registry"}) {
    runs.push_back(kubegate_run({"lint", "--fail-on", "none", path}));
    runs.push_back(kubegate_run({"lint", "--format", "json", "--fail-on", "none", path}));
    runs.push_back(kubegate_run({"show", path}));
    for (const char* host : {"server1", "server2", "agent1", "win1"}) runs.push_back(kubegate_run({"show", "--host", host, path}));
  }
  // The fixture does produce findings on the secret lines (token mismatch, agent join).
  CHECK(runs[0].out.find("[rke2-server-mismatch]") != std::string::npos);
  CHECK(runs[0].out.find("token: ****") != std::string::npos);
  for (const Run& r : runs)
    for (const std::string& s : secrets) {
      INFO(r.out << r.err);
      CHECK(r.out.find(s) == std::string::npos);
      CHECK(r.err.find(s) == std::string::npos);
    }
}

TEST_CASE("rke2: with the platform named a config.yaml of misspelled keys only is linted and not refused", "[cli][rke2]") {
  TempDir dir({{"node/config.yaml", "tls-sans: [rke2.example]\ncluster_cidr: 10.42.0.0/16\n"}});
  // Detected by content, nothing in it is an RKE2 key: not recognised (a YAML file of any tool).
  CHECK(kubegate_run({"lint", dir.path("node")}).code == cli::kLoadError);
  for (const std::string& path : {dir.path("node"), dir.path("node/config.yaml")}) {
    Run named = kubegate_run({"lint", "--platform", "rke2", path});
    CHECK(named.code == cli::kFindings);
    CHECK(named.out.find("unknown key \"tls-sans\"") != std::string::npos);
    CHECK(named.out.find("did you mean \"cluster-cidr\"") != std::string::npos);
  }
}
