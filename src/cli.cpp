#include "cli.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "data.hpp"
#include "engine.hpp"
#include "kubegate/check.hpp"
#include "output/output.hpp"

namespace kubegate::cli {

namespace {

std::string platforms(unsigned bits) {
  std::string out;
  for (auto [bit, name] : {std::pair{kKubespray, "kubespray"}, {kRke2, "rke2"}, {kKubeup, "kubeup"}})
    if (bits & bit) out += (out.empty() ? "" : ",") + std::string(name);
  return out;
}

std::string where(const SourceManager& s, SourceLoc loc) {
  return loc.known() ? fmt::format("{}:{}:{}", s.path(loc.file), loc.line, loc.column) : std::string();
}

/// Variables whose values are never printed, whatever their type.
bool sensitive(std::string_view name) {
  std::string lower(name);  // env variables are upper case (KUBE_PASSWORD)
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
  for (std::string_view word : {"password", "passwd", "token", "secret", "private_key", "_key_data"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

/// `tool` names whose defaults these are ("kube-up"); empty: told from the definition.
std::string render(const SourceManager& s, const Setting& st, std::string_view tool = {}) {
  if (!st) return "(not set)";
  std::string value = sensitive(st.name) ? "<redacted>" : st.value.display();
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
    origin += fmt::format(" (via {})", st.via.front()->name);
  std::string out = fmt::format("{}    [{}]", value, origin);
  for (const Definition* d : st.overridden)
    out += fmt::format("\n        overrides {}",
                       d->layer != Layer::release_default || d->loc.known() ? where(s, d->loc)
                       : tool.empty()                     ? std::string("the kubespray default")
                                                          : fmt::format("the {} default", tool));
  return out;
}

void show(std::ostream& out, const Workspace& ws, const std::string& host) {
  const SourceManager& s = ws.sources;
  for (const Cluster& c : ws.clusters) {
    const std::string_view tool = c.platform == Platform::kubeup ? "kube-up" : "";
    out << fmt::format("{}: {}\n", c.platform == Platform::kubeup ? "env file" : "inventory", c.name);
    if (c.platform == Platform::rke2) {
      out << fmt::format("rke2 release: {} ({})\n", c.release.version.empty() ? "unknown" : c.release.version,
                         c.release.reason);
    } else if (c.platform == Platform::kubeup) {
      out << fmt::format("kube-up: {}\n", c.release.reason);
    } else {
      out << fmt::format("kubespray release: {} ({})\n", c.release.named.empty() ? c.release.version : c.release.named,
                         c.release.reason);
    }
    const std::pair<const char*, const Setting*> facts[] = {
        {"kubernetes version", &c.kubernetes_version}, {"network plugin", &c.network_plugin},
        {"container runtime", &c.container_runtime},   {"cloud provider", &c.cloud_provider},
        {"pods network", &c.ipv4.pods},                {"service network", &c.ipv4.services},
    };
    for (auto [label, st] : facts)
      out << fmt::format("  {:<19} {}\n", label + std::string(":"), render(s, *st, tool));
    for (const FeatureGate& g : c.feature_gates)
      out << fmt::format("  feature gate:       {} for {}    [{}]\n", g.text, g.component, where(s, g.loc));
    for (const Unevaluated& u : c.unevaluated)
      out << fmt::format("  not evaluated:      {}    [{}]\n", u.what, where(s, u.loc));
    out << fmt::format("nodes: {}\n", c.nodes.size());
    for (const Node& n : c.nodes) {
      if (!host.empty() && n.name != host) continue;
      std::string roles;
      for (auto [r, name] : {std::pair{role_control_plane, "control-plane"}, {role_etcd, "etcd"},
                             {role_worker, "worker"}, {role_route_reflector, "route-reflector"}})
        if (n.has(r)) roles += (roles.empty() ? "" : ",") + std::string(name);
      std::string count = c.platform == Platform::kubeup ? fmt::format("  count: {}", n.count) : "";
      out << fmt::format("  {}  roles: {}{}  os: {} ({})  [{}]\n", n.name, roles.empty() ? "none" : roles, count,
                         n.os == Os::windows ? "windows" : "linux", n.os_reason, where(s, n.loc));
      if (host.empty()) continue;
      std::string groups;
      for (const std::string& g : n.groups) groups += (groups.empty() ? "" : ", ") + g;
      out << fmt::format("    groups: {}\n    variables set by the {}:\n", groups,
                         c.platform == Platform::kubeup ? "env file" : "inventory");
      for (const std::string& name : n.vars.names()) {
        Setting st = n.vars.get(name);
        if (st.is_default()) continue;
        out << fmt::format("      {} = {}\n", name, render(s, st, tool));
      }
    }
    if (!host.empty() && std::none_of(c.nodes.begin(), c.nodes.end(), [&](const Node& n) { return n.name == host; }))
      out << fmt::format("  (no host named \"{}\")\n", host);
  }
  for (const std::string& skip : ws.skipped) out << "skipped: " << skip << '\n';
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool terminal) {
  CLI::App app{"kubegate: a pre-deployment linter for Kubernetes cluster configuration"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("kubegate 0.1.0"));

  LoadOptions load_opts;
  std::string platform = "auto";
  std::string format = "text", color = "auto", fail_on = "warning", host, explain_id;
  std::vector<std::string> disabled;

  auto add_load_options = [&](CLI::App* sub) {
    sub->add_option("paths", load_opts.paths, "inventory folders or files (default: every inventory below .)");
    sub->add_option("--platform", platform, "how to read the paths (kubeup: each file is a kube-up env file)")
        ->check(CLI::IsMember({"auto", "kubespray", "kubeup", "rke2"}));
    sub->add_option("--kubespray-version", load_opts.kubespray_version,
                    "Kubespray release the inventory is for (default: the newest known)");
    sub->add_option("--rke2-version", load_opts.rke2_version,
                    "RKE2 release (v1.30.4+rke2r1) for RKE2 configurations that do not state theirs");
  };
  CLI::App* lint = app.add_subcommand("lint", "check inventories and report findings");
  add_load_options(lint);
  lint->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  lint->add_option("--color", color, "colour the text output")->check(CLI::IsMember({"auto", "always", "never"}));
  lint->add_option("--fail-on", fail_on, "lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"info", "warning", "error", "none"}));
  lint->add_option("--disable", disabled, "check IDs not to run (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');

  CLI::App* show_cmd = app.add_subcommand("show", "print the typed model with where each value came from");
  add_load_options(show_cmd);
  show_cmd->add_option("--host", host, "print every variable of this host");

  CLI::App* checks = app.add_subcommand("checks", "list every check");
  CLI::App* explain = app.add_subcommand("explain", "print the documentation of a check");
  explain->add_option("id", explain_id, "check ID")->required();

  std::vector<std::string> argv_store = {"kubegate"};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& a : argv_store) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == 0 ? kClean : kUsageOrLoadError;
  }

  if (*checks) {
    for (const CheckDef& d : all_checks())
      out << fmt::format("{:<34} {:<8} {:<10} {}\n", d.info.id, to_string(d.info.severity), platforms(d.info.platforms),
                         d.info.summary);
    return kClean;
  }
  if (*explain) {
    const CheckDef* d = find_check(explain_id);
    std::string_view doc = d ? data::find(fmt::format("checks/{}.md", d->info.id)) : std::string_view();
    if (doc.empty()) {
      err << fmt::format("kubegate: no check \"{}\" (see `kubegate checks`)\n", explain_id);
      return kUsageOrLoadError;
    }
    out << doc;
    return kClean;
  }

  for (const std::string& id : disabled)
    if (!find_check(id)) {
      err << fmt::format("kubegate: --disable {}: no such check (see `kubegate checks`)\n", id);
      return kUsageOrLoadError;
    }
  if (platform == "kubespray") load_opts.platform = Platform::kubespray;
  if (platform == "kubeup") load_opts.platform = Platform::kubeup;
  if (platform == "rke2") load_opts.platform = Platform::rke2;
  Workspace ws;
  std::string usage_error;
  if (!load(load_opts, ws, usage_error)) {
    err << "kubegate: " << usage_error << '\n';
    return kUsageOrLoadError;
  }
  if (*show_cmd) {
    show(out, ws, host);
    write_text(err, Report{ws.sources, {}, ws.errors}, false);
    return ws.errors.empty() ? kClean : kUsageOrLoadError;
  }

  std::vector<Finding> findings = run_checks(ws, disabled);
  Report report{ws.sources, findings, ws.errors, &ws.clusters};
  if (format == "json") {
    write_json(out, report);
  } else {
    write_text(out, report, color == "always" || (color == "auto" && terminal));
  }
  if (!ws.errors.empty()) return kUsageOrLoadError;
  auto threshold = parse_severity(fail_on);
  if (threshold && std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity >= *threshold; }))
    return kFindings;
  return kClean;
}

}  // namespace kubegate::cli
