// The variable names Kubespray knows over its releases (schemas/kubespray/variables.txt, made by
// gen_variables.py), read once per Knowledge, and the one-edit distance that finds a misspelling.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "kubegate/knowledge.hpp"

namespace kubegate {

/// The document the names are read from.
inline constexpr std::string_view kKubesprayVariablesDocument = "schemas/kubespray/variables.txt";

/// True when `a` becomes `b` by one insertion, deletion, substitution or swap of adjacent characters.
bool one_edit_apart(std::string_view a, std::string_view b);

/// True when the one edit from `a` to `b` replaces a digit by another (`ipv4` and `ipv6`).
bool digit_replaced(std::string_view a, std::string_view b);

/// What a name's line says besides its releases.
enum class NameKind : std::uint8_t { settable, internal, scalar, list, map };

/// One known name; its text points into the document.
struct KnownName {
  std::string_view name;
  /// Release index ranges as written ("0-5,9-33").
  std::string_view releases;
  NameKind kind = NameKind::settable;

  /// The inventory may set it (not only set by the release itself).
  bool settable() const { return kind != NameKind::internal; }
  /// The release with index `index` knows the name.
  bool in_release(int index) const;
};

/// Every name of the document, sorted, with the releases it covers.
class KubesprayVariableNames {
 public:
  /// Reads the document's text (`# release INDEX REF COMMIT` lines, then `NAME RANGES [KIND]`).
  static KubesprayVariableNames parse(std::string_view text);
  /// The name, or nullptr when no release knows it.
  const KnownName* find(std::string_view name) const;
  /// Every known name one edit away from `name`.
  std::vector<const KnownName*> near(std::string_view name) const;
  /// The index of release `version` ("2.24.0", "master"); -1 when the document has none.
  int release_index(std::string_view version) const;
  /// How many names the document has.
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<KnownName> names_;
  /// Indexes into names_ ordered by name length; by_length_[from_[n]] starts the names of length n.
  std::vector<std::uint32_t> by_length_;
  std::vector<std::uint32_t> from_;
  /// Release refs by index ("v2.16.0", ..., "master").
  std::vector<std::string_view> releases_;
};

/// The names of kKubesprayVariablesDocument, parsed once per Knowledge.
const KubesprayVariableNames& kubespray_variable_names(const Knowledge& k);

}  // namespace kubegate
