// kube-up env files as a cluster: defaults, typed facts, node groups, discovery, and the corpus.
#include <catch2/catch.hpp>

#include <fstream>

#include <sstream>

#include <set>

#include <filesystem>

#include "engine/engine.hpp"
#include "kubegate/model/kubeup.hpp"
#include "load/common/discover.hpp"
#include "lib/kubeup_values.hpp"
#include "load/kubeup/loader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;
using kubegate::test::TempDir;

namespace {

Workspace load_paths(std::vector<std::string> paths, std::optional<Platform> platform = std::nullopt) {
  LoadOptions opts;
  opts.paths = std::move(paths);
  opts.platform = platform;
  Workspace ws;
  std::string usage;
  REQUIRE(load(opts, ws, usage));
  return ws;
}

const Node* node(const Cluster& c, std::string_view name) {
  for (const Node& n : c.nodes)
    if (n.name == name) return &n;
  return nullptr;
}

}  // namespace

TEST_CASE("kubeup: an env file on top of kube-up's defaults", "[kubeup]") {
  TempDir dir({{"kube-up.env",
                "export NUM_NODES=2\n"
                "export NUM_WINDOWS_NODES=3\n"
                "export KUBE_GCE_ZONE=europe-west1-b\n"
                "export KUBE_VERSION=v1.31.2\n"
                "export KUBE_FEATURE_GATES=\"InPlacePodVerticalScaling=true,NodeSwap=false\"\n"
                "export CLUSTER_IP_RANGE=\n"
                "export KUBE_GCE_INSTANCE_PREFIX=ci\n"
                "export KUBE_PASSWORD=hunter2\n"}});
  Workspace ws = load_paths({dir.path()});
  REQUIRE(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  const Cluster& c = ws.clusters[0];
  CHECK(c.platform == Platform::kubeup);
  CHECK(c.name == dir.path("kube-up.env"));
  CHECK(c.anchor.line == 1);
  CHECK(ws.sources.path(c.anchor.file) == dir.path("kube-up.env"));
  CHECK(c.release.reason.find("config-default.sh at 8921bcdb70d8") != std::string::npos);

  // The file wins over the defaults; the defaults fill in the rest.
  CHECK(c.settings.get("KUBE_GCE_ZONE").text() == "europe-west1-b");
  CHECK(c.settings.get("KUBE_GCE_ZONE").loc() == SourceLoc{c.anchor.file, 3, 8});
  CHECK(c.settings.get("KUBE_GCE_ZONE").value.loc == SourceLoc{c.anchor.file, 3, 22});
  CHECK(c.settings.get("KUBE_GCE_ZONE").overridden.size() == 1);
  CHECK(c.settings.get("NODE_SIZE").is_default());
  CHECK(c.settings.get("NODE_SIZE").text() == "e2-standard-2");
  CHECK(c.settings.get("MASTER_SIZE").value.is_unknown());
  // `${NAME:-default}`: an empty value is the default.
  CHECK(c.settings.get("CLUSTER_IP_RANGE").text() == "");
  CHECK(kubeup_setting(c.settings, "CLUSTER_IP_RANGE").text() == "10.64.0.0/14");
  CHECK(c.settings.get("KUBE_PASSWORD").value.kind == Value::Kind::secret);

  // Typed facts.
  CHECK(c.kubernetes_version.text() == "v1.31.2");
  CHECK(c.network_plugin.text() == "kubenet");
  CHECK(c.cloud_provider.text() == "gce");
  CHECK(c.container_runtime.text() == "containerd");
  CHECK(c.ipv4.enabled == true);
  CHECK(c.ipv4.pods.text() == "10.64.0.0/14");
  CHECK(c.ipv4.services.text() == "10.0.0.0/16");
  CHECK(c.ipv6.enabled == false);
  REQUIRE(c.feature_gates.size() == 2);
  CHECK(c.feature_gates[0].name == "InPlacePodVerticalScaling");
  CHECK(c.feature_gates[0].enabled == true);
  CHECK(c.feature_gates[0].component == "all");
  CHECK(c.feature_gates[0].source == "KUBE_FEATURE_GATES");
  CHECK(c.feature_gates[0].loc == SourceLoc{c.anchor.file, 5, 28});  // after the quote
  CHECK(c.feature_gates[1].name == "NodeSwap");
  CHECK(c.feature_gates[1].enabled == false);
  CHECK(c.feature_gates[1].loc.column == 28 + 31);

  // Nodes: the control plane and one entry per node group, with counts.
  REQUIRE(c.nodes.size() == 3);
  const Node* master = node(c, "ci-master");
  const Node* linux_nodes = node(c, "ci-minion-group");
  const Node* windows = node(c, "ci-windows-node-group");
  REQUIRE((master && linux_nodes && windows));
  CHECK(master->has(role_control_plane));
  CHECK(master->os == Os::linux);
  CHECK(master->count == 1);
  CHECK(linux_nodes->has(role_worker));
  CHECK(linux_nodes->count == 2);
  CHECK(linux_nodes->loc.line == 1);
  CHECK(windows->os == Os::windows);
  CHECK(windows->os_reason == "NUM_WINDOWS_NODES=3");
  CHECK(windows->count == 3);
  CHECK(windows->loc.line == 2);
}

TEST_CASE("kubeup: defaults alone, and the data kube-up's checks need", "[kubeup]") {
  TempDir dir({{"cluster.env", "# nothing set\n"}});
  Workspace ws = load_paths({dir.path("cluster.env")});
  REQUIRE(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  const Cluster& c = ws.clusters[0];
  CHECK_FALSE(c.kubernetes_version);
  CHECK(c.feature_gates.empty());
  REQUIRE(c.nodes.size() == 2);  // no Windows node group by default
  CHECK(node(c, "kubernetes-minion-group")->count == 3);
  CHECK(c.release.data == "schemas/kubeup/defaults.json");
  const AllowedValues& windows = ws.knowledge.read<KubeupValues>("schemas/kubeup/values.json")
                                     ->allowed_values.at("WINDOWS_NODE_OS_DISTRIBUTION");
  CHECK(kubeup_allows(windows, "win2019"));
  CHECK(kubeup_allows(windows, "WIN2022"));
  CHECK_FALSE(kubeup_allows(windows, "WIN2019"));
  CHECK_FALSE(kubeup_allows(windows, "ltsc2019"));
  CHECK(c.kubeup.master_os_distribution.text() == "gci");
}

TEST_CASE("kubeup: unknown values stay unknown, and the unevaluated constructs are kept", "[kubeup]") {
  TempDir dir({{"kube-up.env", "NUM_NODES=$(get-count)\nNUM_WINDOWS_NODES=${COUNT%0}\n"}});
  Workspace ws = load_paths({dir.path()});
  REQUIRE(ws.clusters.size() == 1);
  const Cluster& c = ws.clusters[0];
  CHECK(c.settings.get("NUM_NODES").value.is_unknown());
  CHECK_FALSE(c.settings.get("NUM_NODES").integer());
  CHECK(c.unevaluated.size() == 2);
  CHECK(c.nodes.size() == 2);  // the Windows group's size cannot be told
  CHECK(c.nodes[1].count == 0);
}

TEST_CASE("kubeup: discovery by name and by content, and --platform", "[kubeup]") {
  TempDir dir({{"envs/kube-up.env", "A=1\n"},
               {"envs/gce.sh", "#!/bin/bash\nKUBE_GCE_ZONE=us-east1-b\nNUM_NODES=50\n"},
               {"envs/one-known.sh", "NUM_NODES=50\nOTHER=1\n"},
               {"envs/app.env", "DATABASE_URL=postgres://x\n"},
               {"envs/nodes.env", "NUM_NODES=5\n"},
               {"envs/notes.txt", "NUM_NODES=5\nKUBE_GCE_ZONE=x\n"},
               {"inventory/inventory.ini", "[kube_control_plane]\nnode1\n"},
               {"inventory/cluster.env", "NUM_NODES=1\n"}});
  CHECK(looks_like_kubeup_env(Knowledge(), dir.path("envs/kube-up.env"), false));
  CHECK(looks_like_kubeup_env(Knowledge(), dir.path("envs/gce.sh"), false));
  CHECK_FALSE(looks_like_kubeup_env(Knowledge(), dir.path("envs/one-known.sh"), false));
  CHECK_FALSE(looks_like_kubeup_env(Knowledge(), dir.path("envs/app.env"), false));
  CHECK(looks_like_kubeup_env(Knowledge(), dir.path("envs/nodes.env"), false));
  CHECK_FALSE(looks_like_kubeup_env(Knowledge(), dir.path("envs/notes.txt"), false));
  CHECK(looks_like_kubeup_env(Knowledge(), dir.path("envs/notes.txt"), true));

  std::vector<LoadError> errors;
  auto found = find_inventories(Knowledge(), {dir.path()}, errors);
  CHECK(errors.empty());
  std::vector<std::string> kubeup, kubespray;
  for (const InventoryDir& d : found)
    for (const std::string& f : d.hosts_files)
      (d.platform == Platform::kubeup ? kubeup : kubespray).push_back(fs::path(f).filename().string());
  CHECK(kubeup == std::vector<std::string>{"gce.sh", "kube-up.env", "nodes.env", "cluster.env"});
  CHECK(kubespray == std::vector<std::string>{"inventory.ini"});

  // --platform kubespray: no env files; --platform kubeup: a given file is read as one.
  auto only_kubespray = find_inventories(Knowledge(), {dir.path()}, errors, Platform::kubespray);
  CHECK(std::none_of(only_kubespray.begin(), only_kubespray.end(),
                     [](const InventoryDir& d) { return d.platform == Platform::kubeup; }));
  auto forced = find_inventories(Knowledge(), {dir.path("envs/app.env")}, errors, Platform::kubeup);
  REQUIRE(forced.size() == 1);
  CHECK(forced[0].platform == Platform::kubeup);
  CHECK(errors.empty());
  // Without --platform, a file that is neither is not read as an env file.
  auto plain = find_inventories(Knowledge(), {dir.path("envs/app.env")}, errors);
  CHECK(plain.empty());
  CHECK(errors.size() == 1);
}

TEST_CASE("kubeup: --platform kubeup on a file that is not an env file is a load error", "[kubeup]") {
  TempDir dir({{"hosts.yaml", "all:\n  hosts:\n    node1: {}\n  children: {}\n"}});
  Workspace ws = load_paths({dir.path("hosts.yaml")}, Platform::kubeup);
  CHECK(ws.clusters.empty());
  REQUIRE(ws.errors.size() == 1);
  CHECK(ws.errors[0].file == dir.path("hosts.yaml"));
  CHECK(ws.errors[0].line == 1);
  CHECK(ws.errors[0].message.find("not an env file") == 0);
}

TEST_CASE("every kube-up env file of the corpus loads without a load error", "[corpus][kubeup]") {
  const fs::path corpus = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus" / "kubeup";
  REQUIRE(fs::is_directory(corpus));
  // MANIFEST.tsv marks scripts that run kube-up with the variables on the command line
  // (`VAR=x kube-up.sh`): no env file, refused with a load error that says so.
  std::set<std::string> not_env;
  std::ifstream manifest(corpus.parent_path() / "MANIFEST.tsv");
  for (std::string line; std::getline(manifest, line);)
    if (line.rfind("kubeup\t", 0) == 0 && line.find("not a pure env file") != std::string::npos) {
      std::vector<std::string> cols;
      std::stringstream ss(line);
      for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
      if (cols.size() > 4) not_env.insert((corpus.parent_path() / cols[1] / cols[4]).lexically_normal().string());
    }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 4);
  REQUIRE(not_env.size() == 1);
  for (const fs::path& file : files) {
    if (not_env.count(file.lexically_normal().string())) {
      DYNAMIC_SECTION("not an env file: " << fs::relative(file, corpus).string()) {
        Workspace ws = load_paths({file.string()});
        CHECK(ws.clusters.empty());
        CHECK(ws.errors.size() == 1);
      }
      continue;
    }
    DYNAMIC_SECTION(fs::relative(file, corpus).string()) {
      // Found without --platform, as `kubegate lint FILE` would.
      Workspace ws = load_paths({file.string()});
      for (const LoadError& e : ws.errors) FAIL_CHECK(e.file << ":" << e.line << ":" << e.column << ": " << e.message);
      REQUIRE(ws.clusters.size() == 1);
      const Cluster& c = ws.clusters[0];
      CHECK(c.platform == Platform::kubeup);
      CHECK(c.settings.get("NUM_NODES").integer() > 0);
      (void)run_checks(ws, {});
    }
  }
  // The whole folder finds each of them.
  Workspace all = load_paths({corpus.string()});
  CHECK(all.errors.empty());
  CHECK(all.clusters.size() == files.size() - not_env.size());
}

TEST_CASE("kube-up corpus: another provider's variables are not judged by GCE's rules", "[corpus][kubeup]") {
  const fs::path file = fs::path(KUBEGATE_SOURCE_DIR) / "tests" / "corpus" / "kubeup" / "MCLDG-zz__k8s-env" /
                        "build-small-aws-sz-cluster.sh";
  Workspace ws = load_paths({file.string()});
  REQUIRE(ws.clusters.size() == 1);
  CHECK(ws.clusters[0].cloud_provider.value.text == "aws");
  for (const Finding& f : run_checks(ws, {})) CHECK(f.check != "kubeup-overwritten-variable");
}
