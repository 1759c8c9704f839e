// The one secrets policy (schemas/secrets.json): loaders pass every value they read through it,
// so that a secret is never kept in the model, quoted from the source text or printed.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// What is secret, as data.
struct SecretPolicy {
  std::set<std::string, std::less<>> words;
  std::set<std::pair<std::string, std::string>> pairs;
  std::set<std::string, std::less<>> last_words;
  std::set<std::string, std::less<>> not_secret_last_words;
  std::string pem_marker;

  /// True when a variable or key called `name` holds a secret.
  bool secret_name(std::string_view name) const;
  /// True when a value below a secret name, in an entry called `name`, is not secret (a user name).
  bool exempt_name(std::string_view name) const;
};

/// The policy of `k` (schemas/secrets.json), read once.
const SecretPolicy& secret_policy(const Knowledge& k);

/// Hides every secret in `v`, the value of `name`: the value becomes Value::Kind::secret (its text
/// a fingerprint, so that two secrets can still be compared), a URL keeps its user but not its
/// password, and the source text is overwritten where it was written.
void hide_secrets(SourceManager& sources, const SecretPolicy& policy, std::string_view name, Value& v);

/// hide_secrets on every definition of `table`.
void hide_secrets(SourceManager& sources, const SecretPolicy& policy, DefinitionTable& table);

}  // namespace kubegate
