// A Kubernetes version that is not a release: not a version at all, a major other than 1 (a
// fork's own tag: the control plane computes a bogus emulation version and rejects every
// feature gate), an untagged or dirty build, or a pre-release where the tool needs a release.
// Doc: check.md. Rule V1 of shared/research/feature-gates.md 4.3.
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/feature_gates.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Setting& s = c.kubernetes_version;
  const auto text = s.text();
  if (!s || s.is_default() || !text) return;
  const bool kubespray = c.platform == Platform::kubespray;
  const auto& v = c.kubernetes_version.typed;
  const bool placeholder = text->rfind("v0.0.0", 0) == 0 || text->rfind("0.0.0", 0) == 0;
  if (!v && !placeholder) {
    r.report(s.loc(), fmt::format("Kubernetes version \"{}\" is not a version (MAJOR.MINOR.PATCH, e.g. \"1.31.4\"): "
                                  "no release binaries exist for it and every version comparison on it fails",
                                  *text))
        .fix("write the release to deploy, e.g. 1.31.4");
    return;
  }
  if (placeholder || (v->major == 0 && v->minor == 0)) {
    r.report(s.loc(), Severity::warning,
             fmt::format("Kubernetes version \"{}\" is the placeholder of an untagged build: components fall back to "
                         "their compiled-in version, so which defaults and feature gates apply cannot be told",
                         *text))
        .fix("write the release to deploy, e.g. 1.31.4");
    return;
  }
  if (v->major != 1) {
    const std::string emulated = fmt::format("{}.{}", v->major, v->minor);
    std::string example;
    for (const FeatureGate& g : c.feature_gates)
      if (!g.name.empty() && g.enabled) {
        example = fmt::format(": \"cannot set feature gate {} to {}, feature is PreAlpha at emulated version {}.0{}\"",
                              g.name, *g.enabled, emulated, v->pre_release.empty() ? "" : "-" + v->pre_release);
        break;
      }
    r.report(s.loc(), fmt::format("Kubernetes version \"{}\" is not a Kubernetes release: kube-apiserver, "
                                  "kube-controller-manager and kube-scheduler of 1.31 and later take {} as their "
                                  "emulation version, fail with \"emulation version {} is not between [1.31, {}]\" "
                                  "and reject every feature gate set{}",
                                  *text, emulated, emulated, emulated, example))
        .fix(
            "deploy a Kubernetes release (1.x.y); a fork must tag its builds with the Kubernetes version it is "
            "based on");
    return;
  }
  const Severity severity = kubespray ? Severity::error : Severity::warning;
  const std::string consequence =
      kubespray ? fmt::format(
                      "Kubespray {} downloads release binaries by version and has checksums for releases "
                      "only, so it stops before installing anything",
                      c.release.version)
                : std::string("no release binaries exist for it");
  if (v->untagged_build() || v->dirty()) {
    std::string what = v->untagged_build() ? fmt::format("{} commits past its tag", v->pre_release) : "";
    if (v->dirty()) what += fmt::format("{}a dirty tree", what.empty() ? "" : ", ");
    r.report(s.loc(), severity,
             fmt::format("Kubernetes version \"{}\" is an untagged build ({}), not a release: {}", *text, what,
                         consequence))
        .fix(fmt::format("deploy the release {}.{}.{}", v->major, v->minor, v->patch.value_or(0)));
  } else if (!v->pre_release.empty()) {
    r.report(s.loc(), severity,
             fmt::format("Kubernetes version \"{}\" is a pre-release, not a release: {}", *text, consequence))
        .fix("deploy a release; pre-releases are for test clusters built from source");
  } else if (kubespray && !v->patch) {
    r.report(s.loc(), fmt::format("kube_version \"{}\" has no patch number: Kubespray {} looks binaries and checksums "
                                  "up by the full version, so it stops before installing anything",
                                  *text, c.release.version))
        .fix(fmt::format("write the full release, e.g. {}.0", *text));
  }
}

const CheckRegistration reg{
    {"kubernetes-version-invalid", Severity::error,
     "Kubernetes version that is not a release: malformed, a fork's tag, untagged or dirty", kAnyPlatform},
    run};

}  // namespace
}  // namespace kubegate
