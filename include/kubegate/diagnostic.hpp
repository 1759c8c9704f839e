// Findings of checks and errors of loaders, before any output format sees them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kubegate/source.hpp"

namespace kubegate {

/// How bad a finding is: error = the deploy fails or the cluster breaks; warning = works
/// but hazardous; info = worth knowing.
enum class Severity { info, warning, error };

/// "info", "warning" or "error".
std::string_view to_string(Severity s);
/// Parses "info", "warning", "error"; also "none" as nullopt for --fail-on none.
std::optional<Severity> parse_severity(std::string_view s);

/// A secondary place that explains a finding ("external cloud provider set here").
struct Related {
  SourceLoc loc;
  std::string message;
};

/// One finding of one check.
struct Finding {
  std::string check;
  Severity severity = Severity::warning;
  std::string message;
  SourceLoc loc;
  std::vector<Related> related;
  /// How to fix it, one or two sentences.
  std::string fix;
  /// The inventory it was found in (the cluster's name; set by the engine, not by checks).
  std::string inventory;
  /// The setting it is about (the variable or configuration key defined where it points), for
  /// fingerprints and baselines; set by the engine, empty when it points at no single setting.
  std::string key;
};

/// Input that could not be loaded (bad YAML, unreadable file); always makes exit code 2.
struct LoadError {
  /// The file as the user would name it (kept even when it could not be registered).
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
};

}  // namespace kubegate
