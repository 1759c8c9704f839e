// A kubelet_cgroup_driver the inventory sets that differs from the container runtime's cgroup
// driver (containerd_use_systemd_cgroup, crio_cgroup_manager, docker_cgroup_driver) on a
// Kubernetes version whose kubelet does not ask the runtime: pods fail to start. How Kubespray
// picks each driver is data (schemas/kubespray/cgroup-drivers.json). Doc: check.md
// Upstream: kubespray roles/kubernetes/node/tasks/facts.yml; kubernetes.io "Configuring a cgroup driver"
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "kubegate/knowledge/feature_gates.hpp"
#include "kubegate/model/kubespray.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

/// schemas/kubespray/cgroup-drivers.json.
struct Data {
  std::string containerd_runc_follows_variable_from;
  std::string docker_cgroup_driver_default;
  std::string driver_from_cri_gate;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, containerd_runc_follows_variable_from,
                                                docker_cgroup_driver_default, driver_from_cri_gate)

/// The runtime's cgroup driver on one host, and the setting it comes from.
struct RuntimeDriver {
  std::string runtime;
  std::string driver;
  Setting from;
};

/// True when a user setting may override the default (set, not a release default, its value known).
bool user_set(const Setting& s) { return s && !s.is_default() && !s.value.is_unknown(); }

/// The driver the host's runtime uses; nullopt when it cannot be told or follows the kubelet's.
std::optional<RuntimeDriver> runtime_driver(const Data& d, const Release& rel, const KubesprayHost& host) {
  const std::optional<std::string> runtime = host.container_manager().text();
  if (runtime == "containerd") {
    const auto release = parse_version(rel.version), from = parse_version(d.containerd_runc_follows_variable_from);
    if (rel.version != "master" && (!release || !from || *release < *from)) return std::nullopt;
    const Setting handler = host.containerd_default_runtime();
    if (user_set(host.containerd_runc_runtime()) || (user_set(handler) && handler.text() != "runc"))
      return std::nullopt;  // the inventory writes runc's options, or runs another handler
    Setting systemd = host.containerd_use_systemd_cgroup();
    const std::optional<bool> on = systemd.truth();
    if (!on) return std::nullopt;
    return RuntimeDriver{"containerd", *on ? "systemd" : "cgroupfs", std::move(systemd)};
  }
  if (runtime == "crio") {  // crio_cgroup_manager follows kubelet_cgroup_driver unless the inventory sets it
    Setting manager = host.crio_cgroup_manager();
    const auto text = manager.text();
    if (!user_set(manager) || !text) return std::nullopt;
    return RuntimeDriver{"CRI-O", *text, std::move(manager)};
  }
  if (runtime == "docker") {
    Setting driver = host.docker_cgroup_driver();
    const auto text = user_set(driver) ? driver.text() : std::optional<std::string>(d.docker_cgroup_driver_default);
    if (!text) return std::nullopt;
    return RuntimeDriver{"Docker", *text, std::move(driver)};
  }
  return std::nullopt;
}

/// True when the kubelet of Kubernetes `minor` may take its driver from the runtime (the gate on,
/// or a gate list kubegate cannot read).
bool kubelet_may_ask_runtime(const CheckContext& ctx, const Data& d, KubeMinor minor) {
  const KubesprayHost cluster(ctx.cluster.settings);
  if (cluster.kube_feature_gates().value.is_unknown()) return true;
  std::optional<bool> set;
  for (const FeatureGate& g : ctx.cluster.feature_gates)
    if (g.name == d.driver_from_cri_gate && (g.component == "all" || g.component == "kubelet")) set = g.enabled;
  const GateLookup at = ctx.knowledge.gates().lookup(d.driver_from_cri_gate, minor);
  if (!at.known) return false;
  if (at.beyond_horizon || !at.stage) return true;
  return set.value_or(at.stage->default_value.value_or(true));
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.knowledge.read<Data>("schemas/kubespray/cgroup-drivers.json");
  if (!d) return;
  struct Mismatch {
    std::string kubelet, runtime, driver;
    Setting kubelet_setting, runtime_setting;
    std::vector<const Node*> hosts;
  };
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, Mismatch> found;  // by where the kubelet's is set
  for (const Node& n : c.nodes) {
    if (!n.has(role_control_plane) && !n.has(role_worker)) continue;
    const KubesprayHost host(n.vars);
    Setting kubelet = host.kubelet_cgroup_driver();
    const auto want = kubelet.text();
    if (!user_set(kubelet) || !want || (*want != "systemd" && *want != "cgroupfs")) continue;
    const auto version = host.kube_version().text();
    const auto parsed = version ? parse_kube_version(*version) : std::nullopt;
    if (!parsed || kubelet_may_ask_runtime(ctx, *d, parsed->minor_version())) continue;
    std::optional<RuntimeDriver> rt = runtime_driver(*d, c.release, host);
    if (!rt || rt->driver == *want) continue;
    const SourceLoc at = kubelet.loc();
    Mismatch& m = found[{at.file, at.line, at.column}];
    if (m.hosts.empty()) m = {*want, rt->runtime, rt->driver, std::move(kubelet), std::move(rt->from), {}};
    m.hosts.push_back(&n);
  }
  for (const auto& [unused, m] : found) {
    const std::string hosts = m.hosts.size() == 1
                                  ? fmt::format("host \"{}\"", m.hosts.front()->name)
                                  : fmt::format("host \"{}\" and {} more", m.hosts.front()->name, m.hosts.size() - 1);
    auto f = r.report(m.kubelet_setting.loc(),
                      fmt::format("kubelet_cgroup_driver is \"{}\" but {} uses the {} cgroup driver on {}: the kubelet "
                                  "and the runtime manage the pods' cgroups differently, and pod sandboxes fail to "
                                  "start (the kubelet of this Kubernetes version does not ask the runtime)",
                                  m.kubelet, m.runtime, m.driver, hosts));
    f.related(m.runtime_setting.user_loc(), fmt::format("{}'s cgroup driver set here", m.runtime));
    f.fix(fmt::format("remove kubelet_cgroup_driver (Kubespray then takes the runtime's), or set it to \"{}\"",
                      m.driver));
  }
}

const CheckRegistration reg{{"kubespray-cgroup-driver-mismatch", Severity::error,
                             "the kubelet and the container runtime use different cgroup drivers", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
