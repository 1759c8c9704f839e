// The feature-gate table (schemas/feature-gates.json) at boundary versions, and Kubernetes
// version strings.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "kubegate/knowledge.hpp"

using namespace kubegate;

namespace {

const FeatureGateTable& table() {
  static const Knowledge k;
  return k.gates();
}

KubeMinor v(int minor) { return {1, minor}; }

/// The stage at `minor`, which must be known.
const GateStageSpan& stage(std::string_view name, int minor) {
  GateLookup at = table().lookup(name, v(minor));
  REQUIRE(at.known);
  REQUIRE(at.stage != nullptr);
  return *at.stage;
}

}  // namespace

TEST_CASE("the embedded gate table covers 1.20 to its horizon", "[feature-gates]") {
  CHECK(table().horizon() == v(35));
  CHECK(table().gates().size() >= 400);
  CHECK(table().find("NodeSwap") != nullptr);
  CHECK(table().find("nodeswap") == nullptr);  // components compare names exactly
}

TEST_CASE("a gate's first and last version of each stage", "[feature-gates]") {
  // NodeSwap: alpha 1.22-1.27, beta off 1.28-1.29, beta on 1.30-1.33, GA locked from 1.34.
  CHECK_FALSE(table().lookup("NodeSwap", v(21)).known);
  CHECK(table().lookup("NodeSwap", v(21)).gate != nullptr);
  CHECK(stage("NodeSwap", 22).stage == GateStage::alpha);
  CHECK(stage("NodeSwap", 27).stage == GateStage::alpha);
  CHECK(stage("NodeSwap", 28).stage == GateStage::beta);
  CHECK(stage("NodeSwap", 28).default_value == false);
  CHECK(stage("NodeSwap", 29).default_value == false);
  CHECK(stage("NodeSwap", 30).default_value == true);
  CHECK(stage("NodeSwap", 33).stage == GateStage::beta);
  CHECK(stage("NodeSwap", 33).locked == false);
  CHECK(stage("NodeSwap", 34).stage == GateStage::stable);
  CHECK(stage("NodeSwap", 34).locked == true);
  CHECK(stage("NodeSwap", 35).locked == true);
  const GateInfo* g = table().find("NodeSwap");
  REQUIRE(g);
  CHECK(g->first == v(22));
  CHECK_FALSE(g->last);
  CHECK_FALSE(g->removed_in);
}

TEST_CASE("a removed gate is known up to its last version only", "[feature-gates]") {
  // PodSecurity: GA 1.25-1.27, removed in 1.28.
  CHECK(stage("PodSecurity", 27).stage == GateStage::stable);
  GateLookup gone = table().lookup("PodSecurity", v(28));
  CHECK_FALSE(gone.known);
  REQUIRE(gone.gate != nullptr);
  CHECK(gone.gate->last == v(27));
  CHECK(gone.gate->removed_in == v(28));
  // CSIMigration: GA 1.25-1.26, removed in 1.27.
  CHECK(table().lookup("CSIMigration", v(26)).known);
  CHECK_FALSE(table().lookup("CSIMigration", v(27)).known);
  CHECK(table().find("CSIMigration")->removed_in == v(27));
}

TEST_CASE("locks come from the docs and from the code's versioned feature lists", "[feature-gates]") {
  // Locked in both sources from 1.33.
  CHECK(stage("SidecarContainers", 32).locked == false);
  CHECK(stage("SidecarContainers", 33).locked == true);
  // The docs mark no lock; the code locks CPUManager from GA (1.26) until its removal.
  CHECK(stage("CPUManager", 26).locked == true);
  CHECK(stage("CPUManager", 32).locked == true);
  CHECK_FALSE(table().lookup("CPUManager", v(33)).known);
  // The docs say locked from 1.33; the code says GA unlocked in 1.33, locked from 1.34.
  CHECK(stage("MultiCIDRServiceAllocator", 33).stage == GateStage::stable);
  CHECK(stage("MultiCIDRServiceAllocator", 33).locked == false);
  CHECK(stage("MultiCIDRServiceAllocator", 34).locked == true);
  // A deprecated stage the code locks to false.
  CHECK(stage("WatchFromStorageWithoutResourceVersion", 33).stage == GateStage::deprecated);
  CHECK(stage("WatchFromStorageWithoutResourceVersion", 33).default_value == false);
  CHECK(stage("WatchFromStorageWithoutResourceVersion", 33).locked == true);
  // GA gates the code leaves unlocked, and an old GA stage neither source decides.
  CHECK(stage("ExecProbeTimeout", 33).locked == false);
  CHECK(stage("TopologyManagerPolicyOptions", 32).locked == false);
  CHECK_FALSE(stage("RuntimeClass", 22).locked.has_value());
}

