// A configuration value as a loader read it: a YAML/INI/env scalar, list or map, with positions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kubegate/source.hpp"

namespace kubegate {

struct MapEntry;

/// A typed configuration value; scalars are typed as the tool that reads the file types them.
struct Value {
  /// `secret` is a value that must never be printed (Ansible vault, redacted token);
  /// `unknown` is a value that cannot be told without running something (a Jinja expression).
  enum class Kind : std::uint8_t { null, boolean, integer, real, string, list, map, secret, unknown };

  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  /// String content; for other scalars the spelling in the source; for `unknown` the expression.
  std::string text;
  std::vector<Value> items;
  std::vector<MapEntry> entries;
  /// Where the value starts in its file.
  SourceLoc loc;
  /// True for quoted scalars ("x", 'x'), which YAML never turns into booleans or numbers.
  bool quoted = false;

  bool is_null() const { return kind == Kind::null; }
  bool is_string() const { return kind == Kind::string; }
  bool is_unknown() const { return kind == Kind::unknown || kind == Kind::secret; }
  /// The entry for `key` in a map, or nullptr.
  const Value* find(std::string_view key) const;
  /// A short human rendering of a scalar ("true", "10.0.0.0/8", "<secret>", "<list of 3>").
  std::string display() const;

  static Value make_string(std::string s, SourceLoc loc = {}, bool quoted = false);
  static Value make_bool(bool b, SourceLoc loc = {});
  static Value make_int(std::int64_t i, SourceLoc loc = {});
  static Value make_unknown(std::string expression, SourceLoc loc = {});
};

/// One key of a map, with the position of the key itself.
struct MapEntry {
  std::string key;
  SourceLoc key_loc;
  Value value;
};

/// Ansible's `bool` filter: true/yes/on/1 (any case) and booleans; nullopt when it cannot be told.
std::optional<bool> ansible_truth(const Value& v);
/// The value as an integer (integers, and strings holding one); nullopt otherwise.
std::optional<std::int64_t> as_integer(const Value& v);

}  // namespace kubegate
