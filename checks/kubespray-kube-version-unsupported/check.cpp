// kube_version outside what the chosen Kubespray release can install: older than its minimum,
// newer than its checksum tables, a patch it has no checksums for, or written with the other
// release line's `v` convention. Judged against each release the inventory may be for (the
// engine keeps what holds on all of them). A pinned version no known release installs means a
// release kubegate has no data for: an info, nothing judged.
// A host whose architecture (image_arch, host_architecture or ansible_architecture) has no
// checksums for kube_version is judged too (per-arch lists are release data).
// Doc: check.md. Upstream: kubespray validate_inventory (H04, H24).
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"
#include "lib/feature_gates.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

/// The release's facts this check reads (its Kubernetes versions are the release choice's).
struct Data {
  /// The release's inventory check asserts kube_version has checksums for the host's arch.
  bool checksum_assert = false;
  /// Versions with kubelet, kubeadm and kubectl checksums, by architecture (amd64, arm64, ...).
  std::map<std::string, std::vector<std::string>> kube_versions_by_arch;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, checksum_assert, kube_versions_by_arch)

/// The architecture Kubespray downloads binaries for on `n`, when the inventory states one:
/// image_arch, host_architecture, or ansible_architecture mapped through _host_architecture_groups.
std::optional<std::string> stated_arch(const KubesprayHost& host) {
  for (const Setting& s : {host.image_arch(), host.host_architecture()})
    if (s && !s.is_default())
      if (auto text = s.text()) return text;
  std::optional<std::string> fact = host.ansible_architecture().text();
  if (!fact) return std::nullopt;
  const Setting groups = host._host_architecture_groups();  // the Value found below lives in it
  if (const Value* mapped = groups.value.find(*fact); mapped && mapped->is_string()) return mapped->text;
  return fact;
}

/// Hosts of another architecture than amd64 for which the release has no checksums of kube_version.
void check_arches(const Cluster& c, const Data& d, Reporter& r) {
  const Release& rel = c.release;
  std::map<std::string, std::vector<const Node*>> missing;  // arch -> hosts
  std::string version;
  for (const Node& n : c.nodes) {
    const KubesprayHost host(n.vars);
    std::optional<std::string> arch = stated_arch(host);
    std::optional<std::string> text = host.kube_version().text();
    auto v = text ? parse_version(*text) : std::nullopt;
    if (!arch || *arch == "amd64" || !v) continue;
    const std::string plain = v->str();
    // A version without amd64 checksums is the cluster-wide finding below.
    if (std::find(rel.kube_versions.begin(), rel.kube_versions.end(), plain) == rel.kube_versions.end()) continue;
    auto list = d.kube_versions_by_arch.find(*arch);
    if (list != d.kube_versions_by_arch.end() &&
        std::find(list->second.begin(), list->second.end(), plain) != list->second.end())
      continue;
    missing[*arch].push_back(&n);
    version = *text;
  }
  for (const auto& [arch, hosts] : missing) {
    const Node& first = *hosts.front();
    const auto list = d.kube_versions_by_arch.find(arch);
    const bool none = list == d.kube_versions_by_arch.end();
    const std::string has = none ? fmt::format("has no checksums for {} at all", arch)
                                 : fmt::format("has no {} checksums for kube_version \"{}\" (it has {} to {})", arch,
                                               version, list->second.back(), list->second.front());
    const std::string stop =
        d.checksum_assert
            ? fmt::format("its inventory check stops with \"Kubernetes v{} is not supported for {}\"", version, arch)
            : fmt::format("templating the {} checksum of kubeadm fails when the download step starts", arch);
    const KubesprayHost host(first.vars);
    Setting where = host.image_arch();
    if (where.is_default()) where = host.host_architecture();
    if (where.is_default()) where = host.ansible_architecture();
    auto f = r.report(where.user_loc().known() ? where.user_loc() : first.loc,
                      fmt::format("host \"{}\"{} run{} on {}, but Kubespray {} {}: {}", first.name,
                                  hosts.size() == 1 ? "" : fmt::format(" and {} more", hosts.size() - 1),
                                  hosts.size() == 1 ? "s" : "", arch, rel.version, has, stop));
    for (const Node* n : hosts) f.related(n->loc, fmt::format("host \"{}\"", n->name));
    f.related(c.kubernetes_version.user_loc(), "kube_version set here");
    std::string arches;
    for (const auto& [a, _] : d.kube_versions_by_arch) arches += (arches.empty() ? "" : ", ") + a;
    f.fix(none ? fmt::format("use hosts of an architecture Kubespray {} supports ({})", rel.version, arches)
               : fmt::format("pick a version Kubespray {} lists for {}, or add the {} checksums of this version to "
                             "kubelet_checksums, kubeadm_checksums and kubectl_checksums",
                             rel.version, arch, arch));
  }
}

