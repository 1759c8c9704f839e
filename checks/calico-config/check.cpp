// Calico settings the calico role's own asserts reject (roles/network_plugin/calico/tasks/check.yml):
// backend and encapsulation values, the pool name, IP-in-IP together with VXLAN, IP-in-IP for
// IPv6, typha or the calico apiserver without the Kubernetes datastore, and (before v2.27) the
// azure encapsulation rule. Kubespray runs them only during preinstall on the hosts, after fact
// gathering; the rules are release data (`network_plugin_checks.calico`). Doc: check.md
#include <algorithm>

#include <fmt/format.h>

#include "lib/network_plugin.hpp"

namespace kubegate {
namespace {

/// True when `value` is one of `values`.
bool among(const std::vector<std::string>& values, const std::optional<std::string>& value) {
  return value && std::find(values.begin(), values.end(), *value) != values.end();
}

void check_pool_name(const Cluster& c, Reporter& r, const CalicoRules& rules) {
  const Setting& pool = c.kubespray.calico_pool_name;
  std::optional<std::string> name = pool.text();
  if (!pool || pool.is_default() || !name) return;
  auto bad = std::find_if(name->begin(), name->end(),
                          [&](char ch) { return rules.pool_name_chars.find(ch) == std::string::npos; });
  const bool length_ok = name->size() >= rules.pool_name_min && name->size() <= rules.pool_name_max;
  if (bad == name->end() && length_ok) return;
  std::string why = bad != name->end() ? fmt::format("contains '{}'", *bad)
                                       : fmt::format("is {} characters long", name->size());
  r.report(pool.loc(), fmt::format("calico_pool_name \"{}\" {}: Kubespray {} allows {} to {} letters, digits, '-', "
                                   "'_' and '.', and stops with an assertion failure in {}",
                                   *name, why, c.release.version, rules.pool_name_min, rules.pool_name_max,
                                   rules.file))
      .fix("use a pool name of letters, digits, '-', '_' and '.' only (the default is \"default-pool\")");
}

void check_encapsulation(const Cluster& c, Reporter& r, const CalicoRules& rules) {
  const Setting& ipip = c.kubespray.calico_ipip_mode, &vxlan = c.kubespray.calico_vxlan_mode;
  if (among(rules.encapsulation_on, ipip.text()) && among(rules.encapsulation_on, vxlan.text()) &&
      !(ipip.is_default() && vxlan.is_default()))
    r.report(where_set(ipip, vxlan),
             fmt::format("calico_ipip_mode is \"{}\" and calico_vxlan_mode is \"{}\": IP-in-IP and VXLAN exclude "
                         "each other, and Kubespray {} stops with an assertion failure in {}{}",
                         *ipip.text(), *vxlan.text(), c.release.version, rules.file,
                         vxlan.is_default() ? " (VXLAN is on by default)" : ""))
        .related(ipip.user_loc(), "calico_ipip_mode set here")
        .related(vxlan.user_loc(), "calico_vxlan_mode set here")
        .fix("set calico_vxlan_mode: Never to use IP-in-IP, or calico_ipip_mode: Never to use VXLAN");
  const Setting& v6 = c.kubespray.calico_ipip_mode_ipv6;
  // An empty ipv6_ipip_must_be: the release has no such assert (before v2.19.0).
  if (!rules.ipv6_ipip_must_be.empty() && c.ipv6.enabled == true && v6.text() && *v6.text() != rules.ipv6_ipip_must_be &&
      !v6.is_default())
    r.report(v6.loc(), fmt::format("calico_ipip_mode_ipv6 is \"{}\" while the cluster uses IPv6: calico has no "
                                   "IP-in-IP for IPv6, and Kubespray {} stops with an assertion failure in {}",
                                   *v6.text(), c.release.version, rules.file))
        .related(c.ipv6.pods.user_loc(), "IPv6 pod network set here")
        .fix(fmt::format("set calico_ipip_mode_ipv6: {} (use calico_vxlan_mode_ipv6 for an IPv6 overlay)",
                         rules.ipv6_ipip_must_be));
  if (rules.azure.empty() || c.cloud_provider.text() != "azure") return;
  for (const auto& [var, allowed] : rules.azure) {
    Setting s = c.settings.get(var);
    if (!s.text() || among(allowed, s.text())) continue;
    r.report(where_set(s, c.cloud_provider),
             fmt::format("{} is \"{}\" with cloud_provider azure: Kubespray {} requires one of {} there and stops "
                         "with an assertion failure in {}",
                         var, *s.text(), c.release.version, plugin_quoted_list(allowed), rules.file))
        .related(c.cloud_provider.user_loc(), "cloud_provider set here")
        .fix(fmt::format("set {} to one of {}", var, plugin_quoted_list(allowed)));
  }
}

void check_datastore(const Cluster& c, Reporter& r, const CalicoRules& rules) {
  const Setting& store = c.kubespray.calico_datastore;
  std::optional<std::string> kind = store.text();
  if (!kind || *kind == "kdd") return;
  for (const std::string& flag : rules.kdd_required_by) {
    Setting on = c.settings.get(flag);
    if (on.truth() != true || (on.is_default() && store.is_default())) continue;
    r.report(where_set(on, store), fmt::format("{} is true while calico_datastore is \"{}\": it needs the Kubernetes "
                                           "datastore, and Kubespray {} stops with an assertion failure in {}",
                                           flag, *kind, c.release.version, rules.file))
        .related(store.user_loc(), "calico_datastore set here")
        .related(on.user_loc(), fmt::format("{} set here", flag))
        .fix(fmt::format("set calico_datastore: kdd, or {}: false", flag));
  }
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const CalicoRules& rules = network_plugin_rules(ctx).calico;
  if (rules.file.empty() || !calico_asserts_run(c)) return;
  report_plugin_values(c, r, rules.values, rules.file);
  check_pool_name(c, r, rules);
  check_encapsulation(c, r, rules);
  check_datastore(c, r, rules);
}

const CheckRegistration reg{{"calico-config", Severity::error,
                             "a calico setting the calico role's own asserts reject", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
