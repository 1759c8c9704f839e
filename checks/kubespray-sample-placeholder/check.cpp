// A cloud controller setting that still holds the text Kubespray's sample inventory puts there to
// say which ID belongs in it ("Neutron subnet ID to create LBaaS VIP"): the controller is
// configured with an ID that cannot exist and no Service of type LoadBalancer gets a load
// balancer. The texts and who reads them are data (schemas/kubespray/sample-placeholders.json).
// Doc: check.md
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// One placeholder of the sample inventory and the provider whose configuration it goes into.
struct Placeholder {
  std::string variable, text, cloud_provider, external_cloud_provider, setting, enabled_by;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Placeholder, variable, text, cloud_provider, external_cloud_provider, setting,
                                   enabled_by)
/// schemas/kubespray/sample-placeholders.json.
struct Data {
  std::vector<Placeholder> placeholders;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Data, placeholders)

/// The provider that reads `p` is the one the cluster deploys, with the setting turned on.
bool read_by_cluster(const Cluster& c, const Placeholder& p) {
  // text() is nullopt when unset or templated, so an unknown provider never matches.
  if (c.cloud_provider.text() != p.cloud_provider) return false;
  if (!p.external_cloud_provider.empty() && c.kubespray.external_cloud_provider.text() != p.external_cloud_provider)
    return false;
  if (p.enabled_by.empty()) return true;
  const Setting enabled = c.settings.get(p.enabled_by);
  return !enabled || enabled.truth() == true;  // releases without the variable always write the setting
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.knowledge.read<Data>("schemas/kubespray/sample-placeholders.json");
  if (!d) return;
  for (const Placeholder& p : d->placeholders) {
    const Setting s = c.settings.get(p.variable);
    if (s.is_default() || s.text() != p.text || !read_by_cluster(c, p)) continue;
    const std::string provider = p.external_cloud_provider.empty() ? p.cloud_provider : p.external_cloud_provider;
    r.report(s.loc(), fmt::format("{} still holds the sample inventory's placeholder \"{}\": the {} cloud provider is "
                                  "configured with it as {}, an ID that cannot exist, so no Service of type "
                                  "LoadBalancer gets a load balancer",
                                  p.variable, p.text, provider, p.setting))
        .related(c.cloud_provider.user_loc(), "cloud_provider set here")
        .related(p.external_cloud_provider.empty() ? SourceLoc{} : c.kubespray.external_cloud_provider.user_loc(),
                 "external_cloud_provider set here")
        .fix(fmt::format("write the ID of the {} from the cloud's console or CLI there, or comment the line out "
                         "again",
                         p.variable.find("subnet") != std::string::npos ? "subnet" : "network"));
  }
}

const CheckRegistration reg{{"kubespray-sample-placeholder", Severity::warning,
                             "a cloud controller ID still holds the sample inventory's placeholder text", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
