// Shell environment files (`KEY=value` lines a user `source`s before running a tool, e.g.
// kube-up's), read without executing anything. See env.cpp for the evaluation rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/model.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// One change a file makes to a variable, in file order.
struct EnvAssignment {
  std::string name;
  /// Where the name starts.
  SourceLoc key_loc;
  /// The value after expansion: a string, or unknown (its text says which construct); loc is
  /// where the value starts (the first character after `=`).
  Value value;
  /// Made by `${NAME:=default}` inside another value rather than by `NAME=...`.
  bool by_default_expansion = false;
  /// `unset NAME`: the variable is removed; `value` is null.
  bool unset = false;
};

/// What reading one env file produced.
struct EnvFile {
  std::vector<EnvAssignment> assignments;
  /// Constructs read past without evaluating, with where they start.
  std::vector<Unevaluated> unevaluated;
  /// Top-level commands that assign variables, and the other ones.
  std::uint32_t assignment_commands = 0;
  std::uint32_t other_commands = 0;
};

/// Reads the text of file `file` (registered in a SourceManager, for positions). Returns false,
/// with `error` set (line and column; `file` left to the caller), when the text is clearly not
/// an env file: binary, YAML, or mostly commands that assign nothing.
bool parse_env(std::string_view text, std::uint32_t file, EnvFile& out, LoadError& error);

/// Names assigned at the start of a line (`NAME=`, `export NAME=`), found cheaply for discovery.
std::vector<std::string> env_assigned_names(std::string_view text);

}  // namespace kubegate
