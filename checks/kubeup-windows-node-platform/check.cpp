// kube-up with Windows nodes but no Windows node tarball: without KUBERNETES_NODE_PLATFORM=windows
// no kubernetes-node-windows-amd64.tar.gz is built or downloaded and staged, NODE_BINARY_TAR_URL
// stays empty in the Windows nodes' kube-env, and their start-up script fails downloading from it.
// Doc: check.md
// Upstream: https://github.com/kubernetes/kubernetes/issues/130203
#include "kubegate/check.hpp"
#include "kubegate/model/kubeup.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Setting& windows = c.kubeup.num_windows_nodes;
  const auto count = windows_node_count(windows);
  if (!count) return;
  const SourceLoc at = windows.loc();

  const Setting& platform = c.kubeup.kubernetes_node_platform;
  if (auto p = platform.text(); p && *p != "windows") {
    std::string why = p->empty() ? std::string("KUBERNETES_NODE_PLATFORM is not set")
                                 : fmt::format("KUBERNETES_NODE_PLATFORM is \"{}\"", *p);
    r.report(at, fmt::format("NUM_WINDOWS_NODES={} asks for Windows nodes but {}: no Windows node tarball "
                             "(kubernetes-node-windows-amd64.tar.gz) is staged, NODE_BINARY_TAR_URL stays empty in the "
                             "Windows nodes' kube-env, and their start-up script (k8s-node-setup.psm1) fails "
                             "downloading the node binaries",
                             *count, why))
        .related(kubeup_set_in_file(platform) ? platform.loc() : SourceLoc{},
                 fmt::format("KUBERNETES_NODE_PLATFORM={} set here", *p))
        .fix(
            "export KUBERNETES_NODE_PLATFORM=windows (and KUBERNETES_NODE_ARCH=amd64) before the release is built or "
            "downloaded, so that kube-up stages the Windows node tarball");
  }

  const Setting& url = c.kubeup.node_binary_tar_url;
  if (kubeup_set_in_file(url) && url.value.is_string() && url.value.text.empty())
    r.report(url.loc(), fmt::format("NODE_BINARY_TAR_URL is set empty with {} Windows node(s): the Windows start-up "
                                    "script downloads kubelet and kube-proxy from this URL and fails on an empty one",
                                    *count))
        .related(at, fmt::format("NUM_WINDOWS_NODES={} set here", *count))
        .fix(
            "remove the empty assignment and let kube-up stage the Windows node tarball "
            "(KUBERNETES_NODE_PLATFORM=windows), or set the URL of a kubernetes-node-windows-amd64.tar.gz");
}

const CheckRegistration reg{{"kubeup-windows-node-platform", Severity::error,
                             "Windows nodes without a staged Windows node tarball (KUBERNETES_NODE_PLATFORM)", kKubeup},
                            run};

}  // namespace
}  // namespace kubegate
