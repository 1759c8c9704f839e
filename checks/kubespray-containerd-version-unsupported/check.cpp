// containerd_version names a containerd the targeted Kubespray release has no checksum for: the
// download step fails templating containerd_archive_checksum, after the inventory checks passed
// and the hosts were prepared. The versions are release data (`containerd_versions`). Doc: check.md
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// Every containerd version of containerd_archive_checksums (and the static table), newest first.
  std::vector<std::string> containerd_versions;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, containerd_versions)

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const KubesprayFacts& ks = c.kubespray;
  const Data* d = ctx.release_data<Data>();
  // Only a release chosen on evidence, whose own tables kubegate has: another release lists others.
  if (!d || d->containerd_versions.empty() || !c.release.own_asserts) return;
  if (c.container_runtime.text() != "containerd" || ks.containerd_download_overridden) return;
  const Setting& version = ks.containerd_version;
  const auto text = version.text();
  if (!version || version.is_default() || !text || text->empty() || text->front() == 'v') return;
  const auto v = parse_version(*text);
  if (!v) return;  // latest, stable: not a version to look up
  // Older than the release's minimum: kubespray-containerd-version-too-low stops the run first.
  if (const auto min = parse_version(ks.containerd_min_version_required.text().value_or("")); min && *v < *min) return;
  const auto& known = d->containerd_versions;
  if (std::find(known.begin(), known.end(), *text) != known.end()) return;
  r.report(
       version.loc(),
       fmt::format("containerd_version \"{}\" is not a containerd Kubespray {} has a checksum for (it lists {} to "
                   "{}): the download step fails templating containerd_archive_checksum, after the hosts were "
                   "prepared",
                   *text, c.release.named.empty() ? c.release.version : c.release.named, known.back(), known.front()))
      .related(c.container_runtime.user_loc(), "container_manager set here")
      .fix(fmt::format("use a containerd version the release lists (the newest is {}), or add the sha256 of "
                       "containerd {} for each host architecture to containerd_archive_checksums in the inventory",
                       known.front(), *text));
}

const CheckRegistration reg{
    {"kubespray-containerd-version-unsupported", Severity::error,
     "containerd_version is a containerd the Kubespray release has no checksum for", kKubespray},
    run};

}  // namespace
}  // namespace kubegate
