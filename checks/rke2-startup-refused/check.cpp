// Values RKE2 refuses at start-up: an invalid cni selection, an unknown or retired profile,
// profile cis with protect-kernel-defaults false, an ingress-controller the release does not
// have, a system-default-registry with a scheme (or a path, before v1.36), node-external-ip with
// a cloud provider, cloud-provider-config without cloud-provider-name. Doc: check.md
// Upstream: rancher/rke2 pkg/cli/cmds/server.go validateCNI, validateIngress, root.go
// validateCloudProvider, profile_linux.go, pkg/images/images.go; rancher/rke2#3353, #4481, #5780
#include <algorithm>

#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void cni_rules(const Node& n, const Rke2Facts& facts, Reporter& r) {
  if (!rke2_server(n)) return;  // agents skip the key
  Setting cni = Rke2Node(n).cni();
  if (!cni || cni.is_default()) return;
  std::vector<Value> items = rke2_comma_items(cni);
  for (const Value& v : items)
    if (v.is_unknown()) return;
  const std::string fix = fmt::format("use one of none, {}, optionally after multus (`cni: [multus, canal]`)", joined(facts.cni));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Value& v = items[i];
    bool ok = v.text == "none" || std::find(facts.cni.begin(), facts.cni.end(), v.text) != facts.cni.end() ||
              (v.text == "multus" && i == 0 && items.size() == 2);
    if (ok) continue;
    if (v.text == "multus") continue;  // reported below
    r.report(v.loc.known() ? v.loc : cni.loc(),
             fmt::format("RKE2 refuses to start: invalid value \"{}\" for cni", v.text))
        .fix(fix);
  }
  if (items.size() == 1 && items[0].text == "multus") {
    r.report(items[0].loc.known() ? items[0].loc : cni.loc(),
             "RKE2 refuses to start: multus must be used alongside another primary cni")
        .fix("list the primary CNI after multus: `cni: [multus, canal]`");
  } else if (items.size() == 2 && items[0].text != "multus") {
    r.report(cni.loc(), fmt::format("RKE2 refuses to start: cni lists \"{}\" and \"{}\"; two values are allowed only "
                                    "with multus first",
                                    items[0].text, items[1].text))
        .fix(fix);
  } else if (items.size() > 2) {
    r.report(cni.loc(), fmt::format("RKE2 refuses to start: cni lists {} values; it takes 1, or 2 with multus first",
                                    items.size()))
        .fix(fix);
  }
}

/// A retired CIS profile, judged against the stated release: refused from the minor the data
/// names, accepted before it; an info when the release is not stated (the verdict depends on it).
void legacy_profile(const Cluster& c, const Setting& profile, const std::string& name, const std::string& history,
                    const Rke2Facts& facts, Reporter& r) {
  auto from_it = facts.legacy_profiles_refused_from.find(name);
  auto from = from_it == facts.legacy_profiles_refused_from.end() ? std::nullopt : parse_version(from_it->second);
  const auto& k = c.kubernetes_version.typed;
  if (!from) return;
  if (!k) {
    r.report(profile.loc(), Severity::info,
             fmt::format("profile \"{}\" is a retired CIS profile ({}): RKE2 v{} and later refuse to start with it; "
                         "the RKE2 release is not stated, so kubegate cannot tell whether this one does",
                         name, history, from->str().substr(0, from->str().rfind('.'))))
        .fix("state the release (install_rke2_version, rke2_version, --rke2-version), or write `profile: cis` "
             "(RKE2 v1.25.15, v1.26.10, v1.27.7, v1.28.3 and later)");
    return;
  }
  if (std::pair(k->major, k->minor) < std::pair(from->major, from->minor)) return;  // still accepted there
  r.report(profile.loc(), fmt::format("profile \"{}\" is a retired CIS profile ({}): RKE2 {} refuses to start with "
                                      "it (\"invalid value provided for --profile flag\")",
                                      name, history, c.release.version))
      .related(c.kubernetes_version.loc(), "RKE2 release stated here")
      .fix("write `profile: cis`");
}

/// The stated release (RKE2 names its releases by their Kubernetes version); nullopt when not stated.
std::optional<KubeVersion> stated_release(const Cluster& c) {
  const auto& k = c.kubernetes_version.typed;
  if (!k || !k->patch) return std::nullopt;
  return k;
}

/// An `ingress-controller` value the server refuses: releases from the one each minor's data names
/// to v1.35 validate the list against their own controllers.
void ingress_rules(const Cluster& c, const Node& n, const Rke2Facts& facts, Reporter& r) {
  if (!rke2_server(n)) return;
  Setting ingress = Rke2Node(n).ingress_controller();
  if (!ingress || ingress.is_default()) return;
  const auto k = stated_release(c);
  if (!k) return;  // the verdict depends on the release
  auto rule = std::find_if(facts.ingress_controller_validated.begin(), facts.ingress_controller_validated.end(),
                           [&](const auto& v) { return v.minor == k->minor_version().str(); });
  if (rule == facts.ingress_controller_validated.end()) return;
  const auto from = parse_kube_version(rule->from);
  if (!from || *k->patch < from->patch.value_or(0)) return;  // earlier patches ignore the key
  for (const Value& v : rke2_comma_items(ingress)) {
    if (v.is_unknown() || v.kind != Value::Kind::string || v.text == "none" ||
        std::find(rule->values.begin(), rule->values.end(), v.text) != rule->values.end())
      continue;
    r.report(v.loc.known() ? v.loc : ingress.loc(),
             fmt::format("RKE2 {} refuses to start: invalid value \"{}\" for ingress-controller (it accepts none, {})",
                         c.release.version, v.text, joined(rule->values)))
        .related(c.kubernetes_version.loc(), "RKE2 release stated here")
        .fix(fmt::format("use one of none, {}", joined(rule->values)));
  }
}

