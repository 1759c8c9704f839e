#include "lib/kubeup_values.hpp"

#include <cctype>

namespace kubegate {

bool kubeup_allows(const AllowedValues& allowed, std::string_view value) {
  for (const std::string& v : allowed.values)
    if (v == value) return true;
  for (const std::string& v : allowed.values_any_case) {
    if (v.size() != value.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < v.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(v[i])) == std::tolower(static_cast<unsigned char>(value[i]));
    if (same) return true;
  }
  return false;
}

}  // namespace kubegate