TEST_CASE("a gate added at 1.31 or later is unknown before it", "[feature-gates]") {
  // Newer than the binary: the binary does not register it (unrecognized, not PreAlpha).
  GateLookup before = table().lookup("AnonymousAuthConfigurableEndpoints", v(30));
  CHECK_FALSE(before.known);
  REQUIRE(before.gate != nullptr);
  CHECK(before.gate->first == v(31));
  CHECK(stage("AnonymousAuthConfigurableEndpoints", 31).stage == GateStage::alpha);
  CHECK_FALSE(table().lookup("RelaxedServiceNameValidation", v(33)).known);
  CHECK(table().lookup("RelaxedServiceNameValidation", v(34)).known);
}

TEST_CASE("AllAlpha and AllBeta are known at every version", "[feature-gates]") {
  for (int minor : {20, 31, 35, 40}) {
    GateLookup a = table().lookup("AllAlpha", v(minor));
    CHECK(a.special);
    CHECK(a.known);
    REQUIRE(a.stage);
    CHECK(a.stage->stage == GateStage::alpha);
    CHECK(a.stage->locked == false);
  }
  CHECK(table().lookup("AllBeta", v(25)).stage->stage == GateStage::beta);
  CHECK_FALSE(table().at_stage(GateStage::alpha, v(33)).empty());
}

TEST_CASE("a version beyond the table is answered with the horizon's view", "[feature-gates]") {
  GateLookup at = table().lookup("NodeSwap", v(37));
  CHECK(at.beyond_horizon);
  CHECK(at.known);
  REQUIRE(at.stage);
  CHECK(at.stage->stage == GateStage::stable);
  CHECK_FALSE(table().lookup("NodeSwap", v(35)).beyond_horizon);
}

TEST_CASE("did you mean: close names known at that version", "[feature-gates]") {
  CHECK(table().suggest("NodeSwapp", v(33)) == std::vector<std::string>{"NodeSwap"});
  CHECK(table().suggest("sidecarcontainers", v(33)) == std::vector<std::string>{"SidecarContainers"});
  CHECK(table().suggest("AllAlfa", v(33)) == std::vector<std::string>{"AllAlpha"});
  CHECK(table().suggest("CompletelyDifferentThing", v(33)).empty());
  // A removed gate is not offered at a version that no longer knows it.
  for (const std::string& s : table().suggest("PodSecurityy", v(33), 5)) CHECK(s != "PodSecurity");
  CHECK(table().suggest("PodSecurityy", v(27)).front() == "PodSecurity");
}

TEST_CASE("a deprecated gate whose default flipped is deprecated since its first deprecated stage", "[feature-gates]") {
  const GateInfo* g = table().find("DisableNodeKubeProxyVersion");
  REQUIRE(g);
  GateLookup at = table().lookup("DisableNodeKubeProxyVersion", v(33));
  REQUIRE(at.stage);
  CHECK(at.stage->from == v(33));
  CHECK(stage_since(*g, *at.stage) == v(31));
}

TEST_CASE("a malformed table is an error, not an empty table", "[feature-gates]") {
  CHECK_THROWS_AS(FeatureGateTable::parse("{}"), std::runtime_error);
  CHECK_THROWS_AS(FeatureGateTable::parse(R"({"horizon": "1.35", "gates": {"X": {"first": "one", "last": null,
      "removedIn": null, "stages": []}}})"),
                  std::runtime_error);
  FeatureGateTable t = FeatureGateTable::parse(R"({"horizon": "1.30", "gates": {"Gate": {"first": "1.28",
      "last": "1.29", "removedIn": "1.30", "stages": [["beta", true, false, "1.28", "1.29"]]}}})");
  CHECK(t.lookup("Gate", v(29)).known);
  CHECK_FALSE(t.lookup("Gate", v(30)).known);
}

TEST_CASE("Kubernetes version strings split as the semver pattern splits them", "[feature-gates][version]") {
  auto dirty = parse_kube_version("v1.31.0-284+0214af08731054-dirty");
  REQUIRE(dirty);
  CHECK(dirty->minor_version() == v(31));
  CHECK(dirty->pre_release == "284");
  CHECK(dirty->build == "0214af08731054-dirty");
  CHECK(dirty->untagged_build());
  CHECK(dirty->dirty());
  CHECK_FALSE(dirty->is_release());

  auto fork = parse_kube_version("0.1.0");
  REQUIRE(fork);
  CHECK(fork->major == 0);
  CHECK(fork->is_release());

  auto alpha = parse_kube_version("v1.31.0-alpha.1");
  REQUIRE(alpha);
  CHECK_FALSE(alpha->is_release());
  CHECK_FALSE(alpha->untagged_build());

  auto rke2 = parse_kube_version("v1.31.4+rke2r1");
  REQUIRE(rke2);
  CHECK(rke2->is_release());

  auto minor_only = parse_kube_version("1.33");
  REQUIRE(minor_only);
  CHECK_FALSE(minor_only->patch);
  CHECK_FALSE(minor_only->is_release());

  CHECK_FALSE(parse_kube_version("latest"));
  CHECK_FALSE(parse_kube_version("v1"));
  CHECK_FALSE(parse_kube_version("v0.0.0-master+$Format:%H$"));
  CHECK_FALSE(parse_kube_version("1.31.0 "));
}
