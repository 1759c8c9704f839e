// Small text helpers shared by the loaders and the knowledge tables.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace kubegate::text {

/// `s` in ASCII lower case.
inline std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return out;
}

/// `s` without the spaces and tabs around it.
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Levenshtein distance after `fold` maps each character (case, '_' for '-').
template <class Fold>
std::size_t edit_distance(std::string_view a, std::string_view b, Fold fold) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// The name in `names` nearest to `name` (at most a third of its length away, at least one edit),
/// for "did you mean"; empty when none is that near.
inline std::string nearest(std::string_view name, const std::vector<std::string>& names) {
  const std::size_t most = std::max<std::size_t>(1, name.size() / 3);
  std::string best;
  std::size_t best_distance = most + 1;
  for (const std::string& n : names) {
    const std::size_t d = edit_distance(name, n, [](char c) { return std::tolower(static_cast<unsigned char>(c)); });
    if (d < best_distance) best = n, best_distance = d;
  }
  return best;
}

}  // namespace kubegate::text
