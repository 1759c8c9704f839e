// An old calico variable name the calico role stops on (`ipip`, `ipip_mode`, the misspelled
// `calcio_ipam_autoallocateblocks`): Kubespray asserts it is not defined, late, during preinstall.
// The names and their replacements are release data (`network_plugin_checks.calico`). Doc: check.md
#include <fmt/format.h>

#include "lib/network_plugin.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const CalicoRules& rules = network_plugin_rules(ctx).calico;
  if (rules.file.empty() || !calico_asserts_run(c)) return;
  for (const auto& [name, replacement] : rules.legacy_variables) {
    Setting s = c.settings.get(name);
    if (!s || s.is_default()) continue;
    r.report(s.loc(), fmt::format("{} is an old name the calico role no longer accepts: Kubespray {} stops with an "
                                  "assertion failure in {} while it is defined (its replacement is {})",
                                  name, c.release.version, rules.file, replacement))
        .fix(fmt::format("remove {} and set {} instead", name, replacement));
  }
}

const CheckRegistration reg{{"calico-legacy-variable", Severity::error,
                             "an old calico variable name the calico role stops on", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
