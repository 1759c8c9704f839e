#include "cli/cli.hpp"

#include "cli/completion.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <fstream>
#include <map>
#include <string_view>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/engine.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/check.hpp"
#include "output/output.hpp"
#include "util/parallel.hpp"
#include "util/text.hpp"

namespace kubegate::cli {

namespace {

std::string platforms(unsigned bits) {
  std::string out;
  for (Platform p : {Platform::kubespray, Platform::rke2, Platform::kubeup})
    if (bits & static_cast<unsigned>(p)) out += (out.empty() ? "" : ",") + std::string(to_string(p));
  return out;
}

/// `--version`: kubegate's version and commit, and the versions of the data it judges with.
std::string version_text() {
  return fmt::format("kubegate {} (commit {})\ndata: {}", KUBEGATE_VERSION, KUBEGATE_COMMIT, data_versions(Knowledge()));
}

/// " (did you mean \"X\"?)" for the name of `names` nearest to `name`, or nothing.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& names) {
  const std::string near = text::nearest(name, names);
  return near.empty() ? std::string() : fmt::format(" (did you mean \"{}\"?)", near);
}

/// A CLI11 check that a value is one of `names`, suggesting the nearest when it is not.
std::function<std::string(const std::string&)> one_of(std::vector<std::string> names) {
  return [names = std::move(names)](const std::string& value) {
    if (std::find(names.begin(), names.end(), value) != names.end()) return std::string();
    return fmt::format("\"{}\" is not one of {}{}", value, fmt::join(names, ", "), did_you_mean(value, names));
  };
}

/// Every check ID.
std::vector<std::string> check_ids() {
  std::vector<std::string> ids;
  for (const CheckDef& d : all_checks()) ids.emplace_back(d.info.id);
  return ids;
}

}  // namespace

