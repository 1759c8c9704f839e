// RKE2 does not validate `disable:` items: a name that is not one of its components or charts
// disables nothing, silently. Doc: check.md
// Upstream: rancher/rke2 pkg/cli/types.go DisableItems, pkg/cli/cmds/server.go
#include <algorithm>

#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Rke2Facts& facts = ctx.knowledge.rke2();
  for (const Node& n : c.nodes) {
    if (!rke2_server(n)) continue;
    Setting s = Rke2Node(n).disable();
    for (const Value& v : rke2_items(s)) {
      if (v.is_unknown() || v.kind != Value::Kind::string) continue;
      const auto& items = facts.disable_items;
      if (std::find(items.begin(), items.end(), v.text) != items.end()) continue;
      std::string guess;
      for (const std::string& item : items)
        if (item == "rke2-" + v.text || item.find(v.text) != std::string::npos) {
          guess = item;
          break;
        }
      r.report(v.loc.known() ? v.loc : s.loc(),
               fmt::format("disable item \"{}\" is not an RKE2 component: RKE2 ignores it and deploys everything{}",
                           v.text, guess.empty() ? "" : fmt::format("; did you mean \"{}\"?", guess)))
          .fix(guess.empty() ? std::string("take the name from `rke2 server --help` (rke2-coredns, rke2-metrics-server, ...)")
                             : fmt::format("write \"{}\"", guess));
    }
  }
}

const CheckRegistration reg{{"rke2-disable-unknown", Severity::warning,
                             "disable: items that name no RKE2 component", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
