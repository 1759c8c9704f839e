// An env file sets a variable that cluster/gce/config-default.sh assigns unconditionally from
// another one (ZONE from KUBE_GCE_ZONE): the value is silently replaced, kube-up uses another.
// Doc: check.md
// Upstream: kubernetes/kubernetes cluster/gce/config-default.sh (schemas/kubeup/defaults.json, `from`)
#include "kubegate/check.hpp"
#include "kubegate/model/kubeup.hpp"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The release's facts this check reads: the variables config-default.sh overwrites from another
/// one (`defaults.<name>.from`), by name.
struct Data {
  std::map<std::string, std::string> overwritten_from;
};
void from_json(const nlohmann::json& j, Data& d) {
  const nlohmann::json defaults = j.value("defaults", nlohmann::json::object());
  for (const auto& [name, entry] : defaults.items())
    if (entry.contains("from")) d.overwritten_from[name] = entry["from"].get<std::string>();
}

/// What kube-up puts into `name`, and the setting it comes from.
std::optional<std::string> used_value(const Cluster& c, const std::string& name, const std::string& from) {
  if (name == "MASTER_OS_DISTRIBUTION" || name == "NODE_OS_DISTRIBUTION") {
    auto v = (name == "MASTER_OS_DISTRIBUTION" ? c.kubeup.master_os_distribution : c.kubeup.node_os_distribution).text();
    if (v && (v->empty() || *v == "cos")) return "gci";
    return v;
  }
  auto v = kubeup_setting(c.settings, from).text();
  if (v && name == "REGION") {  // ${ZONE%-*}
    auto dash = v->rfind('-');
    if (dash != std::string::npos) v->resize(dash);
  }
  return v;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  // config-default.sh is GCE's: another (or an unknown) KUBERNETES_PROVIDER reads other files.
  auto provider = c.cloud_provider.text();
  if (c.cloud_provider.value.is_unknown() || !provider || *provider != "gce") return;
  for (const auto& [name, from] : d->overwritten_from) {
    Setting own = c.settings.get(name);
    if (!kubeup_set_in_file(own) || !own.value.is_string()) continue;
    auto used = used_value(c, name, from);
    if (!used || *used == own.value.text) continue;
    Setting source = c.settings.get(from);
    r.report(own.loc(), fmt::format("{}=\"{}\" has no effect: cluster/gce/config-default.sh sets {} from {}, so "
                                    "kube-up uses \"{}\"",
                                    name, own.value.text, name, from, *used))
        .related(kubeup_set_in_file(source) ? source.loc() : SourceLoc{}, fmt::format("{} set here", from))
        .fix(name == "REGION" ? std::string("set KUBE_GCE_ZONE to a zone of the region you want")
                              : fmt::format("set {} instead of {}", from, name));
  }
}

const CheckRegistration reg{
    {"kubeup-overwritten-variable", Severity::warning,
     "the env file sets a variable kube-up overwrites from another one (ZONE, FEATURE_GATES)", kKubeup},
    run};

}  // namespace
}  // namespace kubegate