bool colour_by_default(bool terminal, const char* no_color, const char* term) {
  return terminal && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool terminal, bool ends_process) {
  CLI::App app{"kubegate: a pre-deployment linter for Kubernetes cluster configuration"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text, "print kubegate's version and its data's, and exit");

  LoadOptions load_opts;
  unsigned jobs = default_jobs();
  std::string platform = "auto";
  std::string format = "text", color = "auto", fail_on = "warning", host, explain_id;
  std::vector<std::string> disabled;
  Choices choices;  // the closed sets of values, for the completion scripts
  const auto choose = [&](CLI::Option* option, std::vector<std::string> names) {
    choices[option] = names;
    return option->check(one_of(std::move(names)));
  };

  auto add_load_options = [&](CLI::App* sub) {
    sub->add_option("paths", load_opts.paths, "inventory folders or files (default: every inventory below .)");
    choose(sub->add_option("--platform", platform, "how to read the paths (kubeup: each file is a kube-up env file)"),
           {"auto", "kubespray", "kubeup", "rke2"});
    sub->add_option("--kubespray-version", load_opts.kubespray_version,
                    "Kubespray release the inventory is for (default: the newest known)");
    sub->add_option("--rke2-version", load_opts.rke2_version,
                    "RKE2 release (v1.30.4+rke2r1) for RKE2 configurations that do not state theirs");
    sub->add_option("-j,--jobs", jobs, "inventories read and checked at once (default: one per core)")
        ->check(CLI::Range(1u, 1024u));
  };
  CLI::App* lint = app.add_subcommand("lint", "check inventories and report findings");
  add_load_options(lint);
  const std::vector<std::string> formats = {"text", "json", "sarif", "github", "codeclimate", "junit", "checkstyle"};
  CLI::Option* format_opt =
      choose(lint->add_option("--format", format, "output format (github: GitHub Actions annotations)"), formats);
  std::vector<std::string> outputs;
  lint->add_option("--output", outputs, "also write FORMAT to FILE (FORMAT=FILE, repeatable)")
      ->allow_extra_args(false)
      ->check([&](const std::string& spec) {
        const auto eq = spec.find('=');
        const bool ok = eq != std::string::npos && eq + 1 < spec.size() &&
                        std::find(formats.begin(), formats.end(), spec.substr(0, eq)) != formats.end();
        return ok ? std::string() : "expected FORMAT=FILE with FORMAT one of text, json, sarif, github, codeclimate, junit, checkstyle";
      });
  choose(lint->add_option("--color", color, "colour the text output"), {"auto", "always", "never"});
  choose(lint->add_option("--fail-on", fail_on, "lowest severity that makes the exit code 1"),
         {"info", "warning", "error", "none"});
  choices[lint->add_option("--disable", disabled, "check IDs not to run (repeatable, or comma-separated)")
              ->allow_extra_args(false)
              ->delimiter(',')] = check_ids();

  CLI::App* show_cmd = app.add_subcommand("show", "print the typed model with where each value came from");
  add_load_options(show_cmd);
  show_cmd->add_option("--host", host, "print every variable of this host");

  std::string show_format = "text", checks_format = "text";
  choose(show_cmd->add_option("--format", show_format, "output format"), {"text", "json"});
  CLI::App* checks = app.add_subcommand("checks", "list every check");
  choose(checks->add_option("--format", checks_format, "output format"), {"text", "json"});
  CLI::App* explain = app.add_subcommand("explain", "print the documentation of a check");
  choices[explain->add_option("id", explain_id, "check ID")->required()] = check_ids();
  std::string shell;
  CLI::App* completion = app.add_subcommand("completion", "print the shell completion script of bash, zsh or fish");
  choose(completion->add_option("shell", shell, "the shell")->required(), kShells);

  // A mistyped command: CLI11 would only say that one is required.
  std::vector<std::string> commands;
  for (const CLI::App* c : app.get_subcommands({})) commands.push_back(c->get_name());
  if (!args.empty() && !args[0].empty() && args[0][0] != '-' &&
      std::find(commands.begin(), commands.end(), args[0]) == commands.end()) {
    err << fmt::format("kubegate: no command \"{}\"{}; commands: {}\n", args[0], did_you_mean(args[0], commands),
                       fmt::join(commands, ", "));
    return kUsageError;
  }
  std::vector<std::string> argv_store = {"kubegate"};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& a : argv_store) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == 0 ? kClean : kUsageError;
  }

  if (*checks) {
    if (checks_format == "json") {
      write_checks_json(out);
      return kClean;
    }
    for (const CheckDef& d : all_checks())
      out << fmt::format("{:<34} {:<8} {:<10} {}\n", d.info.id, to_string(d.info.severity), platforms(d.info.platforms),
                         d.info.summary);
    return kClean;
  }
  if (*completion) {
    write_completion(out, shell, app, choices);
    return kClean;
  }
  if (*explain) {
    const CheckDef* d = find_check(explain_id);
    const Knowledge knowledge;
    std::string_view doc = d ? knowledge.text(fmt::format("checks/{}/check.md", d->info.id)) : std::string_view();
    if (doc.empty()) {
      err << fmt::format("kubegate: no check \"{}\"{} (see `kubegate checks`)\n", explain_id,
                         did_you_mean(explain_id, check_ids()));
      return kUsageError;
    }
    out << doc;
    return kClean;
  }

  for (const std::string& id : disabled)
    if (!find_check(id)) {
      err << fmt::format("kubegate: --disable {}: no such check{} (see `kubegate checks`)\n", id,
                         did_you_mean(id, check_ids()));
      return kUsageError;
    }
  load_opts.platform = parse_platform(platform);  // nullopt for auto
  // Freeing the model and every knowledge document node by node costs a tenth of a lint of the
  // Kubespray sample. When the process ends next, the system takes the memory back at once, so
  // the workspace is left to it (as clang's -disable-free does), reachable for leak checkers.
  auto owned = std::make_unique<Workspace>();
  Workspace& ws = *owned;
  static Workspace* left_to_exit = nullptr;  // a raw pointer: no destructor runs at exit
  if (ends_process) left_to_exit = owned.release();
  ws.jobs = jobs;
  std::string usage_error;
  if (!load(load_opts, ws, usage_error)) {
    err << "kubegate: " << usage_error << '\n';
    return kUsageError;
  }
  if (*show_cmd) {
    if (show_format == "json")
      write_model_json(out, ws.sources, ws.clusters, ws.skipped, host);
    else
      write_model(out, ws.sources, ws.clusters, ws.skipped, host);
    write_text(err, Report{ws.sources, {}, ws.errors}, false);
    const bool host_found = host.empty() || std::any_of(ws.clusters.begin(), ws.clusters.end(), [&](const Cluster& c) {
                              return std::any_of(c.nodes.begin(), c.nodes.end(), [&](const Node& n) { return n.name == host; });
                            });
    if (!host_found) err << fmt::format("kubegate: --host {}: no such host in these inventories\n", printable(host));
    return !ws.errors.empty() ? kLoadError : host_found ? kClean : kUsageError;
  }

  std::vector<Finding> findings = run_checks(ws, disabled);
  Report report{ws.sources, findings, ws.errors, &ws.clusters};
  const int code = exit_code(findings, ws.errors, parse_severity(fail_on));
  const auto write = [&](const std::string& as, std::ostream& to, bool colour) {
    if (as == "json") write_json(to, report);
    else if (as == "sarif") write_sarif(to, report, ws.knowledge, code);
    else if (as == "github") write_github(to, report);
    else if (as == "codeclimate") write_codeclimate(to, report);
    else if (as == "junit") write_junit(to, report);
    else if (as == "checkstyle") write_checkstyle(to, report);
    else write_text(to, report, colour);
  };
  for (const std::string& spec : outputs) {
    const auto eq = spec.find('=');
    std::ofstream file(spec.substr(eq + 1), std::ios::binary);
    if (!file) {
      err << fmt::format("kubegate: --output {}: cannot write {}\n", spec, spec.substr(eq + 1));
      return kUsageError;
    }
    write(spec.substr(0, eq), file, false);
  }
  write(format, out, color == "always" || (color == "auto" && terminal));
  // In a GitHub Actions job, annotations too, unless the user chose the format.
  if (const char* gha = std::getenv("GITHUB_ACTIONS");
      gha && std::string_view(gha) == "true" && !format_opt->count() && format == "text")
    write_github(out, report);
  return code;
}

}  // namespace kubegate::cli
