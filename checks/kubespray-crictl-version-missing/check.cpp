// kube_version is one the targeted Kubespray release knows, but its crictl (or, with CRI-O,
// crio) version map has no entry for that Kubernetes minor: crictl_version / crio_version are
// looked up in that map and the download stage stops with an undefined key. The maps are
// release defaults (crictl_supported_versions, crio_supported_versions; releases before v2.29).
// Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/issues/7406
#include "kubegate/check.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kubegate {
namespace {

/// "1.29" for "v1.29.1" or "1.29.1"; empty when the version has no minor.
std::string minor_of(std::string v) {
  if (!v.empty() && v[0] == 'v') v.erase(0, 1);
  auto first = v.find('.');
  if (first == std::string::npos) return "";
  auto second = v.find('.', first + 1);
  return second == std::string::npos ? "" : v.substr(0, second);
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  std::optional<std::string> version = c.kubernetes_version.text();
  if (!version) return;
  const std::string minor = minor_of(*version);
  if (minor.empty()) return;
  // A version the release has no checksums for is kubespray-kube-version-unsupported's finding.
  const std::string bare = (*version)[0] == 'v' ? version->substr(1) : *version;
  if (std::find(c.release.kube_versions.begin(), c.release.kube_versions.end(), bare) == c.release.kube_versions.end())
    return;
  const std::optional<std::string> runtime = c.container_runtime.text();
  for (const char* tool : {"crictl", "crio"}) {
    if (std::string_view(tool) == "crio" && runtime != "crio") continue;
    Setting chosen = c.settings.get(fmt::format("{}_version", tool));
    Setting map = c.settings.get(fmt::format("{}_supported_versions", tool));
    if (!chosen.is_default() || map.value.kind != Value::Kind::map) continue;  // set by hand, or no map
    std::vector<std::string> keys;
    bool found = false;
    for (const MapEntry& e : map.value.entries) {
      keys.push_back(e.key);
      found = found || minor_of(e.key + ".0") == minor;
    }
    if (found) continue;
    r.report(c.kubernetes_version.loc(),
             fmt::format("kube_version {} is a version Kubespray {} knows, but {}_supported_versions has no entry "
                         "for {} (only {}): {}_version cannot be looked up and the download stage stops with an "
                         "undefined key",
                         *version, c.release.version, tool, minor, fmt::join(keys, ", "), tool))
        .related(map.user_loc(), fmt::format("{}_supported_versions set here", tool))
        .fix(fmt::format("choose a kube_version whose minor is one of {}, or set {}_version to a version this "
                         "Kubespray has a checksum for, or use a newer Kubespray release",
                         fmt::join(keys, ", "), tool));
  }
}

const CheckRegistration reg{{"kubespray-crictl-version-missing", Severity::error,
                             "the release has no crictl or crio version for kube_version's minor", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
