#include "lib/kubespray_variable_names.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace kubegate {

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1 || a == b) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() < b.size()) return a.substr(i) == b.substr(i + 1);  // b has one character more
  if (a.substr(i + 1) == b.substr(i + 1)) return true;             // one substitution
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

bool digit_replaced(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  const auto digit = [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; };
  return i < a.size() && digit(a[i]) && digit(b[i]) && a.substr(i + 1) == b.substr(i + 1);
}

namespace {

/// The number at the start of `s`, advancing past it; -1 when there is none.
int number(std::string_view& s) {
  int n = -1;
  while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
    n = (n < 0 ? 0 : n * 10) + (s.front() - '0');
    s.remove_prefix(1);
  }
  return n;
}

/// The next space-separated word of `line`, advancing past it.
std::string_view word(std::string_view& line) {
  const std::size_t end = std::min(line.find(' '), line.size());
  std::string_view w = line.substr(0, end);
  line.remove_prefix(std::min(end + 1, line.size()));
  return w;
}

NameKind kind_of(char w) {
  switch (w) {
    case 'i':
      return NameKind::internal;
    case 's':
      return NameKind::scalar;
    case 'l':
      return NameKind::list;
    case 'm':
      return NameKind::map;
    default:
      return NameKind::settable;
  }
}

KubesprayVariableNames build(const Knowledge& k) {
  return KubesprayVariableNames::parse(k.text(kKubesprayVariablesDocument));
}

}  // namespace

bool KnownName::in_release(int index) const {
  std::string_view s = releases;
  while (!s.empty()) {
    const int first = number(s);
    int last = first;
    if (!s.empty() && s.front() == '-') s.remove_prefix(1), last = number(s);
    if (first >= 0 && first <= index && index <= last) return true;
    if (s.empty() || s.front() != ',') return false;
    s.remove_prefix(1);
  }
  return false;
}

KubesprayVariableNames KubesprayVariableNames::parse(std::string_view text) {
  // Pointer walks and memchr: this runs on every run that has the check, so it is kept cheap.
  KubesprayVariableNames out;
  out.names_.reserve(text.size() / 24);
  constexpr std::string_view kRelease = "# release ";
  std::size_t longest = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!eol) eol = end;
    std::string_view line(p, static_cast<std::size_t>(eol - p));
    p = eol + 1;
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (line.size() > kRelease.size() && std::memcmp(line.data(), kRelease.data(), kRelease.size()) == 0) {
        line.remove_prefix(kRelease.size());
        std::string_view index = word(line);
        if (static_cast<std::size_t>(number(index)) == out.releases_.size()) out.releases_.push_back(word(line));
      }
      continue;
    }
    const char* space = static_cast<const char*>(std::memchr(line.data(), ' ', line.size()));
    if (!space) continue;
    KnownName& n = out.names_.emplace_back();
    n.name = std::string_view(line.data(), static_cast<std::size_t>(space - line.data()));
    const char* ranges = space + 1;
    const char* next = static_cast<const char*>(std::memchr(ranges, ' ', static_cast<std::size_t>(eol - ranges)));
    n.releases = std::string_view(ranges, static_cast<std::size_t>((next ? next : eol) - ranges));
    if (next && eol - next == 2) n.kind = kind_of(next[1]);
    if (n.name.size() > longest) longest = n.name.size();
  }
  bool sorted = true;
  for (std::size_t i = 1; i < out.names_.size() && sorted; ++i) sorted = out.names_[i - 1].name < out.names_[i].name;
  if (!sorted)
    std::sort(out.names_.begin(), out.names_.end(),
              [](const KnownName& a, const KnownName& b) { return a.name < b.name; });
  // A counting sort by length: near() compares with names one character shorter, as long, longer.
  out.from_.assign(longest + 2, 0);
  for (const KnownName& n : out.names_) ++out.from_[n.name.size() + 1];
  for (std::size_t len = 1; len < out.from_.size(); ++len) out.from_[len] += out.from_[len - 1];
  out.by_length_.resize(out.names_.size());
  std::vector<std::uint32_t> next(out.from_.begin(), out.from_.end() - 1);
  for (std::uint32_t i = 0; i < out.names_.size(); ++i) out.by_length_[next[out.names_[i].name.size()]++] = i;
  return out;
}

const KnownName* KubesprayVariableNames::find(std::string_view name) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), name,
                             [](const KnownName& n, std::string_view s) { return n.name < s; });
  return it != names_.end() && it->name == name ? &*it : nullptr;
}

std::vector<const KnownName*> KubesprayVariableNames::near(std::string_view name) const {
  std::vector<const KnownName*> out;
  if (from_.empty()) return out;
  const std::size_t lo = std::min(name.size() - std::min<std::size_t>(name.size(), 1), from_.size() - 1);
  const std::size_t hi = std::min(name.size() + 2, from_.size() - 1);
  for (std::uint32_t at = from_[lo]; at < from_[hi]; ++at) {
    const std::string_view other = names_[by_length_[at]].name;
    // One edit leaves one of the first two characters where it was, or swaps or shifts them.
    if (name.size() >= 2 && other.size() >= 2 && name[0] != other[0] && name[1] != other[1] && name[0] != other[1] &&
        name[1] != other[0])
      continue;
    if (one_edit_apart(name, other)) out.push_back(&names_[by_length_[at]]);
  }
  return out;
}

int KubesprayVariableNames::release_index(std::string_view version) const {
  for (std::size_t i = 0; i < releases_.size(); ++i) {
    std::string_view ref = releases_[i];
    if (ref == version || (ref.size() == version.size() + 1 && ref.front() == 'v' && ref.substr(1) == version))
      return static_cast<int>(i);
  }
  return -1;
}

const KubesprayVariableNames& kubespray_variable_names(const Knowledge& k) { return k.cached(&build); }

}  // namespace kubegate
