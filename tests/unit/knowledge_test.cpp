// Knowledge is handed to loaders and checks, never reached through a global: a run can be given
// other tables, and its checks follow them.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "knowledge/embedded.hpp"
#include "knowledge/json_reader.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;

namespace {

/// The findings of check `id` when `dir` is linted with `knowledge`.
std::vector<Finding> findings_of(const std::string& id, const std::string& dir, Knowledge knowledge,
                                 const std::string& release) {
  Workspace ws;
  ws.knowledge = std::move(knowledge);
  LoadOptions opts;
  opts.paths = {dir};
  opts.kubespray_version = release;
  std::string usage;
  REQUIRE(load(opts, ws, usage));
  REQUIRE(ws.errors.empty());
  std::vector<Finding> out;
  for (Finding& f : run_checks(ws, {}))
    if (f.check == id) out.push_back(std::move(f));
  return out;
}

const char* const kHosts =
    "[kube_control_plane]\ncp1\n[etcd]\ncp1\n[kube_node]\nworker1\n[k8s_cluster:children]\n"
    "kube_control_plane\nkube_node\n";

}  // namespace

TEST_CASE("knowledge: a check follows the feature-gate table it is handed", "[knowledge]") {
  TempDir dir({{"inventory.ini", kHosts},
               {"group_vars/k8s_cluster/k8s-cluster.yml",
                "kube_version: 1.31.4\nkube_feature_gates:\n  - \"NodeSwap=true\"\n"}});
  CHECK(findings_of("feature-gate-unknown", dir.path(), Knowledge(), "2.27.0").empty());

  // The same table without NodeSwap: now the gate is unknown to Kubernetes 1.31.
  const Knowledge builtin;
  nlohmann::json table = nlohmann::json::parse(builtin.text("schemas/feature-gates.json"));
  REQUIRE(table["gates"].erase("NodeSwap") == 1);
  auto unknown = findings_of("feature-gate-unknown", dir.path(),
                             Knowledge({{"schemas/feature-gates.json", table.dump()}}), "2.27.0");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message.find("NodeSwap") != std::string::npos);
}

TEST_CASE("knowledge: a release-data check follows the release document it is handed", "[knowledge]") {
  TempDir dir(
      {{"inventory.ini", kHosts},
       {"group_vars/k8s_cluster/k8s-cluster.yml", "container_manager: containerd\ncontainerd_version: 1.7.11\n"}});
  const std::string id = "kubespray-containerd-version-unsupported";
  CHECK(findings_of(id, dir.path(), Knowledge(), "2.24.0").empty());

  const Knowledge builtin;
  nlohmann::json release = nlohmann::json::parse(builtin.text("schemas/kubespray/v2.24.0.json"));
  auto& versions = release["containerd_versions"];
  versions.erase(std::remove(versions.begin(), versions.end(), "1.7.11"), versions.end());
  auto found = findings_of(id, dir.path(), Knowledge({{"schemas/kubespray/v2.24.0.json", release.dump()}}), "2.24.0");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("\"1.7.11\"") != std::string::npos);
}

TEST_CASE("knowledge: documents are parsed once and read into a type once", "[knowledge]") {
  const Knowledge k;
  const nlohmann::json* first = k.document("schemas/rke2/flags.json");
  REQUIRE(first != nullptr);
  CHECK(k.document("schemas/rke2/flags.json") == first);
  CHECK(k.document("schemas/no-such.json") == nullptr);
  CHECK(&k.rke2() == &k.rke2());
  CHECK(&k.gates() == &k.gates());
  CHECK(k.names("schemas/kubespray/v2.24").size() == 4);  // v2.24.0 .. v2.24.3
}

TEST_CASE("knowledge: read_json builds the DOM nlohmann's parser builds, for every embedded document", "[knowledge]") {
  std::size_t documents = 0;
  for (const data::EmbeddedFile& f : data::files()) {
    if (!f.name.ends_with(".json")) continue;
    INFO(f.name);
    CHECK(read_json(f.text) == nlohmann::json::parse(f.text));
    ++documents;
  }
  CHECK(documents > 20);
  // The corners the documents may not hold: escapes, big and negative numbers, duplicated keys.
  for (const char* text : {R"({"a": "\u00e9\n\"", "b": [-1, 0, 18446744073709551615, 1e300, 0.1, 1.0], "a": null})",
                           R"([[], {}, true, false, "", -9223372036854775808])", "  7  "}) {
    INFO(text);
    const nlohmann::json mine = read_json(text), theirs = nlohmann::json::parse(text);
    CHECK(mine == theirs);
    CHECK(mine.dump() == theirs.dump());  // the same types, not only equal values
  }
  for (const char* bad : {"", "{", R"({"a": 1,})", "[1] 2", R"("\x")"}) {
    INFO(bad);
    CHECK_THROWS_AS(read_json(bad), nlohmann::json::parse_error);
  }
}
