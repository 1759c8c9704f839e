// kubelet-csr-approver installed before the external cloud controller: its pods never
// schedule on nodes tainted node.cloudprovider.kubernetes.io/uninitialized, so the deploy
// stops before the controller that would remove the taint. Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/issues/12059
#include "kubegate/check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// kubelet-csr-approver is installed before the external cloud controller (kubespray#12059).
  bool csr_approver_before_cloud_controller = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, csr_approver_before_cloud_controller)

constexpr std::string_view kTaint = "node.cloudprovider.kubernetes.io/uninitialized";

/// True when a toleration lets a pod onto a node with the uninitialized NoSchedule taint.
bool tolerates_uninitialized(const Value& t) {
  const Value* key = t.find("key");
  const Value* op = t.find("operator");
  const Value* effect = t.find("effect");
  const Value* value = t.find("value");
  bool exists = op && op->text == "Exists";
  bool key_ok = (key && key->text == kTaint) || (!key && exists);
  bool effect_ok = !effect || effect->text.empty() || effect->text == "NoSchedule";
  bool value_ok = exists || (value && value->text == "true");
  return key_ok && effect_ok && value_ok;
}

/// nullopt when the values cannot be told (templated), else whether they tolerate the taint.
std::optional<bool> values_tolerate(const Setting& values) {
  if (!values) return false;
  if (values.value.is_unknown()) return std::nullopt;
  const Value* tolerations = values.value.find("tolerations");
  if (!tolerations) return false;
  if (tolerations->is_unknown()) return std::nullopt;
  for (const Value& t : tolerations->items) {
    if (t.is_unknown()) return std::nullopt;
    if (tolerates_uninitialized(t)) return true;
  }
  return false;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  if (!d->csr_approver_before_cloud_controller) return;
  if (c.cloud_provider.text() != "external") return;
  const Setting& approver = c.kubespray.kubelet_csr_approver_enabled;
  if (approver.truth() != true) return;
  if (values_tolerate(c.kubespray.kubelet_csr_approver_values) != false) return;

  const Setting& rotate = c.kubespray.kubelet_rotate_server_certificates;
  const bool follows_rotation = approver.is_default();
  SourceLoc at = follows_rotation ? rotate.loc() : approver.loc();
  std::string why = follows_rotation ? "kubelet_rotate_server_certificates turns on kubelet-csr-approver"
                                     : "kubelet-csr-approver is enabled";
  const Setting& external = c.kubespray.external_cloud_provider;
  r.report(at, fmt::format("{} while cloud_provider is \"external\": Kubespray {} installs the approver before the "
                           "cloud controller, its pods stay Pending on the {} taint and the helm install times out",
                           why, c.release.version, kTaint))
      .related(c.cloud_provider.loc(), "cloud_provider: external set here")
      .related(external.loc(), fmt::format("external_cloud_provider: {} set here", external.value.display()))
      .related(approver.user_loc(), "kubelet_csr_approver_enabled set here")
      .fix(fmt::format("add a toleration {{key: {}, operator: Exists, effect: NoSchedule}} to "
                       "kubelet_csr_approver_values.tolerations, or set kubelet_csr_approver_enabled: false until the "
                       "cloud controller runs, or use a Kubespray release that installs the approver after it "
                       "(v2.28.0 and later, kubespray#12141)",
                       kTaint));
}

const CheckRegistration reg{{"csr-approver-external-cloud", Severity::error,
                             "kubelet-csr-approver pods stay Pending behind an external cloud provider's taint",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
