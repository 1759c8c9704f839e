// kubelet_static_pod_path on a control-plane host pointing away from the folder kubeadm writes
// the control plane's static pods to: the kubelet never starts the API server. Only releases
// whose kubelet template reads the variable (v2.29, v2.30; release data `apps`).
// Doc: check.md. Upstream: kubernetes-sigs/kubespray#12468.
#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The release's facts this check reads (`apps`).
struct Data {
  /// The release reads kubelet_static_pod_path into the kubelet's staticPodPath.
  bool kubelet_static_pod_path_read = false;
};
void from_json(const nlohmann::json& j, Data& d) {
  d.kubelet_static_pod_path_read = j.value("apps", nlohmann::json::object()).value("kubelet_static_pod_path_read", false);
}

/// `path` without trailing slashes.
std::string trimmed(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d || !d->kubelet_static_pod_path_read) return;
  struct Place {
    Setting setting;
    std::string value, manifests;
    std::vector<const Node*> hosts;
  };
  std::map<std::tuple<unsigned, unsigned, unsigned>, Place> places;  // one finding per definition
  for (const Node& n : c.nodes) {
    if (!n.has(role_control_plane)) continue;
    const KubesprayHost host(n.vars);
    const Setting path = host.kubelet_static_pod_path();
    auto value = path.text();
    auto manifests = host.kube_manifest_dir().text();
    if (!path || path.is_default() || !value || !manifests || trimmed(*value) == trimmed(*manifests)) continue;
    const SourceLoc at = path.loc();
    Place& p = places[{at.file, at.line, at.column}];
    if (p.hosts.empty()) p = {path, *value, *manifests, {}};
    p.hosts.push_back(&n);
  }
  for (const auto& [_, p] : places) {
    const Node& first = *p.hosts.front();
    auto f = r.report(p.setting.loc(),
                      fmt::format("kubelet_static_pod_path is \"{}\" for control-plane host \"{}\"{}, but kubeadm writes "
                                  "the API server, controller manager, scheduler (and stacked etcd) manifests to \"{}\": "
                                  "the kubelet there never starts them and kubeadm init times out waiting for the "
                                  "API server (Kubespray {} reads the variable)",
                                  p.value, first.name,
                                  p.hosts.size() == 1 ? "" : fmt::format(" and {} more", p.hosts.size() - 1),
                                  p.manifests, c.release.version));
    for (const Node* n : p.hosts) f.related(n->loc, fmt::format("control-plane host \"{}\"", n->name));
    f.fix(fmt::format("set kubelet_static_pod_path only for worker hosts (group_vars/kube_node or host_vars), or "
                      "leave it at its default \"{}\" on the control plane",
                      p.manifests));
  }
}

const CheckRegistration reg{{"kubelet-static-pod-path-control-plane", Severity::error,
                             "kubelet_static_pod_path moves a control-plane kubelet away from kubeadm's manifests",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
