// The Kubernetes version skew policy between kubelets and kube-apiservers
// (schemas/kubelet/version-skew.json), judged over the versions the nodes install; read by the
// platforms' version-skew checks, which gather those versions where their platform sets them.
#pragma once

#include <string>
#include <vector>

#include "kubegate/check.hpp"
#include "kubegate/version.hpp"

namespace kubegate {

/// A node that runs a kubelet, with the Kubernetes version it installs and the setting that says
/// so (its name, text and place: not the whole Setting, which a cluster of 100,000 hosts holds once per host).
struct Kubelet {
  Kubelet(const Node& n, const Setting& version, const KubeVersion& parsed)
      : node(&n),
        parsed(parsed),
        variable(version.name),
        text(version.text().value_or("")),
        set_at(version.user_loc()) {}

  const Node* node;
  KubeVersion parsed;
  std::string variable, text;
  /// Where the configuration writes the version; unknown for a release default.
  SourceLoc set_at;
};

/// How to fix each way out of the policy, in the platform's words.
struct SkewFixes {
  /// A kubelet newer than some kube-apiserver.
  std::string newer;
  /// A kubelet too many minors behind the newest kube-apiserver.
  std::string older;
};

/// Reports kubelets newer than the oldest control-plane node's kube-apiserver, and kubelets more
/// minors behind the newest one than the policy allows: one finding per place that sets the version.
void report_version_skew(const CheckContext& ctx, Reporter& r, const std::vector<Kubelet>& kubelets,
                         const SkewFixes& fixes);

}  // namespace kubegate
