// `kubegate show`: the typed model as text or JSON, with where each value came from; `kubegate
// checks --format json`.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

#include "output/output.hpp"

namespace kubegate {

namespace {

std::string where(const SourceManager& s, SourceLoc loc) {
  return loc.known() ? fmt::format("{}:{}:{}", printable(s.path(loc.file)), loc.line, loc.column) : std::string();
}

/// `tool` names whose defaults these are ("kube-up"); empty: told from the definition.
std::string render(const SourceManager& s, const Setting& st, std::string_view tool = {}) {
  if (!st) return "(not set)";
  std::string value = printable(st.value.display());
  if (st.value.is_string() && value.empty()) value = "\"\"";
  const std::string label = !tool.empty()                           ? std::string(tool) + " default"
                            : st.definition->owner == "rke2 defaults" ? "rke2 default"
                                                                      : "kubespray default";
  // A checkout's defaults keep their file:line; built-in ones name the upstream file they mirror.
  const std::string default_at = st.definition->loc.known() ? where(s, st.definition->loc) : st.definition->owner;
  std::string origin = st.is_default() ? fmt::format("{}, {}", label, default_at)
                       : st.definition->layer == Layer::set_fact
                           ? fmt::format("set by {}, {}", st.definition->owner, where(s, st.definition->loc))
                           : where(s, st.definition->loc);
  if (!st.is_default() && !st.via.empty() && st.definition->value.is_string() &&
      st.definition->value.text != st.value.text)
    origin += fmt::format(" (via {})", printable(st.via.front()->name));
  std::string out = fmt::format("{}    [{}]", value, origin);
  for (const Definition* d : st.overridden)
    out += fmt::format("\n        overrides {}",
                       d->layer != Layer::release_default || d->loc.known() ? where(s, d->loc)
                       : tool.empty()                     ? std::string("the kubespray default")
                                                          : fmt::format("the {} default", tool));
  return out;
}

}  // namespace

void write_model(std::ostream& out, const SourceManager& s, const std::vector<Cluster>& clusters,
                 const std::vector<std::string>& skipped, const std::string& host) {
  for (const Cluster& c : clusters) {
    const std::string_view tool = c.platform == Platform::kubeup ? "kube-up" : "";
    out << fmt::format("{}: {}\n", c.platform == Platform::kubeup ? "env file" : "inventory", printable(c.name));
    if (c.platform == Platform::rke2) {
      out << fmt::format("rke2 release: {} ({})\n", c.release.version.empty() ? "unknown" : c.release.version,
                         printable(c.release.reason));
    } else if (c.platform == Platform::kubeup) {
      out << fmt::format("kube-up: {}\n", printable(c.release.reason));
    } else {
      const auto& all = c.release.candidates;
      const std::string release = c.release.certainty == ReleaseCertainty::guessed ? std::string("unknown")
                                  : all.size() > 1 ? fmt::format("one of {}", fmt::join(all, ", "))
                                  : c.release.named.empty() ? c.release.version
                                                            : c.release.named;
      out << fmt::format("kubespray release: {} [{}] ({})\n", release, to_string(c.release.certainty),
                         printable(c.release.reason));
      if (!c.topology_unknown_why.empty()) out << fmt::format("settings only: {}\n", printable(c.topology_unknown_why));
    }
    const std::pair<const char*, const Setting*> facts[] = {
        {"kubernetes version", &c.kubernetes_version}, {"network plugin", &c.network_plugin},
        {"container runtime", &c.container_runtime},   {"cloud provider", &c.cloud_provider},
        {"pods network", &c.ipv4.pods},                {"service network", &c.ipv4.services},
    };
    for (auto [label, st] : facts)
      out << fmt::format("  {:<19} {}\n", label + std::string(":"), render(s, *st, tool));
    for (const FeatureGate& g : c.feature_gates)
      out << fmt::format("  feature gate:       {} for {}    [{}]\n", printable(g.text), g.component, where(s, g.loc));
    for (const Unevaluated& u : c.unevaluated)
      out << fmt::format("  not evaluated:      {}    [{}]\n", printable(u.what), where(s, u.loc));
    out << fmt::format("nodes: {}\n", c.nodes.size());
    for (const Node& n : c.nodes) {
      if (!host.empty() && n.name != host) continue;
      std::string roles;
      for (auto [r, name] : {std::pair{role_control_plane, "control-plane"}, {role_etcd, "etcd"},
                             {role_worker, "worker"}, {role_route_reflector, "route-reflector"}})
        if (n.has(r)) roles += (roles.empty() ? "" : ",") + std::string(name);
      std::string count = c.platform == Platform::kubeup ? fmt::format("  count: {}", n.count) : "";
      out << fmt::format("  {}  roles: {}{}  os: {} ({})  [{}]\n", printable(n.name), roles.empty() ? "none" : roles, count,
                         n.os == Os::windows ? "windows" : "linux",
                         n.os_at.known() ? fmt::format("{}, {}", n.os_reason, where(s, n.os_at)) : n.os_reason,
                         where(s, n.loc));
      if (host.empty()) continue;
      std::string groups;
      for (const std::string& g : n.groups) groups += (groups.empty() ? "" : ", ") + printable(g);
      out << fmt::format("    groups: {}\n    variables set by the {}:\n", groups,
                         c.platform == Platform::kubeup ? "env file" : "inventory");
      for (const std::string& name : n.vars.names()) {
        Setting st = n.vars.get(name);
        if (st.is_default()) continue;
        out << fmt::format("      {} = {}\n", printable(name), render(s, st, tool));
      }
    }
    if (!host.empty() && std::none_of(c.nodes.begin(), c.nodes.end(), [&](const Node& n) { return n.name == host; }))
      out << fmt::format("  (no host named \"{}\")\n", printable(host));
  }
  for (const std::string& skip : skipped) out << "skipped: " << printable(skip) << '\n';
}

namespace {

nlohmann::json json_location(const SourceManager& s, SourceLoc loc) {
  if (!loc.known()) return nullptr;
  return {{"file", s.path(loc.file)}, {"line", loc.line}, {"column", loc.column}};
}

/// A setting: its value as shown, and where it came from (null for a built-in default).
nlohmann::json json_setting(const SourceManager& s, const Setting& st) {
  if (!st) return nullptr;
  return {{"value", st.value.display()},
          {"default", st.is_default()},
          {"location", json_location(s, st.definition->loc)},
          {"owner", st.definition->owner}};
}

}  // namespace

void write_model_json(std::ostream& out, const SourceManager& s, const std::vector<Cluster>& clusters,
                      const std::vector<std::string>& skipped, const std::string& host) {
  nlohmann::json inventories = nlohmann::json::array();
  for (const Cluster& c : clusters) {
    nlohmann::json facts = {{"kubernetes_version", json_setting(s, c.kubernetes_version)},
                            {"network_plugin", json_setting(s, c.network_plugin)},
                            {"container_runtime", json_setting(s, c.container_runtime)},
                            {"cloud_provider", json_setting(s, c.cloud_provider)},
                            {"pods_network", json_setting(s, c.ipv4.pods)},
                            {"service_network", json_setting(s, c.ipv4.services)}};
    nlohmann::json gates = nlohmann::json::array();
    for (const FeatureGate& g : c.feature_gates)
      gates.push_back({{"gate", g.text}, {"component", g.component}, {"location", json_location(s, g.loc)}});
    nlohmann::json nodes = nlohmann::json::array();
    for (const Node& n : c.nodes) {
      if (!host.empty() && n.name != host) continue;
      nlohmann::json roles = nlohmann::json::array();
      for (auto [r, name] : {std::pair{role_control_plane, "control-plane"}, {role_etcd, "etcd"},
                             {role_worker, "worker"}, {role_route_reflector, "route-reflector"}})
        if (n.has(r)) roles.push_back(name);
      nlohmann::json node = {{"name", n.name},
                             {"roles", roles},
                             {"os", n.os == Os::windows ? "windows" : "linux"},
                             {"groups", n.groups},
                             {"location", json_location(s, n.loc)}};
      if (!host.empty()) {
        nlohmann::json vars = nlohmann::json::object();
        for (const std::string& name : n.vars.names())
          if (Setting st = n.vars.get(name); !st.is_default()) vars[name] = json_setting(s, st);
        node["variables"] = vars;
      }
      nodes.push_back(node);
    }
    inventories.push_back({{"inventory", c.name},
                           {"platform", to_string(c.platform)},
                           {"release",
                            {{"version", c.release.version},
                             {"named", c.release.named},
                             {"candidates", c.release.candidates},
                             {"certainty", to_string(c.release.certainty)},
                             {"reason", c.release.reason}}},
                           {"facts", facts},
                           {"feature_gates", gates},
                           {"nodes", nodes}});
  }
  const nlohmann::json doc = {{"version", 1}, {"inventories", inventories}, {"skipped", skipped}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_checks_json(std::ostream& out) {
  nlohmann::json checks = nlohmann::json::array();
  for (const CheckDef& d : all_checks()) {
    nlohmann::json platforms = nlohmann::json::array();
    for (Platform p : {Platform::kubespray, Platform::rke2, Platform::kubeup})
      if (d.info.platforms & static_cast<unsigned>(p)) platforms.push_back(to_string(p));
    checks.push_back({{"id", d.info.id},
                      {"severity", to_string(d.info.severity)},
                      {"platforms", platforms},
                      {"summary", d.info.summary}});
  }
  out << nlohmann::json{{"version", 1}, {"checks", checks}}.dump(2) << '\n';
}

}  // namespace kubegate
