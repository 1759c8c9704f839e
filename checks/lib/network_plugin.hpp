// Helpers shared by the calico-* and cilium-* checks: when Kubespray runs a network plugin's
// role, and the "value must be one of" asserts those roles make (release data, Release::calico
// and Release::cilium).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "kubegate/check.hpp"

namespace kubegate {

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
  return plugin == "cilium" && c.settings.get("cilium_deploy_additionally").truth() == true;
}

/// True when Kubespray runs the calico role's checks: with calico, unless ignore_assert_errors is
/// true (preinstall includes them only then).
inline bool calico_asserts_run(const Cluster& c) {
  return plugin_role_runs(c, "calico") && c.settings.get("ignore_assert_errors").truth() != true;
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
