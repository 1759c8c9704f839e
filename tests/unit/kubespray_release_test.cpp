// Choosing the Kubespray release: the flag, a surrounding checkout, stock sample files and the
// pinned kube_version (src/load/kubespray/release_choice.cpp, schemas/kubespray/releases.json).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;
using kubegate::test::kubegate_run;
using kubegate::test::TempDir;

namespace {

const std::string kHosts =
    "[kube_control_plane]\ncp1\n[etcd:children]\nkube_control_plane\n[kube_node]\nw1\n"
    "[k8s_cluster:children]\nkube_control_plane\nkube_node\n";

/// The one cluster of `path` loaded with `requested` (empty: inferred).
Cluster load_one(const std::string& path, const std::string& requested = "") {
  Workspace ws;
  LoadOptions opts;
  opts.paths = {path};
  opts.kubespray_version = requested;
  std::string usage;
  REQUIRE(load(opts, ws, usage));
  INFO(ws.errors.size() << " load errors");
  REQUIRE(ws.errors.empty());
  REQUIRE(ws.clusters.size() == 1);
  return std::move(ws.clusters[0]);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("the release named on the command line wins, judged only when kubegate has its own data", "[release]") {
  TempDir dir({{"inventory.ini", kHosts}, {"group_vars/k8s_cluster/k8s-cluster.yml", "kube_version: v1.22.5\n"}});
  Cluster exact = load_one(dir.path(), "2.24.0");
  CHECK(exact.release.evidence == ReleaseEvidence::flag);
  CHECK(exact.release.named == "2.24.0");
  CHECK(exact.release.own_asserts);
  CHECK(exact.release.own_kube_versions);
  CHECK_FALSE(exact.release.kube_version_unsupported_by_all);  // the index is not consulted
  Cluster nearer = load_one(dir.path(), "v2.31.4");
  CHECK(nearer.release.evidence == ReleaseEvidence::flag);
  CHECK(nearer.release.named == "2.31.4");
  CHECK(nearer.release.version == "2.31.0");
  CHECK_FALSE(nearer.release.own_asserts);
  CHECK_FALSE(nearer.release.own_kube_versions);
}

TEST_CASE("a pinned kube_version names the releases that install it, narrowed by its v convention", "[release]") {
  TempDir dir({{"inventory.ini", kHosts}, {"group_vars/k8s_cluster/k8s-cluster.yml", "# pinned\nkube_version: v1.26.6\n"}});
  Cluster c = load_one(dir.path());
  CHECK(c.release.evidence == ReleaseEvidence::kube_version);
  CHECK(c.release.certainty == ReleaseCertainty::uncertain);
  CHECK(c.release.candidates ==
        std::vector<std::string>{"2.22.2", "2.23.0", "2.23.1", "2.23.2", "2.23.3", "2.24.0", "2.24.1", "2.24.2",
                                 "2.24.3"});
  CHECK(c.alternatives.size() == c.release.candidates.size() - 1);
  CHECK(c.release.named == "2.24.3");  // the newest is the one `show` describes
  CHECK(c.release.own_kube_versions);
  CHECK(c.release.kube_version_v_prefix);
  CHECK(c.release.reason.find("k8s-cluster.yml:2 is in the checksum tables of 2.22.2\u20132.24.3") !=
        std::string::npos);
  // Without the leading v the convention contradicts the checksum tables: it is not used, and
  // the missing v is reported, since it fails on every release that lists the version.
  dir.write("group_vars/k8s_cluster/k8s-cluster.yml", "kube_version: 1.26.6\n");
  Cluster plain = load_one(dir.path());
  CHECK(plain.release.candidates.front() == "2.22.2");
  CHECK(plain.release.reason.find("contradicts this and was not used") != std::string::npos);
  auto lint = kubegate_run({"lint", dir.path()});
  CHECK(lint.out.find("error: kube_version \"1.26.6\" is written without a leading v") != std::string::npos);
  // `kubegate show` says which releases it assumed and why.
  auto run = kubegate_run({"show", dir.path()});
  CHECK(run.out.find("(inferred: kube_version 1.26.6 at ") != std::string::npos);
}

TEST_CASE("the leading v of kube_version keeps the releases that write it so, and nothing is reported", "[release]") {
  // v1.31.1 is listed by 2.27.0-2.29.1, written with a v only up to 2.27.
  TempDir dir({{"inventory.ini", kHosts}, {"group_vars/k8s_cluster/k8s-cluster.yml", "kube_version: v1.31.1\n"}});
  Cluster c = load_one(dir.path());
  CHECK(c.release.candidates == std::vector<std::string>{"2.27.0", "2.27.1"});
  auto lint = kubegate_run({"lint", dir.path()});
  CHECK(lint.out.find("kubespray-kube-version-unsupported") == std::string::npos);
  dir.write("group_vars/k8s_cluster/k8s-cluster.yml", "kube_version: 1.31.1\n");
  CHECK(load_one(dir.path()).release.candidates == std::vector<std::string>{"2.28.0", "2.28.1", "2.29.0", "2.29.1"});
}

TEST_CASE("a kube_version no known release installs is an info, the release a guess", "[release]") {
  TempDir dir({{"inventory.ini", kHosts}, {"group_vars/k8s_cluster/k8s-cluster.yml", "kube_version: v1.17.5\n"}});
  Cluster c = load_one(dir.path());
  CHECK(c.release.evidence == ReleaseEvidence::newest_default);
  CHECK(c.release.certainty == ReleaseCertainty::guessed);
  CHECK(c.release.kube_version_unsupported_by_all);
  CHECK(c.release.known_releases.front() == "2.16.0");
  CHECK(c.release.known_releases.back() == "master");
  auto run = kubegate_run({"lint", "--format", "json", dir.path()});
  auto findings = nlohmann::json::parse(run.out)["findings"];
  std::map<std::string, std::string> severity;
  for (const auto& f : findings) severity[f["check"]] = f["severity"];
  CHECK(severity == std::map<std::string, std::string>{{"kubespray-kube-version-unsupported", "info"},
                                                       {"kubespray-release-guessed", "info"}});
  CHECK(run.out.find("\"evidence\": \"newest_default\"") != std::string::npos);
  CHECK(run.out.find("is older than every Kubernetes version the Kubespray releases kubegate knows (2.16.0 \u2026 "
                     "2.31.0, master") != std::string::npos);
  // Templated or unset: nothing to go on, and nothing reported.
  dir.write("group_vars/k8s_cluster/k8s-cluster.yml", "kube_version: \"{{ my_version }}\"\n");
  Cluster templated = load_one(dir.path());
  CHECK(templated.release.evidence == ReleaseEvidence::newest_default);
  CHECK_FALSE(templated.release.kube_version_unsupported_by_all);
}

TEST_CASE("stock sample files copied unchanged name the releases that ship them", "[release]") {
  const fs::path sample = fs::path(KUBEGATE_SOURCE_DIR) / "tests/corpus/kubespray-upstream/inventory/sample";
  REQUIRE(fs::is_directory(sample));  // Kubespray master's inventory/sample, byte for byte
  TempDir dir({{"inventory.ini", kHosts}});
  for (const char* f : {"group_vars/all/all.yml", "group_vars/k8s_cluster/k8s-cluster.yml"})
    dir.write(f, slurp(sample / f));
  Cluster c = load_one(dir.path());
  CHECK(c.release.evidence == ReleaseEvidence::sample_files);
  CHECK(c.release.named == "master");
  CHECK(c.release.version == "master");
  CHECK(c.release.own_asserts);
  CHECK(c.release.reason.find("2 stock sample files") != std::string::npos);
  // One changed byte and the file is the user's own: no evidence left from it.
  dir.write("group_vars/k8s_cluster/k8s-cluster.yml", slurp(sample / "group_vars/k8s_cluster/k8s-cluster.yml") + "\n");
  CHECK(load_one(dir.path()).release.reason.find("1 stock sample file ") != std::string::npos);
  // A file every indexed release ships alike may come from an older one: not conclusive alone.
  TempDir old({{"inventory.ini", kHosts}, {"group_vars/all/aws.yml", slurp(sample / "group_vars/all/aws.yml")}});
  CHECK(load_one(old.path()).release.evidence == ReleaseEvidence::newest_default);
}

TEST_CASE("an inventory inside a Kubespray checkout uses that checkout's defaults and versions", "[release]") {
  TempDir dir({{"galaxy.yml", "---\nnamespace: kubernetes_sigs\nname: kubespray\nversion: 2.31.0\n"},
               {"roles/kubespray_defaults/defaults/main/main.yml",
                "---\n# changed locally\nkube_network_plugin: flannel\n"
                "kube_version: \"{{ (kubelet_checksums['amd64'] | dict2items)[0].key }}\"\n"},
               {"roles/kubespray_defaults/vars/main/checksums.yml",
                "---\nkubelet_checksums:\n  arm64:\n    1.33.2: sha256:0\n  amd64:\n    1.33.2: sha256:1\n"
                "    1.33.1: sha256:2\n"},
               {"inventory/mycluster/inventory.ini", kHosts}});
  Cluster c = load_one(dir.path("inventory/mycluster"));
  CHECK(c.release.evidence == ReleaseEvidence::checkout);
  CHECK(c.release.named == "2.31.0");
  CHECK(c.release.version == "2.31.0");
  CHECK(c.release.own_asserts);
  CHECK(c.release.kube_versions == std::vector<std::string>{"1.33.2", "1.33.1"});
  CHECK(c.network_plugin.is_default());
  CHECK(c.network_plugin.value.text == "flannel");
  REQUIRE(c.network_plugin.loc().known());
  CHECK(c.network_plugin.loc().line == 3);
  CHECK(c.kubernetes_version.value.text == "1.33.2");  // computed from the checkout's own table
  // Defaults of other roles the checkout does not have still come from kubegate's data.
  CHECK(c.settings.get("kubelet_max_pods"));
  auto run = kubegate_run({"show", dir.path("inventory/mycluster")});
  CHECK(run.out.find("kubespray release: 2.31.0 [named] (the Kubespray checkout at ") != std::string::npos);
  CHECK(run.out.find("flannel    [kubespray default, " +
                     (fs::path(dir.path()) / "roles/kubespray_defaults/defaults/main/main.yml").lexically_normal().string() +
                     ":3:1]") != std::string::npos);
  // --kubespray-version still wins.
  CHECK(load_one(dir.path("inventory/mycluster"), "2.24.0").release.evidence == ReleaseEvidence::flag);
}

TEST_CASE("the oldest releases: their own stock sample inventory loads and their own asserts apply", "[release]") {
  const fs::path samples = fs::path(KUBEGATE_SOURCE_DIR) / "tests/kubespray-sample";  // see its README.md
  struct Old {
    const char* release;
    const char* kube_version;
    const char* rejected_plugin;  // a kube_network_plugin newer or older releases accept
  };
  for (const Old& old : {Old{"2.18.0", "v1.22.5", "custom_cni"}, Old{"2.16.0", "v1.20.7", "custom_cni"}}) {
    INFO("release " << old.release);
    const fs::path sample = samples / (std::string("v") + old.release);
    REQUIRE(fs::is_directory(sample));
    Cluster c = load_one(sample.string(), old.release);
    CHECK(c.release.evidence == ReleaseEvidence::flag);
    CHECK(c.release.version == old.release);
    CHECK(c.release.own_asserts);
    CHECK(c.kubernetes_version.value.text == old.kube_version);  // pinned by the sample
    CHECK(c.network_plugin.value.text == "calico");
    CHECK(std::find(c.release.kube_versions.begin(), c.release.kube_versions.end(),
                    std::string(old.kube_version).substr(1)) != c.release.kube_versions.end());
    // Without the flag, the pinned kube_version and the stock files name the release.
    const auto inferred = load_one(sample.string()).release.candidates;
    CHECK(std::find(inferred.begin(), inferred.end(), old.release) != inferred.end());

    // The release's own network plugin enum (0020-verify-settings.yml): custom_cni came in v2.22.0.
    TempDir dir({{"inventory.ini", kHosts}});
    for (const char* f : {"group_vars/all/all.yml", "group_vars/k8s_cluster/k8s-cluster.yml"})
      dir.write(f, slurp(sample / f));
    std::string k8s = slurp(sample / "group_vars/k8s_cluster/k8s-cluster.yml");
    const std::string stock = "kube_network_plugin: calico\n";
    REQUIRE(k8s.find(stock) != std::string::npos);
    k8s.replace(k8s.find(stock), stock.size(), std::string("kube_network_plugin: ") + old.rejected_plugin + "\n");
    dir.write("group_vars/k8s_cluster/k8s-cluster.yml", k8s);
    auto run = kubegate_run({"lint", "--format", "json", "--kubespray-version", old.release, dir.path()});
    CHECK(run.out.find("\"check\": \"kubespray-value-not-allowed\"") != std::string::npos);
    CHECK(run.out.find(std::string("kube_network_plugin is \\\"custom_cni\\\", not one of \\\"calico\\\", \\\"canal\\\"")) !=
          std::string::npos);
    CHECK(run.out.find("roles/kubernetes/preinstall/tasks/0020-verify-settings.yml") != std::string::npos);
    // v2.24.0 accepts it.
    auto newer = kubegate_run({"lint", "--format", "json", "--kubespray-version", "2.24.0", dir.path()});
    CHECK(newer.out.find("\"check\": \"kubespray-value-not-allowed\"") == std::string::npos);
  }
  // ovn4nfv: accepted up to v2.17.x, refused from v2.18.0.
  TempDir dir({{"inventory.ini", kHosts}, {"group_vars/k8s_cluster/k8s-cluster.yml", "kube_network_plugin: ovn4nfv\n"}});
  auto v216 = kubegate_run({"lint", "--format", "json", "--kubespray-version", "2.16.0", dir.path()});
  CHECK(v216.out.find("\"check\": \"kubespray-value-not-allowed\"") == std::string::npos);
  auto v218 = kubegate_run({"lint", "--format", "json", "--kubespray-version", "2.18.0", dir.path()});
  CHECK(v218.out.find("\"check\": \"kubespray-value-not-allowed\"") != std::string::npos);
}

TEST_CASE("a requirements.yml pin, a vendored checkout or a submodule beside the inventory names the release",
          "[release]") {
  TempDir pin({{"requirements.yml", "---\ncollections:\n  - name: https://github.com/kubernetes-sigs/kubespray\n"
                                    "    type: git\n    version: v2.26.0\n"},
               {"inventory/prod/inventory.ini", kHosts}});
  Cluster pinned = load_one(pin.path("inventory/prod"));
  CHECK(pinned.release.evidence == ReleaseEvidence::collection_pin);
  CHECK(pinned.release.certainty == ReleaseCertainty::named);
  CHECK(pinned.release.named == "2.26.0");
  CHECK(pinned.alternatives.empty());
  TempDir short_form({{"collections/requirements.yml",
                       "collections:\n- name: https://github.com/kubernetes-sigs/kubespray.git,v2.25.1\n"},
                      {"inventory.ini", kHosts}});
  CHECK(load_one(short_form.path()).release.named == "2.25.1");
  // Another collection's version is not the kubespray collection's.
  TempDir unpinned({{"requirements.yml", "collections:\n  - name: https://github.com/kubernetes-sigs/kubespray\n"
                                         "    type: git\n  - name: community.general\n    version: 8.6.0\n"},
                    {"inventory.ini", kHosts}});
  CHECK(load_one(unpinned.path()).release.evidence != ReleaseEvidence::collection_pin);

  const std::string galaxy = "---\nnamespace: kubernetes_sigs\nname: kubespray\nversion: 2.24.0\n";
  const std::string defaults = "---\nkube_network_plugin: calico\n";
  TempDir vendored({{"kubespray/galaxy.yml", galaxy},
                    {"kubespray/roles/kubespray-defaults/defaults/main.yaml", defaults},
                    {"inventory/prod/inventory.ini", kHosts}});
  Cluster v = load_one(vendored.path("inventory/prod"));
  CHECK(v.release.evidence == ReleaseEvidence::checkout);
  // No checksum tables in it: a master snapshot after 2.24.0 is possible, up to 2.25.0.
  CHECK(v.release.certainty == ReleaseCertainty::uncertain);
  CHECK(v.release.candidates == std::vector<std::string>{"2.24.0", "2.24.1", "2.24.2", "2.24.3", "2.25.0"});
  CHECK(v.release.reason.find("checkout at " + vendored.path("kubespray")) != std::string::npos);
  TempDir submodule({{".gitmodules", "[submodule \"ext/ks\"]\n\tpath = ext/ks\n\turl = https://github.com/kubernetes-sigs/kubespray.git\n"},
                     {"ext/ks/galaxy.yml", galaxy},
                     {"ext/ks/roles/kubespray-defaults/defaults/main.yaml", defaults},
                     {"inventory.ini", kHosts}});
  Cluster s = load_one(submodule.path());
  CHECK(s.release.evidence == ReleaseEvidence::checkout);
  CHECK(s.release.candidates.front() == "2.24.0");
}

TEST_CASE("an unchanged sample inventory beside the real one is left out, alone it is linted for settings", "[release]") {
  const std::string sample = slurp(fs::path(KUBEGATE_SOURCE_DIR) / "tests/kubespray-sample/v2.18.0/inventory.ini");
  TempDir dir({{"inventory/sample/inventory.ini", sample}, {"inventory/prod/inventory.ini", kHosts}});
  Workspace ws;
  LoadOptions opts;
  opts.paths = {dir.path("inventory")};
  std::string usage;
  REQUIRE(load(opts, ws, usage));
  REQUIRE(ws.clusters.size() == 1);
  CHECK(ws.clusters[0].name == dir.path("inventory/prod/inventory.ini"));
  REQUIRE(ws.skipped.size() == 1);
  CHECK(ws.skipped[0].find("an unchanged copy of Kubespray's sample inventory") != std::string::npos);
  Cluster alone = load_one(dir.path("inventory/sample"));
  CHECK_FALSE(alone.topology_known);
  CHECK(alone.topology_unknown_why.find("lists no host") != std::string::npos);
}
