// Shell completion scripts, generated from the command line's own definition so that they
// cannot drift from it.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace kubegate::cli {

/// The values an option or positional accepts, where they are a closed set.
using Choices = std::map<const CLI::Option*, std::vector<std::string>>;

/// The shells `write_completion` knows.
inline const std::vector<std::string> kShells = {"bash", "zsh", "fish"};

/// Writes the completion script of `shell` (one of kShells) for `app`'s subcommands and options.
void write_completion(std::ostream& out, std::string_view shell, const CLI::App& app, const Choices& choices);

}  // namespace kubegate::cli
