// YAML files read as Ansible reads them (YAML 1.1 scalars), with 1-based positions.
#pragma once

#include <string>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/source.hpp"
#include "kubegate/value.hpp"

namespace kubegate {

/// A key a mapping defines twice: where the dropped definition is and where the kept (last) one is.
struct DuplicateKey {
  /// The key as written.
  std::string key;
  /// The earlier definition, which is dropped.
  SourceLoc dropped;
  /// The last definition, which is kept.
  SourceLoc kept;
};

/// Parses `text` of registered file `file` into `out`. Returns false and appends to `errors`
/// on a syntax error, a duplicate key or a second document. An empty file yields null. With
/// `duplicates` (Ansible variables files: Ansible warns and keeps the last), a key defined twice
/// keeps its last value and is listed there instead of being an error.
bool parse_yaml(const SourceManager& sources, std::uint32_t file, Value& out, std::vector<LoadError>& errors,
                std::vector<DuplicateKey>* duplicates = nullptr);

/// The text with comment-only lines emptied (line numbers kept), except inside block and
/// quoted scalars, where '#' is content. yaml-cpp spends most of its time on comments, and a
/// stock Kubespray group_vars file is mostly comments.
std::string blank_comment_lines(std::string_view text);

/// Types a plain (unquoted) scalar as YAML 1.1 does: yes/no/on/off booleans, 0644 octal, ~ null.
Value yaml11_scalar(const std::string& text, SourceLoc loc);

}  // namespace kubegate
