// containerd_version older than containerd_min_version_required with container_manager
// containerd: the targeted Kubespray release stops in its inventory checks. Both versions are
// variables (the minimum is a release default); the skipped values are release data
// (`containerd_version_check`). Doc: check.md
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

/// The release's containerd_version assert, when it has one.
struct Data {
  bool checks = false;
  /// containerd_version values that skip the assert (latest, edge, stable).
  std::vector<std::string> skip_versions;
  std::string validation_file;
};
void from_json(const nlohmann::json& j, Data& d) {
  d.validation_file = j.value("validation_file", "");
  if (const auto it = j.find("containerd_version_check"); it != j.end() && it->is_object()) {
    d.checks = true;
    d.skip_versions = it->value("skip_versions", std::vector<std::string>{});
  }
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  const Release& rel = c.release;
  if (!d->checks || c.container_runtime.text() != "containerd") return;
  const Setting& version = c.kubespray.containerd_version;
  const Setting& minimum = c.kubespray.containerd_min_version_required;
  std::optional<std::string> have = version.text(), need = minimum.text();
  if (!have || !need || (version.is_default() && minimum.is_default())) return;
  const auto& skips = d->skip_versions;
  if (std::find(skips.begin(), skips.end(), *have) != skips.end()) return;
  auto v = parse_version(*have), min = parse_version(*need);
  if (!v || !min || !(*v < *min)) return;
  r.report(version.is_default() ? minimum.loc() : version.loc(),
           fmt::format("containerd_version \"{}\" is older than containerd_min_version_required \"{}\": Kubespray {} "
                       "stops with \"containerd_version is too low. Minimum version {}\" ({})",
                       *have, *need, rel.version, *need, d->validation_file))
      .related(minimum.user_loc(), "containerd_min_version_required set here")
      .related(c.container_runtime.user_loc(), "container_manager set here")
      .fix(fmt::format("set containerd_version to {} or newer, or remove it to use the release's default", *need));
}

const CheckRegistration reg{{"kubespray-containerd-version-too-low", Severity::error,
                             "containerd_version is older than the Kubespray release's minimum", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
