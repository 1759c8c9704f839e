// The one-edit distance of kubespray-misspelled-variable and its name list
// (schemas/kubespray/variables.txt).
#include <catch2/catch.hpp>

#include <algorithm>

#include "kubegate/knowledge.hpp"
#include "lib/kubespray_variable_names.hpp"

using namespace kubegate;

TEST_CASE("one_edit_apart is Damerau-Levenshtein distance 1", "[variables]") {
  CHECK(one_edit_apart("kube_netwrk_plugin", "kube_network_plugin"));  // insertion
  CHECK(one_edit_apart("kube_network_plugin", "kube_netwrk_plugin"));  // deletion
  CHECK(one_edit_apart("helm_enablet", "helm_enabled"));               // substitution
  CHECK(one_edit_apart("kube_proxy_mdoe", "kube_proxy_mode"));         // adjacent swap
  CHECK(one_edit_apart("ab", "ba"));
  CHECK(one_edit_apart("xkube", "kube"));  // at either end
  CHECK(one_edit_apart("kube", "kubex"));
  CHECK_FALSE(one_edit_apart("kube_proxy_mode", "kube_proxy_mode"));  // the same name
  CHECK_FALSE(one_edit_apart("kube_proxy_mdeo", "kube_proxy_mode"));  // two swaps away
  CHECK_FALSE(one_edit_apart("kube_prxy_mde", "kube_proxy_mode"));    // two deletions
  CHECK_FALSE(one_edit_apart("abc", "cba"));                          // not adjacent
  CHECK_FALSE(one_edit_apart("abcd", "abdcx"));                       // a swap and an insertion
  CHECK_FALSE(one_edit_apart("a", "abc"));
  CHECK(one_edit_apart("", "a"));
}

TEST_CASE("digit_replaced tells a changed digit from a misspelling", "[variables]") {
  CHECK(digit_replaced("kube_pods_subnet_ipv4", "kube_pods_subnet_ipv6"));
  CHECK_FALSE(digit_replaced("kube_pods_subnet_ipv", "kube_pods_subnet_ipv6"));
  CHECK_FALSE(digit_replaced("helm_enablet", "helm_enabled"));
}

TEST_CASE("the name list parses its releases, ranges and kinds", "[variables]") {
  const auto names = KubesprayVariableNames::parse(
      "# a comment\n# release 0 v2.16.0 abc\n# release 1 v2.17.0 def\n# release 2 master 123\n"
      "zeta 0-2 s\nalpha 0-0,2-2 l\nbeta 1-2 i\nkube 2\n");
  REQUIRE(names.size() == 4);
  CHECK(names.release_index("2.16.0") == 0);
  CHECK(names.release_index("master") == 2);
  CHECK(names.release_index("2.99.0") == -1);
  const KnownName* alpha = names.find("alpha");
  REQUIRE(alpha);
  CHECK(alpha->kind == NameKind::list);
  CHECK(alpha->in_release(0));
  CHECK_FALSE(alpha->in_release(1));  // a gap
  CHECK(alpha->in_release(2));
  REQUIRE(names.find("beta"));
  CHECK_FALSE(names.find("beta")->settable());
  REQUIRE(names.find("kube"));
  CHECK(names.find("kube")->in_release(2));
  CHECK_FALSE(names.find("kube")->in_release(1));
  CHECK(names.find("zeta")->kind == NameKind::scalar);  // sorted though written first
  CHECK_FALSE(names.find("gamma"));
  const auto near = names.near("alphas");
  REQUIRE(near.size() == 1);
  CHECK(near.front()->name == "alpha");
  CHECK(names.near("kub").size() == 1);
  CHECK(names.near("betaxx").empty());
}

TEST_CASE("the embedded name list knows every release kubegate has data for", "[variables]") {
  Knowledge k;
  const KubesprayVariableNames& names = kubespray_variable_names(k);
  CHECK(&names == &kubespray_variable_names(k));  // parsed once
  CHECK(names.size() > 3000);
  for (std::string_view doc : k.names("schemas/kubespray/v")) {
    if (doc.size() < 5 || doc.substr(doc.size() - 5) != ".json") continue;  // not variables.txt
    const std::string_view file = doc.substr(doc.rfind('/') + 2);           // "2.24.0.json"
    CHECK(names.release_index(file.substr(0, file.size() - 5)) >= 0);
  }
  CHECK(names.release_index("master") >= 0);
  const KnownName* plugin = names.find("kube_network_plugin");
  REQUIRE(plugin);
  CHECK(plugin->settable());
  CHECK(plugin->in_release(names.release_index("master")));
  const auto near = names.near("kube_netwrk_plugin");
  REQUIRE(near.size() == 1);
  CHECK(near.front()->name == "kube_network_plugin");
}
