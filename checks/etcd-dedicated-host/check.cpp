// A dedicated etcd host (in etcd, not in k8s_cluster) with etcd_deployment_type host: a supported
// layout (Kubespray CI "separate" mode); the host gets etcd as a systemd service and no
// container runtime. Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/docs/operations/etcd.md,
// deploy_container_engine in roles/kubespray_defaults/defaults/main/main.yml
#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"

#include <fmt/format.h>


namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  if (!c.topology_known) return;
  for (const Node& n : c.nodes) {
    if (!n.has(role_etcd) || n.has(role_control_plane) || n.has(role_worker) || n.has(role_route_reflector) ||
        n.in_group("k8s_cluster"))
      continue;
    const KubesprayHost host(n.vars);
    if (host.etcd_deployment_type().text() != "host") continue;

    // deploy_container_engine defaults to "host in k8s_cluster or etcd_deployment_type == docker".
    const Setting engine = host.deploy_container_engine();
    std::optional<bool> runtime = engine.is_default() ? std::optional<bool>(false) : engine.truth();
    std::string tail;
    if (runtime == false)
      tail = "it gets no container runtime (deploy_container_engine is false there), so no nerdctl or crictl to "
             "inspect it with; etcd runs as a systemd service";
    else if (runtime == true)
      tail = "deploy_container_engine: true installs a container runtime there anyway";
    else
      tail = "whether it gets a container runtime depends on deploy_container_engine";
    r.report(n.loc, fmt::format("\"{}\" is a dedicated etcd host (in etcd, not in k8s_cluster) with "
                                "etcd_deployment_type \"host\", a supported layout: {}",
                                n.name, tail))
        .related(engine.user_loc(), "deploy_container_engine set here")
        .fix(runtime == true ? "nothing to fix; set deploy_container_engine: false if the host needs no container runtime"
                             : "nothing to fix; inspect etcd on this host with etcdctl and systemctl status etcd, "
                               "not with nerdctl or crictl");
  }
}

const CheckRegistration reg{{"etcd-dedicated-host", Severity::info,
                             "a dedicated etcd host gets etcd as a service and no container runtime", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
