// Windows agents of RKE2 releases before the Feb 2025 patch releases write registries.yaml
// `configs` where containerd ignores them (pulls from the private registry fail on Windows only),
// and with two or more entries containerd does not start. Doc: check.md
// Upstream: rancher/rke2#7103, #3024, #3239; rancher/rancher#41659
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/rke2_registries.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  if (windows_registry_configs_ignored(ctx) != true) return;
  for (const Node& n : c.nodes) {
    if (n.os != Os::windows || n.registries < 0) continue;
    const Registries& reg = c.registries[static_cast<std::size_t>(n.registries)];
    if (reg.configs.size() >= 2) {
      r.report(reg.configs[1].loc,
               fmt::format("Windows node \"{}\" reads {} registries.yaml configs entries: RKE2 {} writes a registry "
                           "table per entry into containerd's config.toml and containerd exits with \"duplicated "
                           "tables\"",
                           n.name, reg.configs.size(), c.release.version))
          .related(reg.configs[0].loc, "first configs entry here")
          .fix(fmt::format("upgrade RKE2 to {} or later of its minor, or give Windows nodes a registries.yaml with a "
                           "single configs entry",
                           windows_registry_fixed_releases(ctx)));
      continue;
    }
    for (const RegistryConfig& rc : reg.configs) {
      if (!rc.auth.known() && !rc.tls.known()) continue;
      std::string what = rc.auth.known() && rc.tls.known() ? "auth and tls" : rc.auth.known() ? "auth" : "tls";
      r.report(rc.auth.known() ? rc.auth : rc.tls,
               fmt::format("Windows node \"{}\" ignores the {} of registry \"{}\": RKE2 {} writes them where "
                           "containerd does not look, so pulls from this registry fail on Windows only (401 or x509)",
                           n.name, what, rc.host, c.release.version))
          .related(rc.loc, fmt::format("configs entry \"{}\"", rc.host))
          .fix(fmt::format("upgrade RKE2 to {} or later of its minor (rke2#7750-7753), or ship a corrected "
                           "config.toml.tmpl on the Windows node",
                           windows_registry_fixed_releases(ctx)));
    }
  }
}

const CheckRegistration reg{{"rke2-windows-registry-configs", Severity::error,
                             "Windows agents of older RKE2 releases ignore registries.yaml auth and tls", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
