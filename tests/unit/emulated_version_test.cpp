// `--emulated-version` values read as the control-plane components' flag parser reads them.
#include <catch2/catch.hpp>

#include "load/common/emulated_version.hpp"

using namespace kubegate;

namespace {

EmulatedVersion parse(std::string_view value) { return parse_emulated_version(value, "kube-apiserver", "test", {}); }

}  // namespace

TEST_CASE("an emulated version is a list of [component=]major.minor", "[emulated-version]") {
  CHECK(parse("1.33").version == KubeMinor{1, 33});
  CHECK(parse(" kube=1.32 ").version == KubeMinor{1, 32});
  CHECK(parse("v1.33").version == KubeMinor{1, 33});
  CHECK(parse("1.33.0").version == KubeMinor{1, 33});
  CHECK(parse("wardle=1.2,kube=1.31").version == KubeMinor{1, 31});  // another component's is skipped
  CHECK_FALSE(parse("wardle=1.2").version);                          // nothing for the Kubernetes components
  CHECK(parse("wardle=1.2").problem.empty());
  CHECK_FALSE(parse("").version);
  CHECK(parse("").problem.empty());
}

TEST_CASE("an emulated version the flag parser refuses says why", "[emulated-version]") {
  CHECK(parse("1.33.2").problem == "patch version not allowed, got: kube=1.33.2");
  CHECK_FALSE(parse("1.33.2").version);
  CHECK(parse("1.33,kube=1.32").problem == "duplicate version flag, kube=1.33 and kube=1.32");
  CHECK(parse("latest").problem == "\"latest\" is not a major.minor version");
  CHECK(parse("1").problem == "\"1\" is not a major.minor version");
}

TEST_CASE("emulated versions are found in a command line with their columns", "[emulated-version]") {
  const SourceLoc at{1, 3, 10};
  const auto found = emulated_versions_in_flags(
      "--v=2 --emulated-version=1.33 --emulated-version 1.32 "
      "--emulated-version-extra=1 x--emulated-version=1.1",
      "kube-apiserver", "APISERVER_TEST_ARGS", at);
  REQUIRE(found.size() == 2);
  CHECK(found[0].version == KubeMinor{1, 33});
  CHECK(found[0].loc.column == 10 + 25);
  CHECK(found[1].version == KubeMinor{1, 32});
  CHECK(found[1].loc.column == 10 + 49);
  CHECK(found[1].source == "APISERVER_TEST_ARGS");
}
