// A variable set to a value the targeted Kubespray release's enumeration asserts reject: the
// playbook stops in its validation tasks. The accepted values are release data (`enums`).
// Doc: check.md
#include "kubegate/check.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// The values the release's asserts accept, by variable.
  std::map<std::string, std::vector<std::string>> enums;
  std::string validation_file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, enums, validation_file)

/// The allowed values as a quoted, comma-separated list.
std::string quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + fmt::format("\"{}\"", v);
  return out;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  const Release& rel = c.release;
  // Which values are allowed depends on the release (weave went, none and nftables came), so
  // judge them only against a release chosen on evidence whose own asserts kubegate has: an
  // inventory written for an older release would otherwise fail against the newest one.
  for (const auto& [name, allowed] : rel.own_asserts ? d->enums : decltype(d->enums){}) {
    if (name == "external_cloud_provider" && c.cloud_provider.text() != "external") continue;
    Setting s = c.settings.get(name);
    if (!s || s.is_default()) continue;
    std::optional<std::string> value = s.text();
    if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) continue;
    r.report(s.loc(), fmt::format("{} is \"{}\", not one of {}: Kubespray {} stops with an assertion failure in {}",
                                  name, *value, quoted_list(allowed), rel.version, d->validation_file))
        .fix(fmt::format("set {} to one of {} (the values Kubespray {} accepts)", name, quoted_list(allowed),
                         rel.version));
  }
  // etcd in containers needs the docker runtime (the same assert, one more condition).
  auto etcd_types = d->enums.find("etcd_deployment_type");
  if (etcd_types == d->enums.end()) return;
  const Setting& etcd = c.kubespray.etcd_deployment_type;
  const Setting& runtime = c.container_runtime;
  if (etcd.text() != "docker" || !runtime.text() || runtime.text() == "docker") return;
  if (etcd.is_default() && runtime.is_default()) return;
  r.report(etcd.is_default() ? runtime.loc() : etcd.loc(),
           fmt::format("etcd_deployment_type is \"docker\" while container_manager is \"{}\": Kubespray {} stops with an "
                       "assertion failure in {} (etcd in a container needs container_manager \"docker\")",
                       *runtime.text(), rel.version, d->validation_file))
      .related(runtime.user_loc(), fmt::format("container_manager: {} set here", *runtime.text()))
      .related(etcd.user_loc(), "etcd_deployment_type: docker set here")
      .fix("set etcd_deployment_type to \"host\" or \"kubeadm\"");
}

const CheckRegistration reg{{"kubespray-value-not-allowed", Severity::error,
                             "a variable has a value the Kubespray release's own asserts reject", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
