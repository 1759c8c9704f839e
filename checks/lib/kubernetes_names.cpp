#include "lib/kubernetes_names.hpp"

#include <algorithm>
#include <cctype>

namespace kubegate {
namespace {

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

/// One label of a DNS-1123 name.
bool dns_label(std::string_view l) {
  if (l.empty() || l.size() > 63 || l.front() == '-' || l.back() == '-') return false;
  return std::all_of(l.begin(), l.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

bool is_dns1123_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  for (std::size_t pos = 0;;) {
    const std::size_t dot = s.find('.', pos);
    if (!dns_label(s.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos))) return false;
    if (dot == std::string_view::npos) return true;
    pos = dot + 1;
  }
}

bool is_label_value(std::string_view s, bool empty_ok) {
  if (s.empty()) return empty_ok;
  if (s.size() > 63 || !alnum(s.front()) || !alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_qualified_name(std::string_view key) {
  const std::size_t slash = key.find('/');
  if (slash == std::string_view::npos) return is_label_value(key, false);
  return key.find('/', slash + 1) == std::string_view::npos && is_dns1123_subdomain(key.substr(0, slash)) &&
         is_label_value(key.substr(slash + 1), false);
}

}  // namespace kubegate
