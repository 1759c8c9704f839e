// crio_version names a CRI-O the targeted Kubespray release has no checksum for: the download
// step fails looking crio_version up in crio_archive_checksums, after the inventory checks passed
// and the hosts were prepared. The versions are release data (`crio_versions`, keys as written).
// Doc: check.md
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// Every key of crio_archive_checksums (any architecture), newest first; empty before the table.
  std::vector<std::string> crio_versions;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, crio_versions)

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  // Only a release chosen on evidence, whose own tables kubegate has: another release lists others.
  if (!d || d->crio_versions.empty() || !c.release.own_asserts || c.container_runtime.text() != "crio") return;
  if (c.kubespray.crio_download_overridden) return;  // the inventory brings its own archive
  const Setting& version = c.kubespray.crio_version;
  const auto text = version.text();
  if (!version || version.is_default() || version.value.is_unknown() || !text || text->empty()) return;
  const auto& known = d->crio_versions;
  if (std::find(known.begin(), known.end(), *text) != known.end()) return;
  const bool v_prefix = known.front().front() == 'v';
  const std::string spelled = v_prefix ? "v" + *text : text->front() == 'v' ? text->substr(1) : std::string();
  const bool respelled = !spelled.empty() && std::find(known.begin(), known.end(), spelled) != known.end();
  r.report(version.loc(),
           fmt::format("crio_version \"{}\" is not a CRI-O Kubespray {} has a checksum for (it lists {} to {}{}): the "
                       "download step fails looking it up in crio_archive_checksums, after the hosts were prepared",
                       *text, c.release.named.empty() ? c.release.version : c.release.named, known.back(),
                       known.front(), respelled ? fmt::format(", spelled \"{}\"", spelled) : std::string()))
      .related(c.container_runtime.user_loc(), "container_manager set here")
      .fix(respelled ? fmt::format("write crio_version: \"{}\", as the release spells its keys", spelled)
                     : fmt::format("use a CRI-O version the release lists (the newest is {}), or add the sha256 of "
                                   "CRI-O {} for each host architecture to crio_archive_checksums in the inventory",
                                   known.front(), *text));
}

const CheckRegistration reg{{"kubespray-crio-version-unsupported", Severity::error,
                             "crio_version is a CRI-O the Kubespray release has no checksum for", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
