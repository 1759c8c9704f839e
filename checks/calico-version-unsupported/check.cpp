// calico_version that the chosen Kubespray release has no calico CRD checksums for: its calico
// role asserts the version is a key of that table and stops, late, during preinstall. Judged only
// when the user named the release (inventories pin calico_version for the release they were
// written for). The versions are release data (`network_plugin_checks.calico`). Doc: check.md
#include <algorithm>

#include <fmt/format.h>

#include "lib/network_plugin.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const CalicoRules& rules = network_plugin_rules(ctx).calico;
  if (!c.release.own_asserts || rules.versions.empty() || !calico_asserts_run(c)) return;
  const Setting& s = c.kubespray.calico_version;
  std::optional<std::string> version = s.text();
  if (!s || s.is_default() || !version) return;
  if (std::find(rules.versions.begin(), rules.versions.end(), *version) != rules.versions.end()) return;
  const std::string& newest = rules.versions.front();
  const bool v_mismatch = !version->empty() && ((*version)[0] == 'v') != (newest[0] == 'v');
  r.report(s.loc(), fmt::format("calico_version \"{}\" is not one of the calico versions Kubespray {} has checksums "
                                "for ({} to {}, {}){}: its calico role stops with an assertion failure in {}",
                                *version, c.release.version, rules.versions.back(), newest, rules.versions_table,
                                v_mismatch ? fmt::format(", and the leading v differs from how this release writes "
                                                         "them (\"{}\")", newest)
                                           : std::string(),
                                rules.file))
      .fix(fmt::format("remove calico_version to get the release's default, or pick a listed version such as {}",
                       newest));
}

const CheckRegistration reg{{"calico-version-unsupported", Severity::error,
                             "calico_version the chosen Kubespray release cannot install", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
