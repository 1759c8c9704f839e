// An external cloud controller (vSphere, OpenStack, Huawei Cloud, OCI) whose credentials or
// settings Kubespray's own check finds missing, late: in the kubernetes-apps stage, after the
// cluster is up. Which variables each provider needs is release data (`apps.late_asserts`);
// variables whose default reads the environment (VSPHERE_USER, OS_*) are unknown, never missing.
// Values are never printed. Doc: check.md
#include "kubegate/check.hpp"
#include "lib/kubespray_app_asserts.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  // A folder linted for its settings only is one layer of several (another inventory source,
  // extra vars): a credential it leaves empty may be set there.
  if (!c.topology_known) return;
  for (const LateFailure& f : failing_late_asserts(ctx)) {
    std::string quote = f.subject_is_false
                            ? fmt::format("; the task reads the boolean false as missing, so write {}: \"false\" "
                                          "(a quoted string) to turn the option off",
                                          f.rule->subject)
                            : "";
    FindingBuilder b = r.report(
        f.at, fmt::format("{}: Kubespray {} stops at task \"{}\" ({}), which only runs in the kubernetes-apps stage "
                          "after the cluster is up, so the cloud controller is never installed and the nodes keep the "
                          "node.cloudprovider.kubernetes.io/uninitialized taint{}",
                          f.reason, c.release.version, f.rule->task, f.rule->file, quote));
    for (const auto& [loc, note] : f.related) b.related(loc, note);
    b.fix(f.subject_is_false ? fmt::format("write {}: \"false\" as a quoted string", f.rule->subject)
                             : fmt::format("set {} (e.g. in group_vars/all/{}.yml; a vaulted value is fine)",
                                           f.rule->subject, c.kubespray.external_cloud_provider.value.display()));
  }
}

const CheckRegistration reg{{"external-cloud-credentials", Severity::error,
                             "an external cloud controller lacks a credential or setting Kubespray checks late",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
