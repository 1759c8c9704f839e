// Shared by the calico-* and cilium-* checks: the asserts of Kubespray's network plugin roles
// (release data, `network_plugin_checks`), when Kubespray runs a plugin's role, and the "value
// must be one of" asserts those roles make.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

#include <map>

namespace kubegate {

/// A network-plugin variable and the values its role's assert accepts.
struct PluginValueRule {
  std::string var;
  std::vector<std::string> allowed;
  /// A boolean variable that must be true for the assert to run; empty when it always runs.
  std::string when;
};

/// The kube-proxy-replacement values a range of cilium versions accepts (schemas/cilium/).
struct CiliumKprValues {
  /// First cilium version of the range ("" = any older), and the first one past it ("" = none).
  std::string from;
  std::string below;
  std::vector<std::string> values;
  /// Where the range comes from.
  std::string source;
};

/// What roles/network_plugin/calico/tasks/check.yml asserts (`network_plugin_checks.calico`); empty `file` when unknown.
struct CalicoRules {
  std::string file;
  /// Old variable names the role stops on, and the variable that replaces each.
  std::map<std::string, std::string> legacy_variables;
  std::vector<PluginValueRule> values;
  /// calico_pool_name: the characters it may use and its length bounds.
  std::string pool_name_chars;
  std::size_t pool_name_min = 0;
  std::size_t pool_name_max = 0;
  /// calico_ipip_mode / calico_vxlan_mode values that turn an encapsulation on (they exclude each other).
  std::vector<std::string> encapsulation_on;
  /// The only calico_ipip_mode_ipv6 allowed when the cluster uses IPv6.
  std::string ipv6_ipip_must_be;
  /// Booleans that require calico_datastore "kdd".
  std::vector<std::string> kdd_required_by;
  /// With cloud_provider azure: allowed values by variable (empty when the release does not assert it).
  std::map<std::string, std::vector<std::string>> azure;
  /// The route reflectors' cluster_id must be an IPv4 address (else only defined).
  bool rr_cluster_id_ipv4 = false;
  /// The checksum table whose keys are the calico versions the release installs, and those keys.
  std::string versions_table;
  std::vector<std::string> versions;
};

/// What roles/network_plugin/cilium/tasks/check.yml asserts (`network_plugin_checks.cilium`); empty `file` when unknown.
struct CiliumRules {
  std::string file;
  std::vector<PluginValueRule> values;
  std::int64_t cluster_id_min = 0;
  std::int64_t cluster_id_max = 0;
  /// cilium_tunnel_mode values with which the role asserts cilium_ipsec_key is defined.
  std::vector<std::string> ipsec_key_tunnel_modes;
  /// The role renders cilium_ipsec_key into a Secret whenever IPsec is on (any tunnel mode).
  bool ipsec_key_templated = false;
  /// The legacy boolean that means IPsec encryption.
  std::string legacy_ipsec_flag;
  /// Allowed cilium_hubble_event_buffer_capacity values; empty when the release does not assert it.
  std::vector<std::int64_t> hubble_event_buffer_capacities;
  /// Cilium version from which the release turns cilium_kube_proxy_replacement into true/false; "" never.
  std::string kpr_boolean_from;
};
/// The network plugin roles' asserts of the cluster's release.
struct NetworkPluginRules {
  CalicoRules calico;
  CiliumRules cilium;
};
void from_json(const nlohmann::json& j, NetworkPluginRules& out);

/// The kube-proxy-replacement values of each cilium version range (schemas/cilium/kube-proxy-replacement.json).
struct CiliumKprTable {
  std::vector<CiliumKprValues> ranges;
};
void from_json(const nlohmann::json& j, CiliumKprTable& out);

/// The calico and cilium rules of the cluster's release (empty rules when it has none).
const NetworkPluginRules& network_plugin_rules(const CheckContext& ctx);

/// "a", "b", "c" for a finding.
inline std::string plugin_quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + fmt::format("\"{}\"", v);
  return out;
}

/// Where to report a rule between two settings: the first one when the user wrote it, else the other.
inline SourceLoc where_set(const Setting& a, const Setting& b) { return a.is_default() ? b.loc() : a.loc(); }

/// True when Kubespray runs the role of `plugin`: kube_network_plugin names it, or for cilium
/// also cilium_deploy_additionally is true.
inline bool plugin_role_runs(const Cluster& c, std::string_view plugin) {
  if (c.network_plugin.text() == plugin) return true;
  return plugin == "cilium" && c.kubespray.cilium_deploy_additionally.truth() == true;
}

/// True when Kubespray runs the calico role's checks: with calico, unless ignore_assert_errors is
/// true (preinstall includes them only then).
inline bool calico_asserts_run(const Cluster& c) {
  return plugin_role_runs(c, "calico") && c.kubespray.ignore_assert_errors.truth() != true;
}

/// Reports every setting the user wrote that a `rules` assert of the role in `file` rejects.
inline void report_plugin_values(const Cluster& c, Reporter& r, const std::vector<PluginValueRule>& rules,
                                 const std::string& file) {
  for (const PluginValueRule& rule : rules) {
    if (!rule.when.empty() && c.settings.get(rule.when).truth() != true) continue;
    Setting s = c.settings.get(rule.var);
    std::optional<std::string> value = s.text();
    if (!s || s.is_default() || !value) continue;
    if (std::find(rule.allowed.begin(), rule.allowed.end(), *value) != rule.allowed.end()) continue;
    r.report(s.loc(), fmt::format("{} is \"{}\", not one of {}: Kubespray {} stops with an assertion failure in {}{}",
                                  rule.var, *value, plugin_quoted_list(rule.allowed), c.release.version, file,
                                  rule.when.empty() ? "" : fmt::format(" (checked because {} is true)", rule.when)))
        .related(c.settings.get(rule.when).user_loc(), fmt::format("{} set here", rule.when))
        .fix(fmt::format("set {} to one of {}", rule.var, plugin_quoted_list(rule.allowed)));
  }
}

}  // namespace kubegate
