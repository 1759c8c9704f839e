// The secrets policy end to end: inventories of every platform full of secrets (each marked
// "s3cr3t"), linted in every output format (text, JSON, SARIF, GitHub, Code Climate, JUnit,
// checkstyle) and shown with every host, never print one. Each
// input also makes a finding whose quoted source line holds a secret, so that snippets are
// exercised, not only `show`.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::kubegate_run;
using kubegate::test::Run;
using kubegate::test::TempDir;

namespace {

/// Every command and format over `path` (and `show --host` for each host), checked for "s3cr3t".
void no_secret_printed(const std::string& path, const std::vector<std::string>& hosts, const std::string& finding) {
  std::vector<std::vector<std::string>> runs = {
      {"lint", "--color", "always", path}, {"show", path}, {"show", "--format", "json", path}};
  for (const char* format : {"json", "sarif", "github", "codeclimate", "junit", "checkstyle"})
    runs.push_back({"lint", "--format", format, path});
  for (const std::string& h : hosts) {
    runs.push_back({"show", path, "--host", h});
    runs.push_back({"show", "--format", "json", path, "--host", h});
  }
  bool found = false;
  for (const auto& args : runs) {
    Run r = kubegate_run(args);
    std::string command;
    for (const std::string& a : args) command += a + " ";
    INFO(command);
    CHECK(r.code != cli::kUsageError);
    CHECK(r.code != cli::kLoadError);
    CHECK(r.out.find("s3cr3t") == std::string::npos);
    CHECK(r.err.find("s3cr3t") == std::string::npos);
    found = found || r.out.find(finding) != std::string::npos;
  }
  CHECK(found);  // the input did make the finding whose snippet quotes a secret's line
}

}  // namespace

TEST_CASE("secrets: no Kubespray secret reaches any output", "[secrets]") {
  TempDir dir({
      {"inventory.ini",
       "[kube_control_plane]\n"
       "cp1 ansible_host=10.0.0.1 ansible_become_pass=s3cr3t-become ansible_ssh_pass='s3cr3t ssh'\n"
       "Node_1 ansible_password=s3cr3t-snippet ansible_user=deploy\n"
       "[etcd]\ncp1\n[kube_node]\nNode_1\n"
       "[k8s_cluster:children]\nkube_control_plane\nkube_node\n"},
      {"group_vars/all/all.yml",
       "registry_credentials: s3cr3t-registry\n"
       "metallb_api_key: \"s3cr3t-apikey\"\n"
       "external_openstack_password: s3cr3t-openstack\n"
       "copied_password: \"{{ registry_credentials }}\"\n"
       "copied_plain: \"{{ metallb_api_key }}\"\n"
       "registry_mirror: https://deploy:s3cr3t-url@mirror.example/v2\n"
       "tls_bundle: |\n  -----BEGIN PRIVATE KEY-----\n  s3cr3t-pem\n  -----END PRIVATE KEY-----\n"
       "credentials_list:\n  - user: deploy\n    password: s3cr3t-nested\n"},
      {"host_vars/cp1.yml", "cilium_ipsec_key: s3cr3t-ipsec\n"},
  });
  no_secret_printed(dir.path(), {"cp1", "Node_1"}, "inventory-hostname-rfc1123");
}

TEST_CASE("secrets: no RKE2 secret reaches any output", "[secrets]") {
  TempDir dir({
      {"server1/config.yaml",
       "token: s3cr3t-token\nagent-token: s3cr3t-agent\n"
       "datastore-endpoint: postgres://kube:s3cr3t-datastore@db.example:5432/k3s\n"
       "etcd-s3-secret-key: s3cr3t-s3\ncni: not-a-cni\n"},
      {"server2/config.yaml",
       "token: s3cr3t-token2\nserver: https://server1.example:9345\n"
       "cluster-init: true\ncni: canal\n"},
      {"agent1/config.yaml", "server: https://server1.example:9345\ntoken: s3cr3t-token\n"},
      {"agent1/registries.yaml",
       "mirrors:\n  docker.io:\n    endpoint: [\"https://puller:s3cr3t-mirror@mirror.example\"]\n"
       "configs:\n  mirror.example:\n    auth:\n      username: puller\n      password: s3cr3t-regpass\n"
       "      auth: s3cr3t-regauth\n      identitytoken: s3cr3t-identity\n"},
  });
  no_secret_printed(dir.path(), {"server1", "server2", "agent1"}, "[rke2-");
}

TEST_CASE("secrets: no kube-up secret reaches any output", "[secrets]") {
  TempDir dir({{"kube-up.env",
                "KUBE_PASSWORD=s3cr3t-kubepass\nKUBELET_TOKEN=$(echo s3cr3t-kubelet)\n"
                "MY_API_KEY=s3cr3t-apikey\nKUBE_REGISTRY_CREDENTIALS='s3cr3t-creds'\n"
                "NUM_WINDOWS_NODES=2 KUBE_BEARER_TOKEN=s3cr3t-bearer\n"}});
  no_secret_printed(dir.path("kube-up.env"), {"kubernetes-master"}, "[kubeup-");
}
