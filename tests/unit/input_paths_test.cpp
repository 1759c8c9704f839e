// Every way an inventory sets a value, proved on a few representative checks: one case per input
// path, each naming the file and line the finding must point at (issue 14, "Every way a value is
// set"). A path that loses the value makes its case find nothing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

/// One way of setting the value: the files that set it, and where the finding must point.
struct Case {
  std::string path;
  Files files;
  std::string at;  // "file:line", relative to the inventory
};

/// Where `check` reports in a lint of `base` plus `extra` (files written after, appended to when
/// they exist in `base`), as "file:line" relative to the inventory.
std::vector<std::string> findings(const Files& base, const Files& extra, const std::vector<std::string>& args,
                                  const std::string& check) {
  TempDir dir({});
  std::map<std::string, std::string> files(base.begin(), base.end());
  for (const auto& [name, text] : extra) files[name] += text;
  for (const auto& [name, text] : files) dir.write(name, text);
  std::vector<std::string> argv = {"lint", "--format", "json", "--fail-on", "none"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back(dir.path());
  const test::Run run = test::kubegate_run(argv);
  INFO(run.err);
  const auto doc = nlohmann::json::parse(run.out);
  std::vector<std::string> out;
  for (const auto& f : doc["findings"])
    if (f["check"] == check) {
      std::string file = f["location"]["file"];
      file = file.substr(dir.path().size() + 1);
      out.push_back(file + ":" + std::to_string(f["location"]["line"].get<int>()));
    }
  return out;
}

void run_matrix(const Files& base, const std::vector<Case>& cases, const std::vector<std::string>& args,
                const std::string& check) {
  for (const Case& c : cases) {
    INFO(check << " set through " << c.path);
    CHECK(findings(base, c.files, args, check) == std::vector<std::string>{c.at});
  }
}

const std::string kHosts =
    "[kube_control_plane]\n"
    "cp1 ansible_host=10.0.0.1\n"
    "[etcd:children]\n"
    "kube_control_plane\n"
    "[kube_node]\n"
    "w1 ansible_host=10.0.0.2\n"
    "[k8s_cluster:children]\n"
    "kube_control_plane\n"
    "kube_node\n";  // 9 lines

const std::string kYamlHosts =
    "all:\n"
    "  hosts:\n"
    "    cp1:\n"
    "      ansible_host: 10.0.0.1\n"
    "    w1:\n"
    "      ansible_host: 10.0.0.2\n"
    "  children:\n"
    "    kube_control_plane:\n"
    "      hosts:\n"
    "        cp1:\n"
    "    etcd:\n"
    "      children:\n"
    "        kube_control_plane:\n"
    "    kube_node:\n"
    "      hosts:\n"
    "        w1:\n"
    "    k8s_cluster:\n"
    "      children:\n"
    "        kube_control_plane:\n"
    "        kube_node:\n";  // 20 lines

}  // namespace

