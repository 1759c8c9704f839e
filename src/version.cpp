#include "kubegate/version.hpp"

#include <charconv>

#include <fmt/format.h>

namespace kubegate {

std::strong_ordering Version::operator<=>(const Version& o) const {
  if (auto c = major <=> o.major; c != 0) return c;
  if (auto c = minor <=> o.minor; c != 0) return c;
  return patch <=> o.patch;
}

std::string Version::str() const { return fmt::format("{}.{}.{}", major, minor, patch); }

std::optional<Version> parse_version(std::string_view text) {
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  Version v;
  int* parts[] = {&v.major, &v.minor, &v.patch};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    auto [q, ec] = std::from_chars(p, end, *parts[i]);
    if (ec != std::errc() || q == p) {
      if (i < 2) return std::nullopt;  // at least MAJOR.MINOR
      break;
    }
    p = q;
    if (i < 2) {
      if (p == end || *p != '.') {
        if (i == 0) return std::nullopt;
        break;
      }
      ++p;
    }
  }
  v.suffix.assign(p, end);
  if (!v.suffix.empty() && v.suffix[0] != '-' && v.suffix[0] != '+') return std::nullopt;
  return v;
}

}  // namespace kubegate
