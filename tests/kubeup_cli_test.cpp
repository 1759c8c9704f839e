// kube-up env files end to end through cli::run: the Windows example and its fixed twin, show,
// and --platform.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/cli.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;
using kubegate::test::Run;
using kubegate::test::kubegate_run;
using kubegate::test::kExamples;

TEST_CASE("lint: the kube-up Windows example fails with the finding, its fixed twin passes", "[cli][kubeup]") {
  Run bad = kubegate_run({"lint", kExamples + "kubeup-windows"});
  CHECK(bad.code == cli::kFindings);
  CHECK(bad.out.find("kubeup-windows/kube-up.env:6:8: error: NUM_WINDOWS_NODES=1 asks for Windows nodes but "
                     "KUBERNETES_NODE_PLATFORM is not set") != std::string::npos);
  CHECK(bad.out.find("[kubeup-windows-node-platform]") != std::string::npos);
  CHECK(bad.out.find("1 error(s), 0 warning(s), 0 info, 0 load error(s)") != std::string::npos);

  Run fixed = kubegate_run({"lint", "--fail-on", "info", kExamples + "kubeup-windows-fixed"});
  CHECK(fixed.code == cli::kClean);
  CHECK(fixed.out.empty());

  // The env file named directly lints the same.
  CHECK(kubegate_run({"lint", kExamples + "kubeup-windows/kube-up.env"}).code == cli::kFindings);
}

TEST_CASE("show: a kube-up cluster with its node groups and counts", "[cli][kubeup]") {
  Run r = kubegate_run({"show", kExamples + "kubeup-windows-fixed"});
  CHECK(r.code == cli::kClean);
  CHECK(r.out.find("env file: ") == 0);
  CHECK(r.out.find("network plugin:     kubenet    [kube-up default, cluster/gce/config-default.sh]") !=
        std::string::npos);
  CHECK(r.out.find("kubernetes-minion-group  roles: worker  count: 2  os: linux") != std::string::npos);
  CHECK(r.out.find("kubernetes-windows-node-group  roles: worker  count: 1  os: windows (NUM_WINDOWS_NODES=1)") !=
        std::string::npos);

  Run host = kubegate_run({"show", kExamples + "kubeup-windows-fixed", "--host", "kubernetes-master"});
  CHECK(host.out.find("variables set by the env file:") != std::string::npos);
  CHECK(host.out.find("KUBERNETES_NODE_PLATFORM = windows    [") != std::string::npos);
  CHECK(host.out.find("overrides the kube-up default") != std::string::npos);
}

TEST_CASE("kubeup: --platform kubeup reads any file as an env file, and secrets are never shown", "[cli][kubeup]") {
  TempDir dir(
      {{"settings", "NUM_NODES=0\nNUM_WINDOWS_NODES=2\nKUBERNETES_NODE_PLATFORM=windows\nKUBE_PASSWORD=hunter2\n"}});
  // Without --platform a file named `settings` with kube-up variables is still found by content.
  Run detected = kubegate_run({"lint", dir.path("settings")});
  CHECK(detected.code == cli::kFindings);
  Run forced = kubegate_run({"lint", "--platform", "kubeup", dir.path("settings")});
  CHECK(forced.code == cli::kFindings);
  CHECK(forced.out.find("[kubeup-windows-needs-linux-node]") != std::string::npos);
  Run shown = kubegate_run({"show", "--platform", "kubeup", dir.path("settings"), "--host", "kubernetes-master"});
  CHECK(shown.out.find("hunter2") == std::string::npos);
  CHECK(shown.out.find("KUBE_PASSWORD = <secret>") != std::string::npos);

  CHECK(kubegate_run({"lint", "--platform", "kubespray", dir.path("settings")}).code == cli::kLoadError);
  CHECK(kubegate_run({"lint", "--platform", "nonsense", dir.path("settings")}).code == cli::kUsageError);
  TempDir yaml({{"kube-up.env", "kube_version: v1.28.6\nkube_network_plugin: calico\n"}});
  Run not_env = kubegate_run({"lint", yaml.path("kube-up.env")});
  CHECK(not_env.code == cli::kLoadError);
  CHECK(not_env.out.find("kube-up.env:1:1: error: not an env file") != std::string::npos);
}
