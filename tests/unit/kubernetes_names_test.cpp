#include <catch2/catch.hpp>

#include "lib/kubernetes_names.hpp"

using namespace kubegate;

TEST_CASE("Kubernetes name rules: DNS-1123 subdomains, label values, qualified names", "[names]") {
  CHECK(is_dns1123_subdomain("worker-1.example.com"));
  CHECK_FALSE(is_dns1123_subdomain("Worker_1"));
  CHECK_FALSE(is_dns1123_subdomain("worker-"));
  CHECK_FALSE(is_dns1123_subdomain("a..b"));
  CHECK_FALSE(is_dns1123_subdomain(std::string(64, 'a')));  // one label of 64
  CHECK(is_label_value(""));
  CHECK_FALSE(is_label_value("", false));
  CHECK(is_label_value("eu-west-1a"));
  CHECK_FALSE(is_label_value("-a"));
  CHECK_FALSE(is_label_value(std::string(64, 'a')));
  CHECK(is_qualified_name("node-role.kubernetes.io/worker"));
  CHECK(is_qualified_name("CriticalAddonsOnly"));
  CHECK_FALSE(is_qualified_name("team/ml/a"));
  CHECK_FALSE(is_qualified_name("Example.com/x"));  // the prefix is lower case
  CHECK_FALSE(is_qualified_name("example.com/"));
}
