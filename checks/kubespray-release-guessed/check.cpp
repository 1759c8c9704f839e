// Nothing in the inventory tells its Kubespray release: the engine then keeps only findings that
// hold on every release kubegate knows; this says so once, so that silence is not read as a pass
// of the release's own asserts. Doc: check.md
#include <fmt/format.h>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// Reports an inventory judged on a guessed release.
void run(const CheckContext& ctx, Reporter& r) {
  const Release& rel = ctx.cluster.release;
  if (rel.certainty != ReleaseCertainty::guessed || rel.candidates.empty() || !ctx.cluster.anchor.known()) return;
  r.report(ctx.cluster.anchor,
           fmt::format("nothing in this inventory tells which Kubespray release it is for: kubegate reports only "
                       "what holds on the newest patch of every minor release it knows ({} to {}), and skips what depends on the release",
                       rel.candidates.front(), rel.candidates.back()))
      .fix("name the release with --kubespray-version (or lint the inventory inside its Kubespray checkout, or "
           "pin kube_version) so that the release's own asserts are applied");
}

const CheckRegistration reg{
    {"kubespray-release-guessed", Severity::info, "nothing in the inventory tells the Kubespray release", kKubespray},
    run};

}  // namespace
}  // namespace kubegate
