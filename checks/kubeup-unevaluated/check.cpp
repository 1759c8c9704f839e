// Everything an env file does that kubegate does not evaluate ($(...), if blocks, source, ...):
// the values that depend on it are unknown, and no check judges them.
// Doc: check.md
#include "kubegate/check.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Unevaluated& u : c.unevaluated)
    r.report(u.loc, u.what)
        .fix("write the value literally (KEY=value) if kubegate should check it, or review it by hand");
}

const CheckRegistration reg{{"kubeup-unevaluated", Severity::info,
                             "a construct in an env file that kubegate does not evaluate (values unknown)", kKubeup},
                            run};

}  // namespace
}  // namespace kubegate
