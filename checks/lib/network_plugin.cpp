#include "lib/network_plugin.hpp"

#include <limits>

namespace kubegate {

namespace {

std::vector<std::string> strings(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const nlohmann::json& s : j) out.push_back(s.get<std::string>());
  return out;
}

std::vector<PluginValueRule> plugin_value_rules(const nlohmann::json& j) {
  std::vector<PluginValueRule> out;
  if (j.is_array())
    for (const nlohmann::json& r : j) out.push_back({r.value("var", ""), strings(r["allowed"]), r.value("when", "")});
  return out;
}

void read_calico(const nlohmann::json& ca, CalicoRules& c) {
  c.file = ca.value("file", "");
  c.legacy_variables = ca.value("legacy_variables", std::map<std::string, std::string>{});
  c.values = plugin_value_rules(ca["values"]);
  const nlohmann::json pool = ca.value("pool_name", nlohmann::json::object());
  c.pool_name_chars = pool.value("chars", "");
  c.pool_name_min = pool.value("min", 0u);
  c.pool_name_max = pool.value("max", 0u);
  c.encapsulation_on = strings(ca["encapsulation_on"]);
  c.ipv6_ipip_must_be = ca.value("ipv6_ipip_must_be", "");
  c.kdd_required_by = strings(ca["kdd_required_by"]);
  if (ca["azure"].is_object())
    for (auto& [name, values] : ca["azure"].items()) c.azure[name] = strings(values);
  c.rr_cluster_id_ipv4 = ca.value("rr_cluster_id_ipv4", false);
  c.versions_table = ca.value("versions_table", "");
  c.versions = strings(ca["versions"]);
}

void read_cilium(const nlohmann::json& ci, CiliumRules& c) {
  c.file = ci.value("file", "");
  c.values = plugin_value_rules(ci["values"]);
  // No range (releases before v2.19.0 have no cluster id assert): every id passes.
  if (const auto range = ci.find("cluster_id_range"); range != ci.end() && range->is_array() && range->size() == 2) {
    c.cluster_id_min = range->at(0).get<std::int64_t>();
    c.cluster_id_max = range->at(1).get<std::int64_t>();
  } else {
    c.cluster_id_min = std::numeric_limits<std::int64_t>::min();
    c.cluster_id_max = std::numeric_limits<std::int64_t>::max();
  }
  c.ipsec_key_tunnel_modes = strings(ci["ipsec_key_tunnel_modes"]);
  c.ipsec_key_templated = ci.value("ipsec_key_templated", false);
  c.legacy_ipsec_flag = ci.value("legacy_ipsec_flag", "");
  c.hubble_event_buffer_capacities = ci.value("hubble_event_buffer_capacities", std::vector<std::int64_t>{});
  c.kpr_boolean_from = ci.value("kube_proxy_replacement_boolean_from", "");
}

}  // namespace

void from_json(const nlohmann::json& j, NetworkPluginRules& out) {
  const nlohmann::json rules = j.value("network_plugin_checks", nlohmann::json::object());
  if (const nlohmann::json ca = rules.value("calico", nlohmann::json::object()); !ca.empty())
    read_calico(ca, out.calico);
  if (const nlohmann::json ci = rules.value("cilium", nlohmann::json::object()); !ci.empty())
    read_cilium(ci, out.cilium);
}

void from_json(const nlohmann::json& j, CiliumKprTable& out) {
  for (const nlohmann::json& r : j.value("ranges", nlohmann::json::array()))
    out.ranges.push_back({r.value("from", ""), r.value("below", ""), strings(r["values"]), r.value("source", "")});
}

const NetworkPluginRules& network_plugin_rules(const CheckContext& ctx) {
  static const NetworkPluginRules kNone;
  const NetworkPluginRules* rules = ctx.release_data<NetworkPluginRules>();
  return rules ? *rules : kNone;
}

}  // namespace kubegate
