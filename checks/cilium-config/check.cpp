// Cilium settings the cilium role's own asserts reject (roles/network_plugin/cilium/tasks/check.yml):
// identity allocation mode and encryption type values, the cluster id range, IPsec without
// cilium_ipsec_key, the legacy cilium_ipsec_enabled with another encryption type, the hubble event
// buffer capacity, and a cilium_version below the release's minimum. The role runs late, in the
// network plugin stage; the rules are release data (`network_plugin_checks.cilium`). Doc: check.md
#include <algorithm>

#include <fmt/format.h>

#include "lib/network_plugin.hpp"
#include "kubegate/version.hpp"

namespace kubegate {
namespace {

void check_cluster_id(const Cluster& c, Reporter& r, const CiliumRules& rules) {
  const Setting& id = c.kubespray.cilium_cluster_id;
  std::optional<std::int64_t> n = id.integer();
  if (id.is_default() || !n || (*n >= rules.cluster_id_min && *n <= rules.cluster_id_max)) return;
  r.report(id.loc(), fmt::format("cilium_cluster_id is {}, outside {} to {}: Kubespray {} stops with an assertion "
                                 "failure in {}",
                                 *n, rules.cluster_id_min, rules.cluster_id_max, c.release.version, rules.file))
      .fix(fmt::format("choose a cilium_cluster_id from {} to {}, unique in the cluster mesh", rules.cluster_id_min,
                       rules.cluster_id_max));
}

void check_ipsec(const Cluster& c, Reporter& r, const CiliumRules& rules) {
  const Setting& enabled = c.kubespray.cilium_encryption_enabled, &type = c.kubespray.cilium_encryption_type;
  Setting legacy = c.settings.get(rules.legacy_ipsec_flag);
  if (legacy.truth() == true && type.text() && *type.text() != "ipsec")
    r.report(where_set(legacy, type),
             fmt::format("{} is true while cilium_encryption_type is \"{}\": Kubespray {} stops with an assertion "
                         "failure in {}",
                         rules.legacy_ipsec_flag, *type.text(), c.release.version, rules.file))
        .related(type.user_loc(), "cilium_encryption_type set here")
        .fix(fmt::format("remove {} and set cilium_encryption_enabled: true with the cilium_encryption_type you want",
                         rules.legacy_ipsec_flag));
  if (c.kubespray.cilium_ipsec_key) return;
  const bool ipsec = enabled.truth() == true && type.text() == "ipsec";
  if (!ipsec && !(legacy.truth() == true && rules.ipsec_key_templated)) return;
  const Setting& tunnel = c.kubespray.cilium_tunnel_mode;
  std::optional<std::string> mode = tunnel.text();
  const bool asserted = ipsec && mode && std::find(rules.ipsec_key_tunnel_modes.begin(),
                                                   rules.ipsec_key_tunnel_modes.end(), *mode) != rules.ipsec_key_tunnel_modes.end();
  if (!asserted && !rules.ipsec_key_templated) return;
  const Setting& cause = ipsec ? enabled : legacy;
  const std::string stop =
      asserted ? fmt::format("Kubespray {} stops with an assertion failure in {}", c.release.version, rules.file)
               : fmt::format("Kubespray {} fails late, when it renders the IPsec key Secret from cilium_ipsec_key",
                             c.release.version);
  r.report(cause.loc(), fmt::format("cilium IPsec encryption is on (cilium_tunnel_mode \"{}\") but cilium_ipsec_key is "
                                    "not set: {}",
                                    mode.value_or("?"), stop))
      .related(type.user_loc(), "cilium_encryption_type set here")
      .related(tunnel.user_loc(), "cilium_tunnel_mode set here")
      .fix("set cilium_ipsec_key (keep it in Ansible Vault), or use cilium_encryption_type: wireguard");
}

void check_hubble(const Cluster& c, Reporter& r, const CiliumRules& rules) {
  if (rules.hubble_event_buffer_capacities.empty()) return;
  const Setting& cap = c.kubespray.cilium_hubble_event_buffer_capacity;
  std::optional<std::int64_t> n = cap.integer();
  const auto& allowed = rules.hubble_event_buffer_capacities;
  if (cap.is_default() || !n || std::find(allowed.begin(), allowed.end(), *n) != allowed.end()) return;
  r.report(cap.loc(), fmt::format("cilium_hubble_event_buffer_capacity is {}, not a power of two minus one from {} to "
                                  "{}: Kubespray {} stops with an assertion failure in {}",
                                  *n, allowed.front(), allowed.back(), c.release.version, rules.file))
      .fix("use a power of two minus one, e.g. 4095");
}

void check_min_version(const Cluster& c, Reporter& r, const CiliumRules& rules) {
  if (!c.release.own_asserts) return;  // the minimum moves between releases
  const Setting& version = c.kubespray.cilium_version, &min = c.kubespray.cilium_min_version_required;
  std::optional<std::string> text = version.text(), min_text = min.text();
  if (version.is_default() || !text || !min_text) return;
  auto have = parse_version(*text), need = parse_version(*min_text);
  if (!have || !need || *have >= *need) return;
  r.report(version.loc(), fmt::format("cilium_version \"{}\" is older than {}, the oldest cilium Kubespray {} deploys: "
                                      "it stops with an assertion failure in {}",
                                      *text, *min_text, c.release.version, rules.file))
      .fix(fmt::format("remove cilium_version to get the release's default, or choose {} or newer", *min_text));
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const CiliumRules& rules = network_plugin_rules(ctx).cilium;
  if (rules.file.empty() || !plugin_role_runs(c, "cilium")) return;
  report_plugin_values(c, r, rules.values, rules.file);
  check_cluster_id(c, r, rules);
  check_ipsec(c, r, rules);
  check_hubble(c, r, rules);
  check_min_version(c, r, rules);
}

const CheckRegistration reg{{"cilium-config", Severity::error,
                             "a cilium setting the cilium role's own asserts reject", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
