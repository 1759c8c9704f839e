// The RKE2 loader: drop-in merging key by key, registries.yaml, the three layouts, Windows
// detection, the release, and every RKE2 file of the corpus (tests/corpus/rke2).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/engine.hpp"
#include "kubegate/model/rke2.hpp"
#include "load/rke2/loader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;
using kubegate::test::TempDir;

namespace {

Workspace load_path(const std::string& path, const std::string& rke2_version = "") {
  LoadOptions opts;
  opts.paths = {path};
  opts.rke2_version = rke2_version;
  Workspace ws;
  std::string usage;
  REQUIRE(load(opts, ws, usage));
  return ws;
}

std::string where(const Workspace& ws, SourceLoc loc) {
  return fs::path(ws.sources.path(loc.file)).filename().string() + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.column);
}

}  // namespace

TEST_CASE("rke2: drop-ins merge in file-name order, key by key", "[rke2]") {
  TempDir dir({
      {"config.yaml", "cni: canal\nnode-label:\n  - a=1\n  - b=2\nnode-taint:\n  - t1=x:NoSchedule\ntls-san: one\n"
                      "kubelet-arg:\n  - max-pods=100\n"},
      {"config.yaml.d/20-second.yaml", "node-taint+:\n  - t2=y:NoSchedule\ntls-san+: two\nkubelet-arg+: v=2\n"},
      {"config.yaml.d/10-first.yml", "cni: calico\nnode-label:\n  - c=3\n"},
      {"config.yaml.d/30-third.YAML", "kubelet-arg:\n  - v=4\n"},
      {"config.yaml.d/40-ignored.txt", "cni: cilium\n"},
      {"config.yaml.d/sub/50.yaml", "cni: flannel\n"},
  });
  Workspace ws = load_path(dir.path());
  REQUIRE(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  const Cluster& c = ws.clusters[0];
  CHECK(c.platform == Platform::rke2);
  REQUIRE(c.nodes.size() == 1);
  const Scope& v = c.nodes[0].vars;

  SECTION("a later file replaces the whole value") {
    Setting cni = v.get("cni");
    CHECK(cni.value.text == "calico");
    CHECK(where(ws, cni.loc()) == "10-first.yml:1:1");
    CHECK(cni.overridden.size() == 2);  // config.yaml and the rke2 default
    Setting labels = v.get("node-label");
    REQUIRE(labels.value.items.size() == 1);
    CHECK(labels.value.items[0].text == "c=3");
    CHECK(where(ws, labels.value.items[0].loc) == "10-first.yml:3:5");
  }
  SECTION("key+ appends; earlier items keep their own positions") {
    Setting taints = v.get("node-taint");
    REQUIRE(taints.value.items.size() == 2);
    CHECK(taints.value.items[0].text == "t1=x:NoSchedule");
    CHECK(where(ws, taints.value.items[0].loc) == "config.yaml:6:5");
    CHECK(taints.value.items[1].text == "t2=y:NoSchedule");
    CHECK(where(ws, taints.value.items[1].loc) == "20-second.yaml:2:5");
    CHECK(where(ws, taints.loc()) == "20-second.yaml:1:1");
    Setting san = v.get("tls-san");  // a scalar becomes a one-item list
    REQUIRE(san.value.items.size() == 2);
    CHECK(san.value.items[0].text == "one");
    CHECK(san.value.items[1].text == "two");
  }
  SECTION("a later file without + replaces what earlier ones appended") {
    Setting args = v.get("kubelet-arg");
    REQUIRE(args.value.items.size() == 1);
    CHECK(args.value.items[0].text == "v=4");
    CHECK(where(ws, args.loc()) == "30-third.YAML:1:1");
  }
  SECTION("other extensions and subfolders are not read") {
    for (const auto& t : c.tables) CHECK(t->owner.find("40-ignored") == std::string::npos);
    CHECK(v.get("cni").value.text != "flannel");
  }
}

TEST_CASE("rke2: key+ without an earlier value sets it, and drop-ins work without config.yaml", "[rke2]") {
  TempDir dir({{"config.yaml.d/a.yaml", "node-label+: x=1\n"}, {"config.yaml.d/b.yaml", "node-label+:\n  - y=2\n"}});
  Workspace ws = load_path(dir.path());
  REQUIRE(ws.errors.empty());
  Setting labels = ws.clusters.at(0).nodes.at(0).vars.get("node-label");
  REQUIRE(labels.value.items.size() == 2);
  CHECK(labels.value.items[0].text == "x=1");
  CHECK(labels.value.items[1].text == "y=2");
}

TEST_CASE("rke2: registries.yaml is parsed with positions, and secrets are kept as secrets", "[rke2]") {
  TempDir dir({{"registries.yaml",
                "mirrors:\n  docker.io:\n    endpoint:\n      - https://m.example:5000\n    endpoints: [x]\n"
                "configs:\n  \"m.example:5000\":\n    auth:\n      username: u\n      password: p4ss\n"
                "      token: t0k\n    tls:\n      ca_file: /ca.pem\n      cert_file: /c.pem\n      key_file: /k.pem\n"
                "      insecure_skip_verify: true\n"}});
  Workspace ws = load_path(dir.path());
  REQUIRE(ws.errors.empty());
  const Cluster& c = ws.clusters.at(0);
  REQUIRE(c.registries.size() == 1);
  CHECK(c.nodes.at(0).registries == 0);
  const Registries& r = c.registries[0];
  REQUIRE(r.mirrors.size() == 1);
  CHECK(r.mirrors[0].name == "docker.io");
  REQUIRE(r.mirrors[0].endpoints.size() == 1);
  CHECK(where(ws, r.mirrors[0].endpoints[0].loc) == "registries.yaml:4:9");
  REQUIRE(r.configs.size() == 1);
  const RegistryConfig& rc = r.configs[0];
  CHECK(rc.host == "m.example:5000");
  CHECK(rc.auth.line == 8);
  CHECK(rc.ca_file.text == "/ca.pem");
  CHECK(rc.cert_file.text == "/c.pem");
  CHECK(rc.key_file.text == "/k.pem");
  CHECK(rc.insecure_skip_verify.boolean);
  for (const MapEntry& a : rc.auth_fields) {
    if (a.key == "username") continue;
    CHECK(a.value.kind == Value::Kind::secret);
    CHECK(a.value.text.find("p4ss") == std::string::npos);
  }
  std::vector<std::string> unknown;
  for (const MapEntry& k : r.unknown_keys) unknown.push_back(k.key);
  CHECK(unknown == std::vector<std::string>{"mirrors.\"docker.io\".endpoints", "configs.\"m.example:5000\".auth.token"});
  std::string_view text = ws.sources.text(r.loc.file);
  CHECK(text.find("p4ss") == std::string_view::npos);
  CHECK(text.find("t0k") == std::string_view::npos);
  CHECK(text.find("username: u\n") != std::string_view::npos);
}

TEST_CASE("rke2: a cluster folder holds one node folder per node", "[rke2]") {
  TempDir dir({
      {"server1/config.yaml", "tls-san: [rke2.example]\ncluster-cidr: 10.42.0.0/16,fd00:42::/56\n"
                              "service-cidr: 10.43.0.0/16,fd00:43::/112\n"
                              "kube-apiserver-arg:\n  - \"feature-gates=NodeSwap=true,Foo=false\"\n"},
      {"agent1/config.yaml", "server: https://rke2.example:9345\ntoken: s3cr3t-token\n"},
      {"win1/config.yaml", "server: https://rke2.example:9345\ntoken: s3cr3t-token\ndata-dir: c:\\var\\lib\\rancher\\rke2\n"},
  });
  Workspace ws = load_path(dir.path(), "v1.30.4+rke2r1");
  REQUIRE(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  const Cluster& c = ws.clusters[0];
  REQUIRE(c.nodes.size() == 3);
  CHECK(c.nodes[0].name == "agent1");
  CHECK(c.nodes[0].roles == role_worker);
  CHECK(c.nodes[0].os == Os::linux);
  CHECK(c.nodes[1].name == "server1");
  CHECK(rke2_server(c.nodes[1]));
  CHECK(c.nodes[2].name == "win1");
  CHECK(c.nodes[2].os == Os::windows);
  CHECK(c.nodes[2].os_reason.find("data-dir") != std::string::npos);
  CHECK(c.nodes[2].roles == role_worker);
  CHECK(c.release.version == "v1.30.4+rke2r1");
  CHECK(c.kubernetes_version.value.text == "1.30.4");
  CHECK(c.ipv4.enabled == true);
  CHECK(c.ipv6.enabled == true);
  CHECK(c.ipv4.pods.value.text == "10.42.0.0/16");
  CHECK(c.ipv6.pods.value.text == "fd00:42::/56");
  CHECK(where(ws, c.ipv6.pods.loc()) == "config.yaml:2:28");
  CHECK(c.network_plugin.value.text == "canal");
  REQUIRE(c.feature_gates.size() == 2);
  CHECK(c.feature_gates[0].name == "NodeSwap");
  CHECK(c.feature_gates[0].component == "kube-apiserver");
  CHECK(c.feature_gates[0].enabled == true);
  CHECK(c.feature_gates[0].loc.column == 5 + 1 + 14);  // the quote, then "feature-gates="
  CHECK(c.feature_gates[1].enabled == false);
  Setting token = c.nodes[0].vars.get("token");
  CHECK(token.value.kind == Value::Kind::secret);
  CHECK(token.value.display() == "<secret>");
}

TEST_CASE("rke2: an rke2-ansible inventory", "[rke2]") {
  TempDir dir({
      {"hosts.ini", "[rke2_servers]\ns1\ns2\n\n[rke2_agents]\na1\nw1 ansible_connection=winrm\nw2\n\n"
                    "[rke2_cluster:children]\nrke2_servers\nrke2_agents\n"},
      {"group_vars/all.yml", "install_rke2_version: v1.31.6+rke2r1\n"
                             "registry_config_file_path: \"{{ playbook_dir }}/files/registries.yaml\"\n"
                             "rke2_config:\n  cni: calico\n  selinux: true\n"},
      {"group_vars/rke2_agents.yml", "rke2_config:\n  node-label: [tier=apps]\n"},
      {"host_vars/s2.yml", "rke2_config:\n  cni: flannel\n"},
      {"host_vars/w2.yml", "ansible_os_family: Windows\n"},
      {"files/registries.yaml", "mirrors:\n  docker.io:\n    endpoint: [\"https://m.example\"]\n"},
  });
  Workspace ws = load_path(dir.path());
  REQUIRE(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  const Cluster& c = ws.clusters[0];
  CHECK(c.platform == Platform::rke2);
  CHECK(c.release.version == "v1.31.6+rke2r1");
  REQUIRE(c.nodes.size() == 5);
  std::map<std::string, const Node*> by;
  for (const Node& n : c.nodes) by[n.name] = &n;
  CHECK(rke2_server(*by["s1"]));
  CHECK(by["a1"]->roles == role_worker);
  CHECK(by["w1"]->os == Os::windows);
  CHECK(by["w1"]->os_reason.rfind("ansible_connection=winrm", 0) == 0);
  CHECK(by["w2"]->os == Os::windows);
  CHECK(by["a1"]->os == Os::linux);
  // rke2_config is replaced as a whole, not merged.
  CHECK(by["s1"]->vars.get("cni").value.text == "calico");
  CHECK(by["s2"]->vars.get("cni").value.text == "flannel");
  CHECK_FALSE(by["s2"]->vars.get("selinux"));
  CHECK(by["a1"]->vars.get("cni").is_default());
  CHECK_FALSE(by["a1"]->vars.get("selinux"));
  CHECK(by["a1"]->vars.get("node-label").value.items.size() == 1);
  CHECK(by["a1"]->registries == 0);
  REQUIRE(c.registries.size() == 1);
  CHECK(c.registries[0].mirrors.size() == 1);
}

TEST_CASE("rke2: each node's own release, and the servers' release for the cluster", "[rke2]") {
  TempDir dir({
      {"hosts.ini",
       "[rke2_agents]\na1\na2 install_rke2_version=\"{{ lookup('env', 'V') }}\"\na3\n\n"
       "[rke2_servers]\ns1\n\n[rke2_cluster:children]\nrke2_servers\nrke2_agents\n"},
      {"group_vars/rke2_agents.yml", "install_rke2_version: v1.32.3+rke2r1\n"},
      {"group_vars/rke2_servers.yml", "install_rke2_version: v1.31.7+rke2r1\n"},
      {"host_vars/a3.yml", "ansible_host: 10.0.0.3\n"},
  });
  Workspace ws = load_path(dir.path());
  REQUIRE(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  const Cluster& c = ws.clusters[0];
  // The agents come first in the file; the servers' release is the cluster's all the same.
  CHECK(c.release.version == "v1.31.7+rke2r1");
  REQUIRE(c.node_releases.size() == 4);
  std::map<std::string, const NodeRelease*> by;
  for (const NodeRelease& r : c.node_releases) by[c.nodes.at(r.node).name] = &r;
  REQUIRE(by.count("a1"));
  CHECK(by["a1"]->stated.name == "install_rke2_version");
  REQUIRE(by["a1"]->kubernetes);
  CHECK(by["a1"]->kubernetes->minor_version().str() == "1.32");
  CHECK(where(ws, by["a3"]->stated.loc()) == "rke2_agents.yml:1:1");  // its group's, not its host_vars
  REQUIRE(by.count("a2"));
  CHECK_FALSE(by["a2"]->kubernetes);  // templated: cannot be told
  REQUIRE(by.count("s1"));
  CHECK(by["s1"]->kubernetes->minor_version().str() == "1.31");
}

TEST_CASE("rke2: Windows detection reasons", "[rke2]") {
  for (auto [var, value] : {std::pair{"ansible_connection", "psrp"}, {"ansible_shell_type", "powershell"},
                            {"ansible_os_family", "Windows"}}) {
    TempDir dir({{"hosts.ini", std::string("[rke2_agents]\nw1 ") + var + "=" + value + "\n[rke2_servers]\ns1\n"}});
    Workspace ws = load_path(dir.path());
    REQUIRE(ws.clusters.size() == 1);
    const Node& w = ws.clusters[0].nodes.at(0);
    CHECK(w.os == Os::windows);
    CHECK(w.os_reason.rfind(std::string(var) + "=" + value, 0) == 0);
    CHECK(ws.clusters[0].nodes.at(1).os == Os::linux);
    CHECK(ws.clusters[0].nodes.at(1).os_reason == "default");
  }
  TempDir dir({{"config.yaml", "server: https://s:9345\ntoken: x\nkubelet-arg:\n  - \"root-dir=C:/var/lib/kubelet\"\n"}});
  Workspace ws = load_path(dir.path());
  CHECK_FALSE(is_windows_path("C:var"));
  CHECK(is_windows_path("c:\\x"));
  const Node& n = ws.clusters.at(0).nodes.at(0);
  CHECK(n.os == Os::linux);  // a Windows path inside a flag value is not the node's own path
}

TEST_CASE("rke2: unknown keys get a suggestion from the key list", "[rke2]") {
  const Knowledge k;
  const Rke2Facts& f = k.rke2();
  CHECK(f.known("tls-san"));
  CHECK(f.known("cni"));
  CHECK_FALSE(f.known("cluster-init"));
  CHECK(f.k3s_only.count("cluster-init"));
  CHECK(f.suggest("tls-sans").at(0) == "tls-san");
  CHECK(f.suggest("cluster_cidr").at(0) == "cluster-cidr");
  CHECK(f.suggest("write-kubeconfig-mod").at(0) == "write-kubeconfig-mode");
}

TEST_CASE("every RKE2 file of the corpus loads without a load error", "[rke2][corpus]") {
  const fs::path corpus = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus";
  REQUIRE(fs::is_directory(corpus / "rke2"));
  // MANIFEST.tsv marks sed templates that are not YAML until substituted; RKE2 refuses them too.
  // Files of Ansible inventories and roles (MANIFEST notes "inventory", "group_vars", "role") are
  // not RKE2's own files: their repositories are linted whole in corpus_rke2_findings_test.cpp.
  std::set<std::string> templates, ansible;
  std::ifstream manifest(corpus / "MANIFEST.tsv");
  for (std::string line; std::getline(manifest, line);) {
    if (line.rfind("rke2\t", 0) != 0) continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() < 6) continue;
    const std::string path = (corpus / cols[1] / cols[4]).lexically_normal().string();
    if (cols[5].find("TEMPLATE:") != std::string::npos) templates.insert(path);
    for (const char* word : {"inventory", "group_vars", "role"})
      if (cols[5].find(word) != std::string::npos) ansible.insert(path);
  }
  CHECK(ansible.size() >= 40);
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus / "rke2")) {
    if (!e.is_regular_file() || (e.path().extension() != ".yaml" && e.path().extension() != ".yml")) continue;
    if (ansible.count(e.path().lexically_normal().string())) continue;
    ++files;
    const std::string path = e.path().lexically_normal().string();
    DYNAMIC_SECTION(path) {
      Workspace ws = load_path(e.path().string());
      REQUIRE(ws.clusters.size() == 1);
      CHECK(ws.clusters[0].platform == Platform::rke2);
      if (templates.count(path)) {
        REQUIRE(ws.errors.size() == 1);
        CHECK(ws.errors[0].line > 0);
      } else {
        for (const LoadError& err : ws.errors) FAIL_CHECK(err.file << ":" << err.line << ": " << err.message);
      }
      run_checks(ws, {});
    }
  }
  CHECK(files >= 30);
}

namespace {

/// tests/corpus/rke2/`rel`.
std::string corpus_rke2(const std::string& rel) {
  return (fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus" / "rke2" / rel).string();
}

Workspace load_forced(const std::string& path) {
  LoadOptions opts;
  opts.paths = {path};
  opts.platform = Platform::rke2;
  Workspace ws;
  std::string usage;
  REQUIRE(load(opts, ws, usage));
  return ws;
}

std::vector<std::string> ids(const Workspace& ws) {
  std::vector<std::string> out;
  for (const Finding& f : run_checks(ws, {})) out.push_back(f.check + " " + std::string(to_string(f.severity)));
  return out;
}

}  // namespace

TEST_CASE("rke2 corpus: config files under other names are read", "[rke2][corpus]") {
  SECTION("named on the command line with --platform rke2") {
    Workspace ws = load_forced(corpus_rke2("UniBuc-DITC__kubernetes-config/ansible/rke2/etc/rke2-config.yaml"));
    CHECK(ws.errors.empty());
    REQUIRE(ws.clusters.size() == 1);
    CHECK(ws.clusters[0].platform == Platform::rke2);
    REQUIRE(ws.clusters[0].nodes.size() == 1);
    CHECK(ws.clusters[0].nodes[0].vars.get("cni").value.text == "cilium");
  }
  SECTION("named on the command line in auto mode: every top-level key is RKE2's") {
    Workspace ws = load_path(corpus_rke2("DanC-General__ZT_RKE2/ri-config.yaml"));
    CHECK(ws.errors.empty());
    REQUIRE(ws.clusters.size() == 1);
    CHECK(ws.clusters[0].platform == Platform::rke2);
    CHECK(ws.clusters[0].nodes.at(0).vars.get("write-kubeconfig-mode").value.text == "0644");
  }
  SECTION("config-agent.yaml beside config.yaml is a node of its own") {
    Workspace ws = load_path(corpus_rke2("rtkusumotopsa__rke/rke2/ha"));
    CHECK(ws.errors.empty());
    REQUIRE(ws.clusters.size() == 1);
    const Cluster& c = ws.clusters[0];
    REQUIRE(c.nodes.size() == 2);
    CHECK(c.nodes[0].name == "ha");
    CHECK(rke2_server(c.nodes[0]));
    CHECK(c.nodes[1].name == "config-agent.yaml");
    CHECK(c.nodes[1].roles == role_worker);
  }
  SECTION("a folder of *.config.yaml files is a cluster of nodes; no guess on their host names") {
    Workspace ws = load_path(corpus_rke2("cooloo9871__rke2_taroko_builder"));
    CHECK(ws.errors.empty());
    REQUIRE(ws.clusters.size() == 1);
    REQUIRE(ws.clusters[0].nodes.size() == 3);
    for (const Node& n : ws.clusters[0].nodes) CHECK(n.registries == 0);  // the registries.yaml beside them
    CHECK(ids(ws).empty());  // rke2-tls-san cannot tell "masterip" from the server's own name
  }
  SECTION("arbitrary YAML named *config* is not taken for RKE2") {
    TempDir dir({{"app-config.yaml", "debug: true\nreplicas: 3\n"}, {"db-config.yml", "token: x\n"}});
    Workspace ws = load_path(dir.path());
    CHECK(ws.clusters.empty());
    CHECK(ws.errors.size() == 1);
  }
}

TEST_CASE("rke2 corpus: Ansible roles for RKE2 are not read as Kubespray", "[rke2][corpus]") {
  SECTION("lablabs: rke2_type on the hosts, masters/workers groups") {
    Workspace ws = load_path(corpus_rke2("AyRickk__homelab/ansible/inventory.yml"));
    CHECK(ws.errors.empty());
    REQUIRE(ws.clusters.size() == 1);
    const Cluster& c = ws.clusters[0];
    CHECK(c.platform == Platform::rke2);
    REQUIRE(c.nodes.size() == 6);
    std::size_t servers = 0, agents = 0;
    for (const Node& n : c.nodes) (rke2_server(n) ? servers : agents) += 1;
    CHECK(servers == 3);
    CHECK(agents == 3);
    CHECK(ids(ws).empty());
  }
  SECTION("lablabs: the role's default groups, rke2_version") {
    Workspace ws = load_path(corpus_rke2("julian1516__PFE_YNOV/ansible/inventories"));
    REQUIRE(ws.clusters.size() == 1);
    CHECK(ws.clusters[0].platform == Platform::rke2);
    CHECK(ws.clusters[0].release.version == "v1.27.9+rke2r1");
    Workspace d = load_path(corpus_rke2("defyjoy__Proxmox/inventory"));
    REQUIRE(d.clusters.size() == 1);
    std::map<std::string, const Node*> by;
    for (const Node& n : d.clusters[0].nodes) by[n.name] = &n;
    REQUIRE(by.count("master-01"));
    CHECK(rke2_server(*by["master-01"]));
    CHECK(by["worker-01"]->roles == role_worker);
    CHECK(ids(d).empty());
  }
  SECTION("a homelab inventory of rke_/k3s_ groups: hosts outside the role's groups are no nodes") {
    Workspace ws = load_path(corpus_rke2("erhhung__homelab-k8s/inventory"));
    REQUIRE(ws.clusters.size() == 1);
    CHECK(ws.clusters[0].platform == Platform::rke2);
    CHECK(ws.clusters[0].nodes.empty());  // rke2_servers_group_name is set in vars_files kubegate does not read
    CHECK(ids(ws).empty());
  }
  SECTION("rke2-ansible: rke2_config defined twice keeps the last, with a warning") {
    Workspace ws = load_path(corpus_rke2("jerryli-ctc__rke2-ansible/inventory/my-cluster"));
    CHECK(ws.errors.empty());
    REQUIRE(ws.clusters.size() == 1);
    const Cluster& c = ws.clusters[0];
    REQUIRE(c.duplicate_variables.size() == 2);
    for (const Node& n : c.nodes)
      if (rke2_server(n)) CHECK(n.vars.get("profile").value.text == "cis-1.6");
    std::vector<std::string> found = ids(ws);
    CHECK(std::count(found.begin(), found.end(), "ansible-duplicate-key warning") == 2);
    CHECK(std::count(found.begin(), found.end(), "rke2-startup-refused info") == 1);  // no release stated
  }
  SECTION("rke2-ansible: cis-1.23 on v1.26.9 is accepted") {
    Workspace ws = load_path(corpus_rke2("GoldennDragonn__rke2-ansible/inventory/vb"));
    REQUIRE(ws.clusters.size() == 1);
    CHECK(ws.clusters[0].release.version == "v1.26.9+rke2r1");
    // The only finding is about its two servers, not the profile.
    CHECK(ids(ws) == std::vector<std::string>{"rke2-even-servers warning"});
  }
  SECTION("--platform rke2 on group_vars/ without a hosts file says so") {
    Workspace ws = load_forced(corpus_rke2("k8-IaC-lab__rke2-ansible"));
    CHECK(ws.clusters.empty());
    REQUIRE(ws.errors.size() == 1);
    CHECK(ws.errors[0].message.find("--platform rke2") != std::string::npos);
  }
}

TEST_CASE("rke2 corpus: a Jinja endpoint in registries.yaml is not judged", "[rke2][corpus]") {
  Workspace ws = load_path(corpus_rke2("koolaji__offline-rancher"));
  CHECK(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  CHECK(ids(ws).empty());
}
