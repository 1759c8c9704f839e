#include "cli/completion.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kubegate::cli {

namespace {

/// An option as the completion scripts see it.
struct Opt {
  std::string name;  ///< "--format" or "-h"
  std::string help;
  bool takes_value = false;
  bool repeatable = false;
  std::vector<std::string> choices;  ///< empty: a free value
};

/// A subcommand, or the program itself (name empty).
struct Cmd {
  std::string name, help;
  std::vector<Opt> options;
  bool positional = false;                      ///< takes operands
  std::vector<std::string> positional_choices;  ///< empty: the operands are files
};

Cmd read(const CLI::App& app, const Choices& choices, const std::string& name) {
  Cmd cmd{name, app.get_description(), {}, false, {}};
  for (const CLI::Option* o : app.get_options()) {
    const auto chosen = choices.find(o);
    const std::vector<std::string> values = chosen == choices.end() ? std::vector<std::string>() : chosen->second;
    if (o->get_positional()) {
      cmd.positional = true;
      cmd.positional_choices = values;
      continue;
    }
    std::vector<std::string> names;
    for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
    for (const std::string& s : o->get_snames()) names.push_back("-" + s);
    for (const std::string& n : names)
      cmd.options.push_back(Opt{n, o->get_description(), o->get_items_expected_max() > 0, o->get_expected_max() > 1, values});
  }
  return cmd;
}

/// `s` as one single-quoted shell word.
std::string sq(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// A description for zsh's `[...]` and `name:description` forms: no brackets or newlines.
std::string zsh_text(std::string s) {
  for (char& c : s) c = c == '[' ? '(' : c == ']' ? ')' : c == '\n' ? ' ' : c;
  return s;
}

void bash(std::ostream& out, const Cmd& top, const std::vector<Cmd>& cmds) {
  std::vector<std::string> first;
  for (const Cmd& c : cmds) first.push_back(c.name);
  for (const Opt& o : top.options) first.push_back(o.name);
  out << "# bash completion for kubegate (written by `kubegate completion bash`)\n"
      << "_kubegate() {\n"
      << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      << "  COMPREPLY=()\n"
      << "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
      << fmt::format("    mapfile -t COMPREPLY < <(compgen -W {} -- \"$cur\")\n", sq(fmt::format("{}", fmt::join(first, " "))))
      << "    return\n  fi\n"
      << "  case ${COMP_WORDS[1]} in\n";
  for (const Cmd& c : cmds) {
    out << fmt::format("    {})\n      case $prev in\n", c.name);
    for (const Opt& o : c.options) {
      if (!o.takes_value) continue;
      if (o.choices.empty())
        out << fmt::format("        {}) return ;;\n", o.name);
      else
        out << fmt::format("        {}) mapfile -t COMPREPLY < <(compgen -W {} -- \"$cur\"); return ;;\n", o.name,
                           sq(fmt::format("{}", fmt::join(o.choices, " "))));
    }
    std::vector<std::string> names;
    for (const Opt& o : c.options) names.push_back(o.name);
    out << "      esac\n"
        << "      if [[ $cur == -* ]]; then\n"
        << fmt::format("        mapfile -t COMPREPLY < <(compgen -W {} -- \"$cur\")\n", sq(fmt::format("{}", fmt::join(names, " "))));
    if (c.positional && c.positional_choices.empty())
      out << "      else\n        compopt -o filenames 2>/dev/null\n        mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n";
    else if (c.positional)
      out << fmt::format("      else\n        mapfile -t COMPREPLY < <(compgen -W {} -- \"$cur\")\n",
                         sq(fmt::format("{}", fmt::join(c.positional_choices, " "))));
    out << "      fi ;;\n";
  }
  out << "  esac\n}\ncomplete -F _kubegate kubegate\n";
}

/// One `_arguments` spec of option `o`.
std::string zsh_option(const Opt& o) {
  std::string spec = (o.repeatable ? "*" : "") + o.name + "[" + zsh_text(o.help) + "]";
  if (o.takes_value)
    spec += o.choices.empty() ? ":value: " : fmt::format(":value:({})", fmt::join(o.choices, " "));
  return sq(spec);
}

void zsh(std::ostream& out, const Cmd& top, const std::vector<Cmd>& cmds) {
  out << "#compdef kubegate\n# zsh completion for kubegate (written by `kubegate completion zsh`)\n"
      << "_kubegate() {\n  local curcontext=$curcontext state line\n  _arguments -C";
  for (const Opt& o : top.options) out << " \\\n    " << sq("(- *)") << zsh_option(o);
  out << " \\\n    '1:command:->command' \\\n    '*::argument:->argument'\n"
      << "  case $state in\n    command)\n      local -a commands=(";
  for (const Cmd& c : cmds) out << "\n        " << sq(c.name + ":" + zsh_text(c.help));
  out << "\n      )\n      _describe -t commands command commands ;;\n    argument)\n      case $line[1] in\n";
  for (const Cmd& c : cmds) {
    out << fmt::format("        {})\n          _arguments", c.name);
    for (const Opt& o : c.options) out << " \\\n            " << zsh_option(o);
    if (c.positional)
      out << " \\\n            "
          << (c.positional_choices.empty() ? sq("*:path:_files")
                                           : sq(fmt::format("1:value:({})", fmt::join(c.positional_choices, " "))));
    out << " ;;\n";
  }
  // As a file in $fpath (autoloaded: the body runs on completion) or sourced (registers itself).
  out << "      esac ;;\n  esac\n}\n"
      << "if [[ $funcstack[1] == _kubegate ]]; then _kubegate \"$@\"; else compdef _kubegate kubegate; fi\n";
}

void fish(std::ostream& out, const Cmd& top, const std::vector<Cmd>& cmds) {
  out << "# fish completion for kubegate (written by `kubegate completion fish`)\n"
      << "complete -c kubegate -f\n";
  const auto option = [&](const std::string& condition, const Opt& o) {
    const bool lng = o.name.rfind("--", 0) == 0;
    out << fmt::format("complete -c kubegate -n {} {} {}", sq(condition), lng ? "-l" : "-s", o.name.substr(lng ? 2 : 1));
    if (o.takes_value) out << " -x" << (o.choices.empty() ? "" : " -a " + sq(fmt::format("{}", fmt::join(o.choices, " "))));
    out << " -d " << sq(o.help) << '\n';
  };
  for (const Opt& o : top.options) option("__fish_use_subcommand", o);
  for (const Cmd& c : cmds)
    out << fmt::format("complete -c kubegate -n __fish_use_subcommand -a {} -d {}\n", c.name, sq(c.help));
  for (const Cmd& c : cmds) {
    const std::string condition = "__fish_seen_subcommand_from " + c.name;
    for (const Opt& o : c.options) option(condition, o);
    if (c.positional && c.positional_choices.empty())
      out << fmt::format("complete -c kubegate -n {} -F\n", sq(condition));
    else if (c.positional)
      out << fmt::format("complete -c kubegate -n {} -x -a {}\n", sq(condition),
                         sq(fmt::format("{}", fmt::join(c.positional_choices, " "))));
  }
}

}  // namespace

void write_completion(std::ostream& out, std::string_view shell, const CLI::App& app, const Choices& choices) {
  const Cmd top = read(app, choices, "");
  std::vector<Cmd> cmds;
  for (const CLI::App* sub : app.get_subcommands({})) cmds.push_back(read(*sub, choices, sub->get_name()));
  if (shell == "bash") bash(out, top, cmds);
  else if (shell == "zsh") zsh(out, top, cmds);
  else fish(out, top, cmds);
}

}  // namespace kubegate::cli
