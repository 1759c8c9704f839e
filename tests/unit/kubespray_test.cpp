// Precedence, provenance, legacy groups and defaults of Kubespray inventories.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/engine.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;

namespace {

const std::string kHosts =
    "[all:vars]\n"
    "level=inventory_all\n"
    "[kube_control_plane]\n"
    "cp1 inline_only=host_line level_host=inline\n"
    "[etcd:children]\n"
    "kube_control_plane\n"
    "[kube_node]\n"
    "w1\n"
    "[k8s_cluster:children]\n"
    "kube_control_plane\n"
    "kube_node\n"
    "[k8s_cluster:vars]\n"
    "level_group=inventory_group\n";

std::unique_ptr<Workspace> load_dir(const TempDir& dir, const std::string& release = "") {
  auto ws = std::make_unique<Workspace>();
  LoadOptions opts;
  opts.paths = {dir.path()};
  opts.kubespray_version = release;
  std::string usage;
  REQUIRE(load(opts, *ws, usage));
  return ws;
}

const Node& node(const Workspace& ws, const std::string& name) {
  for (const Node& n : ws.clusters.at(0).nodes)
    if (n.name == name) return n;
  FAIL("no node " << name);
  throw;
}

}  // namespace

TEST_CASE("variable precedence follows ansible-core, with provenance", "[kubespray][precedence]") {
  TempDir dir({{"inventory.ini", kHosts},
               {"group_vars/all.yml", "level: group_vars_all\nlevel_group: group_vars_all\n"},
               {"group_vars/k8s_cluster/a.yml", "level: group_vars_k8s_cluster\nsplit: a\n"},
               {"group_vars/k8s_cluster/b.yml", "split: b\n"},
               {"group_vars/kube_control_plane", "level: group_vars_kube_control_plane\n"},
               {"host_vars/cp1.yml", "level_host: host_vars\n"}});
  auto ws = load_dir(dir);
  REQUIRE(ws->errors.empty());
  const Node& cp1 = node(*ws, "cp1");
  const Node& w1 = node(*ws, "w1");

  // group_vars/<child> > group_vars/<parent> > group_vars/all > inventory-file vars
  Setting level = cp1.vars.get("level");
  CHECK(level.value.text == "group_vars_kube_control_plane");
  REQUIRE(level.overridden.size() == 3);
  CHECK(level.overridden[0]->value.text == "group_vars_k8s_cluster");
  CHECK(level.overridden[1]->value.text == "group_vars_all");
  CHECK(level.overridden[2]->value.text == "inventory_all");
  CHECK(w1.vars.get("level").value.text == "group_vars_k8s_cluster");
  CHECK(ws->sources.path(level.loc().file) == dir.path("group_vars/kube_control_plane"));
  CHECK(level.loc().line == 1);

  // group_vars/all beats [k8s_cluster:vars] from the hosts file (VARIABLE_PRECEDENCE)
  CHECK(cp1.vars.get("level_group").value.text == "group_vars_all");
  // host_vars/ beats variables on the host's line
  CHECK(cp1.vars.get("level_host").value.text == "host_vars");
  CHECK(cp1.vars.get("inline_only").value.text == "host_line");
  // files of a group_vars folder are read in name order; the later one wins
  CHECK(cp1.vars.get("split").value.text == "b");
  // defaults are the lowest layer
  Setting plugin = cp1.vars.get("kube_network_plugin");
  CHECK(plugin.is_default());
  CHECK(plugin.value.text == "calico");
}

TEST_CASE("groups at the same depth: ansible_group_priority, then name", "[kubespray][precedence]") {
  TempDir dir({{"inventory.ini",
                "[alpha]\nh1\n[beta]\nh1\n[kube_control_plane]\nh1\n"
                "[alpha:vars]\nx=alpha\nansible_group_priority=10\n[beta:vars]\nx=beta\ny=beta\n"
                "[alpha:vars]\ny=alpha\n"}});
  auto ws = load_dir(dir);
  const Node& h1 = node(*ws, "h1");
  CHECK(h1.vars.get("x").value.text == "alpha");  // higher priority wins
  CHECK(h1.vars.get("y").value.text == "alpha");
  TempDir plain({{"inventory.ini", "[alpha]\nh1\n[beta]\nh1\n[kube_node]\nh1\n[alpha:vars]\nx=alpha\n[beta:vars]\nx=beta\n"}});
  auto ws2 = load_dir(plain);
  CHECK(node(*ws2, "h1").vars.get("x").value.text == "beta");  // later name wins
}

TEST_CASE("Jinja references resolve through the host's scope", "[kubespray][jinja]") {
  TempDir dir({{"inventory.ini", kHosts},
               {"group_vars/k8s_cluster.yml",
                "kubelet_rotate_server_certificates: true\n"
                "my_plugin: \"{{ kube_network_plugin }}\"\n"
                "from_env: \"{{ lookup('env', 'X') }}\"\n"
                "loop_a: \"{{ loop_b }}\"\nloop_b: \"{{ loop_a }}\"\n"}});
  auto ws = load_dir(dir, "2.24.0");
  const Cluster& c = ws->clusters.at(0);
  Setting approver = c.settings.get("kubelet_csr_approver_enabled");
  CHECK(approver.is_default());
  CHECK(approver.truth() == true);  // the default follows kubelet_rotate_server_certificates
  REQUIRE_FALSE(approver.via.empty());
  CHECK(approver.via[0]->name == "kubelet_rotate_server_certificates");
  CHECK(approver.loc().line == 1);  // where the referenced value was set
  CHECK(c.settings.get("my_plugin").value.text == "calico");
  CHECK(c.settings.get("from_env").value.kind == Value::Kind::unknown);
  CHECK(c.settings.get("loop_a").value.kind == Value::Kind::unknown);
  CHECK_FALSE(c.settings.get("from_env").truth().has_value());
}