TEST_CASE("a Kubespray setting holds wherever the inventory sets it", "[input-paths]") {
  // kube-proxy-mode-gate: kube_proxy_mode nftables on Kubernetes 1.30, a cluster-wide setting.
  const Files ini = {{"inventory.ini", kHosts}, {"group_vars/kube_control_plane.yml", "kube_version: 1.30.4\n"}};
  const std::string mode = "kube_proxy_mode: nftables\n";
  run_matrix(ini,
             {
                 {"group_vars/all.yml", {{"group_vars/all.yml", mode}}, "group_vars/all.yml:1"},
                 {"a file of the group_vars/all/ folder",
                  {{"group_vars/all/proxy.yml", "---\n" + mode}},
                  "group_vars/all/proxy.yml:2"},
                 {"group_vars/k8s_cluster.yml", {{"group_vars/k8s_cluster.yml", mode}}, "group_vars/k8s_cluster.yml:1"},
                 {"host_vars of the first control-plane host", {{"host_vars/cp1.yml", mode}}, "host_vars/cp1.yml:1"},
                 {"an INI [all:vars] block",
                  {{"inventory.ini", "[all:vars]\nkube_proxy_mode=nftables\n"}},
                  "inventory.ini:11"},
                 {"an INI [group:vars] block",
                  {{"inventory.ini", "[k8s_cluster:vars]\nkube_proxy_mode=nftables\n"}},
                  "inventory.ini:11"},
                 {"a Jinja reference to another variable",
                  {{"group_vars/all.yml", "proxy_choice: nftables\n"},
                   {"group_vars/k8s_cluster.yml", "kube_proxy_mode: \"{{ proxy_choice }}\"\n"}},
                  "group_vars/k8s_cluster.yml:1"},
             },
             {"--kubespray-version", "2.28.0"}, "kube-proxy-mode-gate");

  const Files yaml = {{"hosts.yaml", kYamlHosts}, {"group_vars/kube_control_plane.yml", "kube_version: 1.30.4\n"}};
  run_matrix(
      yaml,
      {
          {"a YAML inventory's vars:", {{"hosts.yaml", "  vars:\n    kube_proxy_mode: nftables\n"}}, "hosts.yaml:22"},
          {"a host's inline vars in a YAML inventory",
           {{"hosts.yaml",
             "    k8s_cluster_extra:\n      hosts:\n        cp1:\n          kube_proxy_mode: nftables\n"}},
           "hosts.yaml:24"},
      },
      {"--kubespray-version", "2.28.0"}, "kube-proxy-mode-gate");

  // feature-gate-unknown: a list item, in YAML and in an INI Python literal.
  run_matrix(ini,
             {
                 {"a YAML list in group_vars",
                  {{"group_vars/all.yml", "kube_feature_gates:\n  - Bogus=true\n"}},
                  "group_vars/all.yml:2"},
                 {"a Python-literal list in an INI [all:vars] block",
                  {{"inventory.ini", "[all:vars]\nkube_feature_gates=['NodeSwap=true', \"Bogus=true\"]\n"}},
                  "inventory.ini:11"},
                 {"a Python-literal list in a host's INI inline vars",
                  {{"inventory.ini", "[kube_control_plane]\ncp1 kube_feature_gates=\"['Bogus=true']\"\n"}},
                  "inventory.ini:11"},
             },
             {"--kubespray-version", "2.28.0"}, "feature-gate-unknown");

  // emulated-version-invalid: one key of a dict variable (kube-apiserver's extra arguments).
  const Files v134 = {{"inventory.ini", kHosts}, {"group_vars/kube_control_plane.yml", "kube_version: 1.34.3\n"}};
  const std::string args = "kube_kubeadm_apiserver_extra_args:\n  emulated-version: \"1.30\"\n";
  run_matrix(
      v134,
      {
          {"a YAML dict in group_vars", {{"group_vars/all.yml", args}}, "group_vars/all.yml:2"},
          {"a dict in host_vars of the first control-plane host", {{"host_vars/cp1.yml", args}}, "host_vars/cp1.yml:2"},
          {"a Python-literal dict in an INI [all:vars] block",
           {{"inventory.ini", "[all:vars]\nkube_kubeadm_apiserver_extra_args={'emulated-version': '1.30'}\n"}},
           "inventory.ini:11"},
          {"a Jinja reference to another variable",
           {{"group_vars/all.yml", "my_apiserver_args:\n  emulated-version: \"1.30\"\n"},
            {"group_vars/k8s_cluster.yml", "kube_kubeadm_apiserver_extra_args: \"{{ my_apiserver_args }}\"\n"}},
           "group_vars/all.yml:2"},
      },
      {"--kubespray-version", "2.30.0"}, "emulated-version-invalid");

  // network-overlap: a release default (kube_pods_subnet 10.233.64.0/18) against the inventory's value.
  run_matrix(ini,
             {{"a default of the targeted release against a group_vars value",
               {{"group_vars/k8s_cluster.yml", "kube_service_addresses: 10.233.0.0/16\n"}},
               "group_vars/k8s_cluster.yml:1"}},
             {"--kubespray-version", "2.28.0"}, "network-overlap");

  // kubespray-node-address: a per-host value (ip), on the host line, in host_vars and for a group.
  run_matrix(
      ini,
      {
          {"a host's INI inline vars", {{"inventory.ini", "[kube_node]\nw1 ip=10.0.0.300\n"}}, "inventory.ini:11"},
          {"host_vars", {{"host_vars/w1.yml", "ip: 10.0.0.300\n"}}, "host_vars/w1.yml:1"},
          {"group_vars of a group", {{"group_vars/kube_node.yml", "ip: 10.0.0.300\n"}}, "group_vars/kube_node.yml:1"},
      },
      {"--kubespray-version", "2.24.0"}, "kubespray-node-address");
}

TEST_CASE("an RKE2 setting holds wherever RKE2 or rke2-ansible sets it", "[input-paths]") {
  run_matrix(
      {{"config.yaml", "token-file: /etc/rancher/rke2/token\n"}},
      {
          {"config.yaml", {{"config.yaml", "node-label:\n  - gpu\n"}}, "config.yaml:3"},
          {"a config.yaml.d drop-in",
           {{"config.yaml.d/50-gpu.yaml", "node-label:\n  - gpu\n"}},
           "config.yaml.d/50-gpu.yaml:2"},
          {"a key+: append in a drop-in",
           {{"config.yaml", "node-label:\n  - zone=a\n"}, {"config.yaml.d/50-gpu.yaml", "node-label+:\n  - gpu\n"}},
           "config.yaml.d/50-gpu.yaml:2"},
      },
      {}, "rke2-node-label-taint");
  run_matrix({{"hosts.ini",
               "[rke2_servers]\nserver1\n[rke2_agents]\nagent1\n[rke2_cluster:children]\nrke2_servers\nrke2_agents\n"}},
             {{"an rke2-ansible rke2_config in group_vars",
               {{"group_vars/rke2_agents.yml", "rke2_config:\n  node-label:\n    - gpu\n"}},
               "group_vars/rke2_agents.yml:3"}},
             {}, "rke2-node-label-taint");
  run_matrix({{"config.yaml", "kube-apiserver-arg:\n  - audit-log-maxage=30\n"}},
             {{"a key+: append in a drop-in",
               {{"config.yaml.d/50-emulation.yaml", "kube-apiserver-arg+:\n  - emulated-version=1.30\n"}},
               "config.yaml.d/50-emulation.yaml:2"}},
             {"--rke2-version", "v1.34.2+rke2r1"}, "emulated-version-invalid");
}

TEST_CASE("a kube-up setting holds through ${VAR:-default}", "[input-paths]") {
  run_matrix(
      {{"kube-up.env", "export NUM_NODES=2\n"}},
      {{"a ${VAR:-default}", {{"kube-up.env", "export NUM_WINDOWS_NODES=${NUM_WINDOWS_NODES:-2}\n"}}, "kube-up.env:2"}},
      {}, "kubeup-windows-node-platform");
  run_matrix({{"kube-up.env", "export KUBE_VERSION=v1.30.4\n"}},
             {{"a ${VAR:-default}",
               {{"kube-up.env", "export APISERVER_TEST_ARGS=${APISERVER_TEST_ARGS:---emulated-version=1.29}\n"}},
               "kube-up.env:2"}},
             {}, "emulated-version-invalid");
}
