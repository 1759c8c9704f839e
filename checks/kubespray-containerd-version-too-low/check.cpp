// containerd_version older than containerd_min_version_required with container_manager
// containerd: the targeted Kubespray release stops in its inventory checks. Both versions are
// variables (the minimum is a release default); the skipped values are release data
// (`containerd_version_check`). Past that assert, a containerd without CRI v1 under a kubelet
// that requires it (schemas/kubelet/cri.json). Doc: check.md
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

/// The release's containerd_version assert, when it has one.
struct Data {
  bool checks = false;
  /// containerd_version values that skip the assert (latest, edge, stable).
  std::vector<std::string> skip_versions;
  std::string validation_file;
};
void from_json(const nlohmann::json& j, Data& d) {
  d.validation_file = j.value("validation_file", "");
  if (const auto it = j.find("containerd_version_check"); it != j.end() && it->is_object()) {
    d.checks = true;
    d.skip_versions = it->value("skip_versions", std::vector<std::string>{});
  }
}

/// The kubelet's CRI requirement (schemas/kubelet/cri.json).
struct Cri {
  std::string v1_required_from, containerd_v1_from;
};
void from_json(const nlohmann::json& j, Cri& c) {
  c.v1_required_from = j.at("cri_v1_required_from").get<std::string>();
  c.containerd_v1_from = j.at("containerd_cri_v1_from").get<std::string>();
}

/// A containerd_version that serves no CRI v1, under a kubelet that needs it.
void cri_v1(const Cluster& c, const Cri& cri, const Setting& version, const Version& v, Reporter& r) {
  const auto& kube = c.kubernetes_version.typed;
  const auto from = parse_kube_version(cri.v1_required_from);
  const auto first = parse_version(cri.containerd_v1_from);
  if (!kube || !from || !first || kube->minor_version() < from->minor_version() || !(v < *first)) return;
  r.report(
       version.loc(),
       fmt::format("containerd_version \"{}\" serves only the CRI v1alpha2 API, and the kubelet of Kubernetes {} "
                   "requires CRI v1 (from Kubernetes {}; containerd has it from {}): the kubelet fails to connect to "
                   "containerd and never registers the node",
                   *version.text(), kube->minor_version().str(), from->minor_version().str(), cri.containerd_v1_from))
      .related(c.kubernetes_version.user_loc(), "kube_version set here")
      .fix(fmt::format("set containerd_version to {} or newer, or remove it to use the release's default",
                       cri.containerd_v1_from));
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  const Release& rel = c.release;
  if (!d->checks || c.container_runtime.text() != "containerd") return;
  const Setting& version = c.kubespray.containerd_version;
  const Setting& minimum = c.kubespray.containerd_min_version_required;
  std::optional<std::string> have = version.text(), need = minimum.text();
  if (!have || !need || (version.is_default() && minimum.is_default())) return;
  const auto& skips = d->skip_versions;
  if (std::find(skips.begin(), skips.end(), *have) != skips.end()) return;
  auto v = parse_version(*have), min = parse_version(*need);
  if (!v || !min) return;
  if (!(*v < *min)) {  // the release's assert passes: the kubelet may still refuse the runtime
    const Cri* cri = ctx.knowledge.read<Cri>("schemas/kubelet/cri.json");
    if (cri && !version.is_default()) cri_v1(c, *cri, version, *v, r);
    return;
  }
  r.report(version.is_default() ? minimum.loc() : version.loc(),
           fmt::format("containerd_version \"{}\" is older than containerd_min_version_required \"{}\": Kubespray {} "
                       "stops with \"containerd_version is too low. Minimum version {}\" ({})",
                       *have, *need, rel.version, *need, d->validation_file))
      .related(minimum.user_loc(), "containerd_min_version_required set here")
      .related(c.container_runtime.user_loc(), "container_manager set here")
      .fix(fmt::format("set containerd_version to {} or newer, or remove it to use the release's default", *need));
}

const CheckRegistration reg{
    {"kubespray-containerd-version-too-low", Severity::error,
     "containerd_version is older than the Kubespray release's minimum or the kubelet's CRI", kKubespray},
    run};

}  // namespace
}  // namespace kubegate