TEST_CASE("legacy group names map as the targeted release maps them", "[kubespray][groups]") {
  TempDir dir({{"inventory.ini",
                "[kube-master]\ncp1\n[etcd]\ncp1\n[kube-node]\nw1\n[extra]\nx1\n"
                "[k8s-cluster:children]\nkube-master\nkube-node\nextra\n"}});
  auto old = load_dir(dir, "2.24.0");
  CHECK(node(*old, "cp1").has(role_control_plane));
  CHECK(node(*old, "w1").has(role_worker));
  CHECK(node(*old, "x1").in_group("k8s_cluster"));
  auto now = load_dir(dir, "2.31.0");
  CHECK(node(*now, "cp1").has(role_control_plane));
  CHECK(node(*now, "w1").in_group("k8s_cluster"));   // built from kube_node
  CHECK_FALSE(node(*now, "x1").in_group("k8s_cluster"));  // k8s-cluster is no longer mapped
  const Group* legacy = now->clusters[0].group("k8s-cluster");
  REQUIRE(legacy);
  CHECK(legacy->legacy_of == "k8s_cluster");
  CHECK_FALSE(legacy->legacy_mapped);
}

TEST_CASE("release selection", "[kubespray]") {
  TempDir dir({{"inventory.ini", kHosts}});
  CHECK(load_dir(dir, "2.24.0")->clusters[0].release.version == "2.24.0");
  CHECK(load_dir(dir, "2.26.1")->clusters[0].release.version == "2.26.1");  // every tag has its profile
  CHECK(load_dir(dir, "2.26.1")->clusters[0].release.own_asserts);
  CHECK(load_dir(dir, "v2.26.3")->clusters[0].release.version == "2.26.1");  // nearest earlier known
  CHECK_FALSE(load_dir(dir, "v2.26.3")->clusters[0].release.own_asserts);
  CHECK(load_dir(dir, "")->clusters[0].release.version == "2.31.0");
  CHECK(load_dir(dir, "2.24.0")->clusters[0].kubernetes_version.value.text == "v1.28.6");
  CHECK(load_dir(dir, "master")->clusters[0].kubernetes_version.value.text == "1.36.4");  // from the checksum table
  Workspace ws;
  std::string usage;
  LoadOptions bad;
  bad.paths = {dir.path()};
  bad.kubespray_version = "1.0.0";
  CHECK_FALSE(load(bad, ws, usage));
  CHECK(usage.find("unknown Kubespray release") != std::string::npos);
}

TEST_CASE("folders: several hosts files, vars-only inventories, files inside an inventory", "[kubespray][discover]") {
  TempDir dir({{"inv/hosts.yaml", "all:\n  children:\n    kube_control_plane:\n      hosts:\n        cp1:\n"},
               {"inv/inventory.ini", "[kube_control_plane]\n# node1\n"},
               {"inv/group_vars/all/all.yml", "cloud_provider: external\n"},
               {"varsonly/group_vars/k8s_cluster/k8s-cluster.yml", "kube_network_plugin: cilium\n"}});
  auto ws = load_dir(dir);
  REQUIRE(ws->errors.empty());
  REQUIRE(ws->clusters.size() == 2);
  CHECK(ws->clusters[0].name == dir.path("inv/hosts.yaml"));
  CHECK(ws->skipped.size() == 1);  // the sample inventory.ini declares no host
  CHECK(ws->clusters[1].topology_known == false);
  CHECK(ws->clusters[1].network_plugin.value.text == "cilium");

  Workspace from_file;
  std::string usage;
  LoadOptions opts;
  opts.paths = {dir.path("inv/group_vars/all/all.yml")};
  REQUIRE(load(opts, from_file, usage));
  REQUIRE(from_file.clusters.size() == 1);
  CHECK(from_file.clusters[0].cloud_provider.value.text == "external");
}

TEST_CASE("broken inputs are load errors, and the other inventories still load", "[kubespray][errors]") {
  TempDir dir({{"good/inventory.ini", kHosts},
               {"bad/inventory.ini", kHosts},
               {"bad/group_vars/all.yml", "a: 1\na: 2\n"},
               {"bad2/hosts.yaml", "all:\n  hosts: [1, 2\n"},
               {"loop/inventory.ini", kHosts},
               {"loop/group_vars/all/all.yml", "x: 1\n"}});
  std::filesystem::create_directory_symlink("..", dir.path("loop/group_vars/all/up"));  // all/up -> group_vars
  auto ws = load_dir(dir);
  REQUIRE(ws->errors.size() == 2);
  CHECK(ws->errors[0].file == dir.path("bad2/hosts.yaml"));
  CHECK(ws->errors[1].message.find("symbolic link loop") != std::string::npos);
  // A key defined twice is read as Ansible reads it (the last wins), and said.
  auto duplicate = std::find_if(ws->clusters.begin(), ws->clusters.end(),
                                [&](const Cluster& c) { return c.name == dir.path("bad/inventory.ini"); });
  REQUIRE(duplicate != ws->clusters.end());
  CHECK(duplicate->settings.get("a").value.integer == 2);
  CHECK(duplicate->duplicate_variables.size() == 1);
  REQUIRE(ws->clusters.size() == 4);
  CHECK(ws->clusters[2].nodes.size() == 2);  // good/ loads in full
  CHECK(ws->clusters[3].settings.get("x").value.integer == 1);
}
