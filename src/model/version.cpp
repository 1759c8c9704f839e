#include "kubegate/version.hpp"

#include <algorithm>
#include <cctype>
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

std::string KubeMinor::str() const { return fmt::format("{}.{}", major, minor); }

bool KubeVersion::is_release() const { return patch.has_value() && pre_release.empty() && !dirty(); }

bool KubeVersion::untagged_build() const {
  return !pre_release.empty() &&
         std::all_of(pre_release.begin(), pre_release.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool KubeVersion::dirty() const { return build.find("dirty") != std::string::npos; }

std::optional<KubeVersion> parse_kube_version(std::string_view text) {
  // ^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$, by hand: std::regex
  // costs milliseconds to build, more than the rest of a small lint.
  auto number = [&](std::size_t& i) -> std::optional<int> {
    std::size_t b = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == b || i - b > 9) return std::nullopt;
    return std::stoi(std::string(text.substr(b, i - b)));
  };
  auto ident = [&](std::size_t& i) -> std::optional<std::string> {
    std::size_t b = i;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '.' || text[i] == '-'))
      ++i;
    if (i == b) return std::nullopt;
    return std::string(text.substr(b, i - b));
  };
  KubeVersion v;
  std::size_t i = !text.empty() && text[0] == 'v' ? 1 : 0;
  auto major = number(i);
  if (!major || i >= text.size() || text[i] != '.') return std::nullopt;
  ++i;
  auto minor = number(i);
  if (!minor) return std::nullopt;
  v.major = *major;
  v.minor = *minor;
  if (i < text.size() && text[i] == '.') {
    ++i;
    auto patch = number(i);
    if (!patch) return std::nullopt;
    v.patch = *patch;
  }
  if (i < text.size() && text[i] == '-') {
    ++i;
    // The pre-release may itself hold '-', so it runs to the build metadata's '+'.
    std::size_t plus = text.find('+', i);
    std::size_t end = plus == std::string_view::npos ? text.size() : plus;
    std::size_t j = i;
    auto pre = ident(j);
    if (!pre || j != end) return std::nullopt;
    v.pre_release = *pre;
    i = end;
  }
  if (i < text.size() && text[i] == '+') {
    ++i;
    auto build = ident(i);
    if (!build) return std::nullopt;
    v.build = *build;
  }
  if (i != text.size()) return std::nullopt;
  return v;
}

}  // namespace kubegate
