// A kubeadm_feature_gates item whose name kubeadm of the cluster's Kubernetes version does not
// have (a component gate put in kubeadm's list, a typo, a removed or a too new kubeadm gate):
// kubeadm refuses its ClusterConfiguration and `kubeadm init` stops. Doc: check.md
// Upstream: kubernetes cmd/kubeadm/app/apis/kubeadm/validation/validation.go (ValidateFeatureGates)
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "lib/feature_gates.hpp"
#include "lib/kubeadm_gates.hpp"

namespace kubegate {
namespace {

/// The fix for a name kubeadm has never had at `v`.
std::string unknown_fix(const CheckContext& ctx, const KubeadmGates& kubeadm, const FeatureGate& g, KubeMinor v) {
  if (ctx.knowledge.gates().lookup(g.name, v).gate)
    return fmt::format(
        "\"{}\" is a gate of the Kubernetes components, not of kubeadm: move the item to "
        "kube_feature_gates (every component) or to the component's own list",
        g.name);
  if (const KubeadmGate* close = kubeadm.near(g.name, v)) return fmt::format("did you mean \"{}\"?", close->name);
  return "remove the item, or take the name from kubeadm's feature-gate list for this version";
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  if (c.kubeadm_feature_gates.empty()) return;
  const auto version = feature_gate_version(c);
  const KubeadmGates* kubeadm = ctx.knowledge.read<KubeadmGates>(kKubeadmGatesDocument);
  if (!version || !kubeadm) return;
  const KubeMinor v = *version;
  for (const FeatureGate& g : c.kubeadm_feature_gates) {
    if (g.name.empty() || !g.enabled) continue;  // not Name=true|false: not judged here
    const std::string refused =
        fmt::format("kubeadm refuses its configuration with \"{} is not a valid feature name.\"", g.name);
    const KubeadmGate* gate = kubeadm->find(g.name);
    if (gate && gate->known_at(v)) continue;
    if (!gate) {
      if (v > kubeadm->horizon) continue;  // a newer kubeadm may have added it
      r.report(g.loc,
               fmt::format("\"{}\" is not a kubeadm feature gate of Kubernetes {}: {}", g.name, v.str(), refused))
          .fix(unknown_fix(ctx, *kubeadm, g, v));
    } else if (v < gate->added) {
      r.report(g.loc, fmt::format("kubeadm's \"{}\" gate does not exist yet in Kubernetes {} (added in {}): {}", g.name,
                                  v.str(), gate->added.str(), refused))
          .related(c.kubernetes_version.loc(), fmt::format("Kubernetes version {} set here", v.str()))
          .fix(fmt::format("remove the item, or deploy Kubernetes {} or later", gate->added.str()));
    } else {
      // Past the horizon, a removal is known from its pull request only.
      const Severity severity = *gate->removed > kubeadm->horizon ? Severity::warning : Severity::error;
      r.report(g.loc, severity,
               fmt::format("kubeadm's \"{}\" gate was removed in Kubernetes {}, so on {} {}", g.name,
                           gate->removed->str(), v.str(), refused))
          .related(c.kubernetes_version.loc(), fmt::format("Kubernetes version {} set here", v.str()))
          .fix("remove the item: the gate's behaviour is now always on, or gone");
    }
  }
}

const CheckRegistration reg{
    {"kubeadm-feature-gate-unknown", Severity::error,
     "kubeadm feature gate that kubeadm of the cluster's Kubernetes version does not know", kKubespray},
    run};

}  // namespace
}  // namespace kubegate
