// RKE2 logs "Unknown flag --x found in config.yaml, skipping" and starts without the setting:
// a typo, an underscore spelling, or a k3s-only key silently loses it. Doc: check.md
// Upstream: k3s-io/k3s pkg/configfilearg (stripInvalidFlags); rancher/rke2#2194
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Rke2Facts& facts = ctx.knowledge.rke2();
  for (const Node& n : c.nodes)
    for (const std::string& name : n.vars.names()) {
      Setting s = n.vars.get(name);
      if (!s || s.is_default() || s.definition->owner == "rke2-ansible" || facts.known(name)) continue;
      if (facts.k3s_only.count(name)) {
        r.report(s.loc(), fmt::format("\"{}\" is a k3s key RKE2 does not have: RKE2 skips it with a warning", name))
            .fix("remove it; RKE2 fixes this setting itself or configures it elsewhere (a HelmChartConfig for the CNI)");
        continue;
      }
      auto close = facts.suggest(name);
      std::string hint = close.empty() ? "" : fmt::format("; did you mean \"{}\"?", close.front());
      r.report(s.loc(), fmt::format("unknown key \"{}\": RKE2 logs \"Unknown flag\" and starts without it{}", name, hint))
          .fix(close.empty() ? std::string("remove the key, or take its name from `rke2 server --help`")
                             : fmt::format("rename it to \"{}\"", close.front()));
    }
}

const CheckRegistration reg{{"rke2-unknown-key", Severity::warning,
                             "config.yaml keys RKE2 skips (typos, k3s-only keys)", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