/// The pinned version is in the checksum tables of no Kubespray release kubegate knows.
void report_unknown_to_all(const Release& rel, const Setting& s, const std::string& text, const Version& want,
                           Reporter& r) {
  const auto min = parse_version(rel.known_kube_version_min), max = parse_version(rel.known_kube_version_max);
  if (!min || !max || rel.known_releases.size() < 2) return;
  const std::string known = fmt::format("{} \u2026 {}", rel.known_releases.front(),
                                        fmt::join(rel.known_releases.end() - 2, rel.known_releases.end(), ", "));
  const std::string how = want < *min   ? "older than every"
                          : want > *max ? "newer than every"
                                        : "a patch not listed by any";
  r.report(s.loc(), Severity::info,
           fmt::format("kube_version \"{}\" is {} Kubernetes version the Kubespray releases kubegate knows ({}: "
                       "{} to {}) install: the inventory is for a Kubespray release kubegate has no data for, or "
                       "every release stops on it; only findings that hold on every release kubegate knows are "
                       "reported",
                       text, how, known, rel.known_kube_version_min, rel.known_kube_version_max))
      .fix("name the Kubespray release you run with --kubespray-version so that its own checks are applied");
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Release& rel = c.release;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  if (rel.own_kube_versions && !rel.kube_versions.empty()) check_arches(c, *d, r);
  const Setting& s = c.kubernetes_version;
  const auto text = s.text();
  if (!s || s.is_default() || !text) return;
  const auto& v = c.kubernetes_version.typed;
  if (!v || v->major != 1 || !v->is_release() || !v->build.empty()) return;  // kubernetes-version-invalid
  const auto want = parse_version(*text);
  if (!want) return;
  if (rel.kube_version_unsupported_by_all) return report_unknown_to_all(rel, s, *text, *want, r);
  if (!rel.own_kube_versions || rel.kube_versions.empty()) return;
  const auto min = parse_version(rel.kube_version_min), max = parse_version(rel.kube_version_max);
  if (!min || !max) return;
  const std::string prefix = rel.kube_version_v_prefix ? "v" : "";
  const std::string plain = want->str();
  const std::string range = fmt::format("{}{} to {}{}", prefix, rel.kube_version_min, prefix, rel.kube_version_max);
  const std::string& name = rel.named.empty() ? rel.version : rel.named;
  const bool asserts = d->checksum_assert;
  const std::string no_checksum =
      asserts ? fmt::format("its inventory check stops with \"Kubernetes v{} is not supported for amd64\"", *text)
              : fmt::format(
                    "templating kubeadm_binary_checksum fails on a missing key of kubeadm_checksums when the "
                    "download step starts");
  const bool listed = std::find(rel.kube_versions.begin(), rel.kube_versions.end(), plain) != rel.kube_versions.end();
  const bool prefix_ok = (text->front() == 'v') == rel.kube_version_v_prefix;
  const std::string written =
      prefix_ok ? std::string()
      : rel.kube_version_v_prefix
          ? fmt::format(", and written without the leading v Kubespray {} uses", name)
          : fmt::format(", and written with a leading v, which Kubespray {} does not use", name);
  if (*want < *min) {
    const std::string stop =
        prefix_ok ? fmt::format(
                        "its check stops with \"The current release of Kubespray only support newer version of "
                        "Kubernetes than {}{} - You are trying to apply {}\"",
                        prefix, rel.kube_version_min, *text)
                  : std::string("its minimum-version check fails on it");
    r.report(s.loc(), fmt::format("kube_version \"{}\" is older than Kubespray {} installs ({}){}: {}", *text,
                                  name, range, written, stop))
        .fix(fmt::format("deploy with the Kubespray release made for Kubernetes {}.{}, or pick a version from {}",
                         want->major, want->minor, range));
  } else if (!listed) {
    const bool newer = *want > *max;
    r.report(s.loc(), fmt::format("kube_version \"{}\" is {} Kubespray {} has checksums for ({}){}: {}", *text,
                                  newer ? "newer than any version" : "not one of the versions", name, range,
                                  written, no_checksum))
        .fix(newer ? fmt::format("deploy {}{} or another listed version, or use a newer Kubespray release", prefix,
                                 rel.kube_version_max)
                   : fmt::format("pick a listed version ({}), or add the checksums of {} to kubelet_checksums, "
                                 "kubeadm_checksums and kubectl_checksums",
                                 range, plain));
  } else if (!prefix_ok) {
    r.report(s.loc(),
             fmt::format("kube_version \"{}\" is written {} a leading v, but Kubespray {} writes its versions "
                         "as \"{}{}\": its version checks and checksum look-ups fail on \"{}\"",
                         *text, rel.kube_version_v_prefix ? "without" : "with", name, prefix, plain, *text))
        .fix(fmt::format("write kube_version: {}{}", prefix, plain));
  }
}

const CheckRegistration reg{{"kubespray-kube-version-unsupported", Severity::error,
                             "kube_version the chosen Kubespray release cannot install", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