/// A `system-default-registry` that is not a registry host: a scheme never works, a path only
/// from the minor the data names.
void registry_rules(const Cluster& c, const Node& n, const Rke2Facts& facts, Reporter& r) {
  if (!rke2_server(n)) return;  // agents take the servers' registry
  Setting reg = Rke2Node(n).system_default_registry();
  const auto text = reg.text();
  if (!reg || reg.is_default() || reg.value.is_unknown() || !text) return;
  if (const auto scheme = text->find("://"); scheme != std::string::npos) {
    r.report(reg.loc(), fmt::format("system-default-registry \"{}\" has a scheme: RKE2 takes a registry host and "
                                    "optional port, and refuses to start with it (\"failed to parse "
                                    "system-default-registry\", or image names it cannot parse)",
                                    *text))
        .fix(fmt::format("write `system-default-registry: {}`", text->substr(scheme + 3)));
    return;
  }
  if (text->find('/') == std::string::npos) return;
  const auto from = parse_kube_version(facts.system_default_registry_path_from);
  const auto k = stated_release(c);
  if (!from) return;
  const std::string fix = fmt::format(
      "write the host alone (`system-default-registry: {}`) and mirror the path with a rewrite in registries.yaml, "
      "or use RKE2 v{} or later",
      text->substr(0, text->find('/')), from->minor_version().str());
  if (!k) {
    r.report(reg.loc(), Severity::info,
             fmt::format("system-default-registry \"{}\" has a path: RKE2 releases before v{} refuse to start with it; "
                         "the RKE2 release is not stated, so kubegate cannot tell whether this one does",
                         *text, from->minor_version().str()))
        .fix(fix);
  } else if (k->minor_version() < from->minor_version()) {
    r.report(reg.loc(), fmt::format("RKE2 {} refuses to start: system-default-registry \"{}\" has a path, and "
                                    "releases before v{} take a registry host and optional port only (\"failed to "
                                    "parse system-default-registry\")",
                                    c.release.version, *text, from->minor_version().str()))
        .related(c.kubernetes_version.loc(), "RKE2 release stated here")
        .fix(fix);
  }
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Rke2Facts& facts = ctx.knowledge.rke2();
  for (const Node& n : c.nodes) {
    cni_rules(n, facts, r);
    ingress_rules(c, n, facts, r);
    registry_rules(c, n, facts, r);
    Setting profile = Rke2Node(n).profile();
    if (auto p = profile.text(); p && !profile.value.is_unknown() && n.os != Os::windows) {
      if (auto legacy = facts.legacy_profiles.find(*p); legacy != facts.legacy_profiles.end()) {
        legacy_profile(c, profile, *p, legacy->second, facts, r);
      } else if (std::find(facts.profiles.begin(), facts.profiles.end(), *p) == facts.profiles.end() && !p->empty()) {
        r.report(profile.loc(), fmt::format("RKE2 refuses to start: invalid value \"{}\" for profile", *p))
            .fix(fmt::format("use one of {}", joined(facts.profiles)));
      } else if (*p == "cis") {
        Setting pkd = Rke2Node(n).protect_kernel_defaults();
        if (pkd && !pkd.is_default() && pkd.truth() == false)
          r.report(pkd.loc(), "RKE2 refuses to start: protect-kernel-defaults must be true when using profile cis")
              .related(profile.loc(), "profile: cis set here")
              .fix("remove protect-kernel-defaults (the cis profile turns it on) or set it to true");
      }
    }
    Setting name = Rke2Node(n).cloud_provider_name(), config = Rke2Node(n).cloud_provider_config();
    Setting external = Rke2Node(n).node_external_ip();
    if (external && !external.is_default() && ((name && !name.is_default()) || (config && !config.is_default())))
      r.report(external.loc(), "RKE2 refuses to start: can't set node-external-ip while using cloud provider")
          .related(name ? name.loc() : config.loc(), "cloud provider set here")
          .fix("drop node-external-ip and let the cloud provider report the external address, or drop the cloud "
               "provider");
    if (config && !config.is_default() && !name)
      r.report(config.loc(), "cloud-provider-config is set without cloud-provider-name: RKE2 has no provider to give "
                             "it to and refuses to start")
          .fix("set cloud-provider-name (external, rancher-vsphere, harvester, ...) or remove cloud-provider-config");
  }
}

const CheckRegistration reg{{"rke2-startup-refused", Severity::error,
                             "values RKE2 refuses at start-up: cni, profile, ingress, registry, cloud provider", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
