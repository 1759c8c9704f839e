#include "load/ansible/inventory.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "load/common/limits.hpp"
#include "load/common/yaml.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace kubegate {

AnsibleGroup& AnsibleInventory::group(const std::string& name, SourceLoc loc) {
  auto [it, inserted] = groups.try_emplace(name);
  if (inserted) {
    it->second.name = name;
    it->second.loc = loc;
  } else if (!it->second.loc.known()) {
    it->second.loc = loc;
  }
  return it->second;
}

namespace {

std::uint32_t name_hash(std::string_view name) {
  const std::size_t h = std::hash<std::string_view>{}(name);
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

}  // namespace

std::optional<std::uint32_t> HostIndex::find(std::string_view name, const std::vector<AnsibleHost>& hosts) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint32_t hash = name_hash(name);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return std::nullopt;
    const auto index = static_cast<std::uint32_t>(slot) - 1;
    if (slot >> 32 == hash && hosts[index].name == name) return index;
  }
}

void HostIndex::insert(std::string_view name, std::uint32_t index) {
  if ((size_ + 1) * 2 > slots_.size()) grow(std::max<std::size_t>(16, slots_.size() * 2));
  place(std::uint64_t{name_hash(name)} << 32 | (std::uint64_t{index} + 1));
  ++size_;
}

void HostIndex::reserve(std::size_t n) {
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  if (capacity > slots_.size()) grow(capacity);
}

void HostIndex::place(std::uint64_t slot) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = (slot >> 32) & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = slot;
}

void HostIndex::grow(std::size_t capacity) {
  const std::vector<std::uint64_t> old = std::exchange(slots_, std::vector<std::uint64_t>(capacity));
  for (std::uint64_t slot : old)
    if (slot != 0) place(slot);
}

std::uint32_t AnsibleInventory::host(const std::string& name, SourceLoc loc) {
  if (const auto found = host_index.find(name, hosts)) return *found;
  const auto index = static_cast<std::uint32_t>(hosts.size());
  AnsibleHost h;
  h.name = name;
  h.loc = loc;
  h.inline_vars = new_table(Layer::inventory_host, name);
  hosts.push_back(std::move(h));
  host_index.insert(name, index);
  return index;
}

void AnsibleInventory::add_member(AnsibleGroup& g, std::uint32_t host) {
  if (g.hosts.empty() || host > g.highest) {
    g.highest = host;
    if (!g.host_set.empty()) g.host_set.insert(host);
  } else {
    if (g.host_set.empty()) g.host_set.insert(g.hosts.begin(), g.hosts.end());
    if (!g.host_set.insert(host).second) return;
  }
  g.hosts.push_back(host);
}

DefinitionTable* AnsibleInventory::new_table(Layer layer, std::string owner) {
  auto t = std::make_unique<DefinitionTable>();
  t->layer = layer;
  t->owner = std::move(owner);
  tables.push_back(std::move(t));
  return tables.back().get();
}

namespace {

/// The values of one bracket of a host pattern ("01:03", "a:c", "1:9:2"); nullopt when it is no
/// range (the bracket then stays literal text, as in Ansible). A numeric range of more than
/// `budget` values, or with bounds past int64, sets `too_many`.
std::optional<std::vector<std::string>> range_values(const std::string& range, std::size_t budget, bool& too_many) {
  std::vector<std::string> parts;
  std::stringstream ss(range);
  for (std::string p; std::getline(ss, p, ':');) parts.push_back(p);
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || parts[1].empty()) return std::nullopt;
  const auto digits = [](const std::string& t) { return std::all_of(t.begin(), t.end(), ::isdigit); };
  // A bound or step of digits only; past int64 it is too many hosts (or a step past every host).
  const auto number = [](const std::string& t, bool& overflow) {
    long long n = 0;
    overflow = std::from_chars(t.data(), t.data() + t.size(), n).ec == std::errc::result_out_of_range;
    return n;
  };
  long long step = 1;
  if (parts.size() == 3) {
    bool overflow = false;
    if (!digits(parts[2])) return std::nullopt;
    step = number(parts[2], overflow);
    if (overflow) step = std::numeric_limits<long long>::max();
    if (step <= 0) return std::nullopt;
  }
  std::vector<std::string> out;
  if (digits(parts[0]) && digits(parts[1])) {
    bool over_b = false, over_e = false;
    const long long b = number(parts[0], over_b), e = number(parts[1], over_e);
    if (over_b || over_e) {
      too_many = true;
      return std::nullopt;
    }
    if (e < b) return std::nullopt;
    if (static_cast<unsigned long long>((e - b) / step) >= budget) {
      too_many = true;
      return std::nullopt;
    }
    const std::size_t width = parts[0].size();
    for (long long i = b; i <= e; i += step) {
      std::string n = std::to_string(i);
      if (n.size() < width) n.insert(0, width - n.size(), '0');
      out.push_back(std::move(n));
      if (e - i < step) break;
    }
    return out;
  }
  if (parts[0].size() == 1 && parts[1].size() == 1 && std::isalpha(static_cast<unsigned char>(parts[0][0])) &&
      std::isalpha(static_cast<unsigned char>(parts[1][0])) && parts[0][0] <= parts[1][0]) {
    for (long long c = parts[0][0]; c <= parts[1][0]; c += step) out.emplace_back(1, static_cast<char>(c));
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<std::string>> expand_host_pattern(const std::string& pattern, std::size_t& budget) {
  // The pattern as a row of segments, each a list of choices; a name takes one choice of each.
  std::vector<std::vector<std::string>> segments;
  std::size_t total = 1;
  for (std::size_t pos = 0;;) {
    const auto open = pattern.find('[', pos);
    const auto close = open == std::string::npos ? std::string::npos : pattern.find(']', open);
    bool too_many = false;
    auto values = close == std::string::npos
                      ? std::nullopt
                      : range_values(pattern.substr(open + 1, close - open - 1), budget / total + 1, too_many);
    if (too_many) return std::nullopt;
    if (!values) {
      segments.push_back({pattern.substr(pos)});
      break;
    }
    segments.push_back({pattern.substr(pos, open - pos)});
    if (__builtin_mul_overflow(total, values->size(), &total) || total > budget) return std::nullopt;
    segments.push_back(std::move(*values));
    pos = close + 1;
  }
  budget -= total;
  std::vector<std::string> out;
  out.reserve(total);
  std::vector<std::size_t> pick(segments.size(), 0);  // an odometer, the last segment turning fastest
  for (;;) {
    std::string name;
    for (std::size_t i = 0; i < segments.size(); ++i) name += segments[i][pick[i]];
    out.push_back(std::move(name));
    std::size_t i = segments.size();
    while (i > 0 && ++pick[i - 1] == segments[i - 1].size()) pick[--i] = 0;
    if (i == 0) break;
  }
  return out;
}

std::vector<std::string> expand_host_pattern(const std::string& pattern) {
  std::size_t budget = limits::kHostsPerFile;
  return expand_host_pattern(pattern, budget).value_or(std::vector<std::string>{});
}

namespace {

/// A shell-like word of an INI host line, with the column where it starts.
struct Token {
  std::string text;
  std::uint32_t column;
  /// Column of the value part (after '='), for key=value tokens.
  std::uint32_t value_column = 0;
  bool value_quoted = false;
};

/// Splits like Python's shlex.split(line, comments=True), which Ansible's INI plugin uses.
bool shlex_split(std::string_view line, std::vector<Token>& out, std::string& error) {
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i >= line.size() || line[i] == '#') break;
    Token t;
    t.column = static_cast<std::uint32_t>(i + 1);
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) {
      char c = line[i];
      if (c == '#') return true;  // shlex treats '#' as a comment start even inside a word
      if (c == '=' && !t.value_column) t.value_column = static_cast<std::uint32_t>(i + 2);
      if (c == '\'' || c == '"') {
        if (t.value_column == i + 1) t.value_quoted = true;
        char q = c;
        ++i;
        while (i < line.size() && line[i] != q) {
          if (q == '"' && line[i] == '\\' && i + 1 < line.size() &&
              (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$' || line[i + 1] == '`'))
            ++i;
          t.text += line[i++];
        }
        if (i >= line.size()) {
          error = "no closing quotation";
          return false;
        }
        ++i;
        continue;
      }
      if (c == '\\' && i + 1 < line.size()) ++i;
      t.text += line[i++];
    }
    out.push_back(std::move(t));
    if (!out.back().text.empty() && out.back().text[0] == '#') out.pop_back();
  }
  if (!out.empty() && out.back().text.empty()) out.pop_back();
  return true;
}

/// Reads a Python literal as ast.literal_eval does, for the subset INI inventories use: lists,
/// tuples, dicts with string keys, quoted strings, integers, True, False, None. `ok` turns false on
/// anything else (sets, floats, prefixed or concatenated strings, expressions).
class PythonLiteral {
 public:
  PythonLiteral(std::string_view text, SourceLoc loc) : text_(text), loc_(loc) {}

  /// The whole text as one literal; nullopt when it is not one.
  std::optional<Value> parse() {
    Value v = value(0);
    skip();
    if (!ok_ || pos_ != text_.size()) return std::nullopt;
    return v;
  }

 private:
  /// The position of offset `at` in the file (INI values are on one line).
  SourceLoc at(std::size_t offset) const {
    SourceLoc l = loc_;
    if (l.known()) l.column += static_cast<std::uint32_t>(offset);
    return l;
  }
  void skip() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool eat(char c) {
    skip();
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  Value fail() {
    ok_ = false;
    return Value{};
  }
  /// Items up to `close`, a trailing comma allowed.
  template <class Item>
  void sequence(char close, Item item) {
    while (ok_ && !eat(close)) {
      item();
      if (!ok_ || eat(close)) return;
      if (!eat(',')) return void(fail());
    }
  }
  Value value(int depth) {
    skip();
    if (depth > 64 || pos_ >= text_.size()) return fail();
    const std::size_t start = pos_;
    const char c = text_[pos_];
    if (c == '[' || c == '(') {
      ++pos_;
      Value v;
      v.kind = Value::Kind::list;
      v.loc = at(start);
      sequence(c == '[' ? ']' : ')', [&] { v.items.push_back(value(depth + 1)); });
      return v;
    }
    if (c == '{') {
      ++pos_;
      Value v;
      v.kind = Value::Kind::map;
      v.loc = at(start);
      sequence('}', [&] {
        Value key = value(depth + 1);
        if (!ok_ || !key.is_string() || !eat(':')) return void(fail());
        v.entries.push_back({key.text, key.loc, value(depth + 1)});
      });
      return v;
    }
    if (c == '\'' || c == '"') return string(c);
    std::size_t end = pos_;
    while (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_' ||
                                  (end == pos_ && (text_[end] == '-' || text_[end] == '+'))))
      ++end;
    const std::string word(text_.substr(pos_, end - pos_));
    pos_ = end;
    if (word == "True" || word == "False") return Value::make_bool(word == "True", at(start));
    if (word == "None") {
      Value v;
      v.loc = at(start);
      return v;
    }
    const bool sign = !word.empty() && (word[0] == '-' || word[0] == '+');
    const std::string digits = sign ? word.substr(1) : word;  // a letter first ("a5") is no number
    if (digits.empty() || digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), ::isdigit) ||
        (digits.size() > 1 && digits[0] == '0'))
      return fail();
    std::int64_t number = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), number);
    Value v = Value::make_int(word[0] == '-' ? -number : number, at(start));
    v.text = word;
    return v;
  }
  Value string(char quote) {
    const std::size_t start = pos_++;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      char ch = text_[pos_++];
      if (ch == '\\') {
        if (pos_ >= text_.size()) return fail();
        const char e = text_[pos_++];
        switch (e) {
          case '\\':
          case '\'':
          case '"':
            ch = e;
            break;
          case 'n':
            ch = '\n';
            break;
          case 't':
            ch = '\t';
            break;
          default:
            return fail();  // \x, \u, octal...: not worth reading
        }
      }
      out += ch;
    }
    if (pos_ >= text_.size()) return fail();
    ++pos_;
    return Value::make_string(std::move(out), at(start), true);
  }

  std::string_view text_;
  SourceLoc loc_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

/// Types an INI value as Ansible does (Python's ast.literal_eval, else the text itself).
Value ini_value(const std::string& text, SourceLoc loc, bool quoted) {
  // A quoted host-line value reaches literal_eval without its quotes: "['a', 'b']" is a list.
  if (quoted && !text.empty() && (text[0] == '[' || text[0] == '{' || text[0] == '('))
    if (std::optional<Value> v = PythonLiteral(text, {}).parse()) return *v;
  if (quoted) return Value::make_string(text, loc, true);
  if (text == "True") return Value::make_bool(true, loc);
  if (text == "False") return Value::make_bool(false, loc);
  if (text == "None") {
    Value v;
    v.loc = loc;
    return v;
  }
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front())
    return Value::make_string(text.substr(1, text.size() - 2), loc, true);
  std::string digits = text;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.erase(0, 1);
  bool is_int = !digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit) &&
                (digits.size() == 1 || digits[0] != '0') && digits.size() < 19;
  if (is_int) {
    Value v = Value::make_int(std::stoll(text), loc);
    v.text = text;
    return v;
  }
  if (!text.empty() && (text[0] == '[' || text[0] == '{' || text[0] == '('))
    if (std::optional<Value> v = PythonLiteral(text, loc).parse()) return *v;
  if (!text.empty() && (text[0] == '[' || text[0] == '{')) {  // a literal kubegate does not read: never judged
    Value v = yaml11_scalar(text, loc);
    v.kind = Value::Kind::unknown;
    return v;
  }
  return Value::make_string(text, loc);
}

void define(DefinitionTable* table, std::string name, Value value, SourceLoc loc) {
  Definition d;
  d.name = name;
  d.value = std::move(value);
  d.loc = loc;
  d.layer = table->layer;
  d.owner = table->owner;
  table->vars.insert_or_assign(std::move(name), std::move(d));
}

DefinitionTable* group_inline_table(AnsibleInventory& inv, AnsibleGroup& g) {
  if (!g.inline_vars)
    g.inline_vars = inv.new_table(g.name == "all" ? Layer::inventory_all : Layer::inventory_group, g.name);
  return g.inline_vars;
}

bool parse_ini(SourceManager& sources, std::uint32_t file, AnsibleInventory& inv, std::vector<LoadError>& errors) {
  const std::string& path = sources.path(file);
  std::string_view text = sources.text(file);
  enum class Kind { hosts, vars, children } kind = Kind::hosts;
  std::string section = "ungrouped";
  inv.group("all", {file, 1, 1});
  inv.group("ungrouped", {file, 1, 1});
  bool ok = true;
  std::uint32_t lineno = 0;
  std::size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a UTF-8 byte order mark, as Python's utf-8-sig
  std::size_t host_budget = limits::kHostsPerFile;
  // A line declares one host at most, host ranges aside: neither the index nor the hosts grow by copies.
  const auto lines =
      std::min(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')), limits::kHostsPerFile);
  inv.host_index.reserve(inv.host_index.size() + lines);
  inv.hosts.reserve(inv.hosts.size() + lines);
  while (ok && pos <= text.size()) {  // like Ansible's ini plugin, stop at the first error
    std::size_t nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++lineno;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::size_t indent = raw.find_first_not_of(" \t");
    if (indent == std::string_view::npos) continue;
    std::string_view line = raw.substr(indent);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
    if (line[0] == '#' || line[0] == ';') continue;
    auto col = static_cast<std::uint32_t>(indent + 1);
    SourceLoc at{file, lineno, col};
    auto fail = [&](std::string message) {
      errors.push_back({path, lineno, col, std::move(message)});
      ok = false;
    };
    if (line[0] == '[' && line.back() == ']') {
      std::string name(line.substr(1, line.size() - 2));
      kind = Kind::hosts;
      auto colon = name.find(':');
      if (colon != std::string::npos) {
        std::string suffix = name.substr(colon + 1);
        name = name.substr(0, colon);
        if (suffix == "vars") {
          kind = Kind::vars;
        } else if (suffix == "children") {
          kind = Kind::children;
        } else {
          fail(fmt::format("invalid section \"[{}]\": expected [group], [group:vars] or [group:children]",
                           line.substr(1, line.size() - 2)));
          kind = Kind::vars;
          section.clear();
          continue;
        }
      }
      if (name.empty() || name.find_first_of(" \t") != std::string::npos) {
        fail(fmt::format("invalid group name \"{}\"", name));
        section.clear();
        continue;
      }
      section = name;
      inv.group(name, {file, lineno, static_cast<std::uint32_t>(col + 1)});
      continue;
    }
    if (section.empty()) continue;  // inside a section we already reported
    AnsibleGroup& g = inv.group(section, at);
    if (kind == Kind::vars) {
      auto eq = line.find('=');
      if (eq == std::string_view::npos) {
        fail(fmt::format("expected key=value in [{}:vars], got \"{}\"", section, line));
        continue;
      }
      std::string key(line.substr(0, eq));
      while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
      std::string_view v = line.substr(eq + 1);
      std::size_t vstart = v.find_first_not_of(" \t");
      v = vstart == std::string_view::npos ? std::string_view() : v.substr(vstart);
      SourceLoc vloc{file, lineno, static_cast<std::uint32_t>(col + eq + 1 + (vstart == std::string_view::npos ? 0 : vstart))};
      define(group_inline_table(inv, g), key, ini_value(std::string(v), vloc, false), at);
      continue;
    }
    std::vector<Token> tokens;
    std::string err;
    if (!shlex_split(line, tokens, err)) {
      fail(fmt::format("cannot split this line: {}", err));
      continue;
    }
    if (tokens.empty()) continue;
    for (Token& t : tokens) t.column += col - 1, t.value_column += t.value_column ? col - 1 : 0;
    if (kind == Kind::children) {
      AnsibleGroup& child = inv.group(tokens[0].text, {file, lineno, tokens[0].column});
      (void)child;
      AnsibleGroup& parent = inv.group(section, at);
      if (inv.child_locs.try_emplace({section, tokens[0].text}, SourceLoc{file, lineno, tokens[0].column}).second)
        parent.children.push_back(tokens[0].text);
      continue;
    }
    std::string pattern = tokens[0].text;
    // host:port (but not an IPv6 address)
    if (auto c = pattern.rfind(':'); c != std::string::npos && pattern.find(':') == c && c + 1 < pattern.size() &&
                                     std::all_of(pattern.begin() + static_cast<long>(c) + 1, pattern.end(), ::isdigit))
      pattern.resize(c);
    std::vector<std::pair<std::string, Value>> vars;
    std::vector<SourceLoc> var_locs;
    bool bad = false;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
      auto eq = tokens[i].text.find('=');
      if (eq == std::string::npos) {
        errors.push_back({path, lineno, tokens[i].column,
                          fmt::format("expected key=value host variable, got \"{}\"", tokens[i].text)});
        ok = false;
        bad = true;
        break;
      }
      SourceLoc vloc{file, lineno, tokens[i].value_column};
      vars.emplace_back(tokens[i].text.substr(0, eq),
                        ini_value(tokens[i].text.substr(eq + 1), vloc, tokens[i].value_quoted));
      var_locs.push_back({file, lineno, tokens[i].column});
    }
    if (bad) continue;
    auto names = expand_host_pattern(pattern, host_budget);
    if (!names) {
      errors.push_back({path, lineno, tokens[0].column,
                        fmt::format("\"{}\" takes this file past {} hosts (kubegate's limit on hosts per file)",
                                    pattern, limits::kHostsPerFile)});
      ok = false;
      continue;
    }
    for (const std::string& name : *names) {
      const std::uint32_t h = inv.host(name, {file, lineno, tokens[0].column});
      inv.add_member(g, h);
      for (std::size_t i = 0; i < vars.size(); ++i)
        define(inv.hosts[h].inline_vars, vars[i].first, vars[i].second, var_locs[i]);
    }
  }
  return ok;
}

bool parse_yaml_group(AnsibleInventory& inv, const std::string& path, const std::string& name, SourceLoc loc,
                      const Value& data, std::vector<LoadError>& errors, int depth, std::size_t& host_budget) {
  AnsibleGroup& g = inv.group(name, loc);
  if (depth > limits::kGroupDepth) {  // YAML nesting is bounded too; this keeps the recursion bounded on its own
    errors.push_back({path, loc.line, loc.column,
                      fmt::format("groups nested deeper than {} levels (kubegate's limit)", limits::kGroupDepth)});
    return false;
  }
  if (data.kind == Value::Kind::null) return true;
  if (data.kind != Value::Kind::map) {
    errors.push_back({path, data.loc.line, data.loc.column,
                      fmt::format("group \"{}\" must be a mapping of hosts, vars and children", name)});
    return false;
  }
  bool ok = true;
  for (const MapEntry& e : data.entries) {
    if (e.key == "vars") {
      if (e.value.kind == Value::Kind::null) continue;
      if (e.value.kind != Value::Kind::map) {
        errors.push_back({path, e.value.loc.line, e.value.loc.column,
                          fmt::format("'vars' of group \"{}\" must be a mapping", name)});
        ok = false;
        continue;
      }
      DefinitionTable* t = group_inline_table(inv, inv.groups[name]);
      for (const MapEntry& v : e.value.entries) define(t, v.key, v.value, v.key_loc);
    } else if (e.key == "children") {
      if (e.value.kind == Value::Kind::null) continue;
      if (e.value.kind != Value::Kind::map) {
        errors.push_back({path, e.value.loc.line, e.value.loc.column,
                          fmt::format("'children' of group \"{}\" must be a mapping of groups", name)});
        ok = false;
        continue;
      }
      for (const MapEntry& c : e.value.entries) {
        ok = parse_yaml_group(inv, path, c.key, c.key_loc, c.value, errors, depth + 1, host_budget) && ok;
        if (inv.child_locs.try_emplace({name, c.key}, c.key_loc).second) inv.groups[name].children.push_back(c.key);
      }
    } else if (e.key == "hosts") {
      if (e.value.kind == Value::Kind::null) continue;
      if (e.value.kind != Value::Kind::map) {
        errors.push_back({path, e.value.loc.line, e.value.loc.column,
                          fmt::format("'hosts' of group \"{}\" must be a mapping of host names", name)});
        ok = false;
        continue;
      }
      for (const MapEntry& h : e.value.entries) {
        if (h.value.kind != Value::Kind::null && h.value.kind != Value::Kind::map) {
          errors.push_back({path, h.value.loc.line, h.value.loc.column,
                            fmt::format("variables of host \"{}\" must be a mapping", h.key)});
          ok = false;
          continue;
        }
        auto names = expand_host_pattern(h.key, host_budget);
        if (!names) {
          errors.push_back({path, h.key_loc.line, h.key_loc.column,
                            fmt::format("\"{}\" takes this file past {} hosts (kubegate's limit on hosts per file)",
                                        h.key, limits::kHostsPerFile)});
          return false;
        }
        for (const std::string& hn : *names) {
          const std::uint32_t host = inv.host(hn, h.key_loc);
          inv.add_member(inv.groups[name], host);
          for (const MapEntry& v : h.value.entries) define(inv.hosts[host].inline_vars, v.key, v.value, v.key_loc);
        }
      }
    }
    // Ansible skips any other key with a warning; so do we.
  }
  (void)g;
  return ok;
}

bool parse_yaml_inventory(SourceManager& sources, std::uint32_t file, AnsibleInventory& inv,
                          std::vector<LoadError>& errors) {
  const std::string& path = sources.path(file);
  Value doc;
  if (!parse_yaml(sources, file, doc, errors)) return false;
  inv.group("all", {file, 1, 1});
  inv.group("ungrouped", {file, 1, 1});
  if (doc.kind == Value::Kind::null) return true;
  if (const Value* plugin = doc.kind == Value::Kind::map ? doc.find("plugin") : nullptr; plugin && plugin->is_string()) {
    inv.plugin = plugin->text;  // hosts known only when Ansible runs the plugin
    return true;
  }
  bool group_like = doc.kind == Value::Kind::map;
  if (group_like)
    for (const MapEntry& e : doc.entries) group_like = group_like && (e.value.is_null() || e.value.kind == Value::Kind::map);
  if (!group_like) {
    errors.push_back({path, doc.loc.line, doc.loc.column,
                      "not an Ansible inventory: the top level must map group names (such as \"all\") to "
                      "hosts, vars and children"});
    return false;
  }
  bool ok = true;
  std::size_t host_budget = limits::kHostsPerFile;
  for (const MapEntry& e : doc.entries)
    ok = parse_yaml_group(inv, path, e.key, e.key_loc, e.value, errors, 0, host_budget) && ok;
  return ok;
}

bool is_yaml_name(const std::string& name) {
  auto ext = fs::path(name).extension().string();
  return ext == ".yml" || ext == ".yaml" || ext == ".json";
}

/// Loads one vars file into `table`; later files override earlier ones.
bool load_vars_file(SourceManager& sources, const std::string& path, DefinitionTable* table,
                    std::vector<DuplicateKey>* duplicates, std::vector<LoadError>& errors) {
  std::string text;
  if (!read_file(path, text)) {
    errors.push_back({path, 0, 0, read_failure(path)});
    return false;
  }
  if (text.rfind("$ANSIBLE_VAULT", 0) == 0) return true;  // an encrypted file: nothing to read
  std::uint32_t file = sources.add(path, std::move(text));
  Value doc;
  if (!parse_yaml(sources, file, doc, errors, duplicates)) return false;
  if (doc.kind == Value::Kind::null) return true;
  if (doc.kind != Value::Kind::map) {
    errors.push_back({path, doc.loc.line, doc.loc.column, "a variables file must be a mapping of names to values"});
    return false;
  }
  for (const MapEntry& e : doc.entries) define(table, e.key, e.value, e.key_loc);
  return true;
}

/// Collects the files Ansible reads for one entity under group_vars/ or host_vars/.
void vars_files_for(const fs::path& base, const std::string& name, std::vector<std::string>& out,
                    std::vector<LoadError>& errors) {
  std::error_code ec;
  for (const char* ext : {"", ".yml", ".yaml", ".json"}) {
    fs::path p = base / (name + ext);
    if (fs::is_regular_file(p, ec)) {
      out.push_back(p.string());
    } else if (*ext == '\0' && fs::is_directory(p, ec)) {
      std::set<fs::path> seen;
      std::vector<fs::path> stack = {p};
      std::vector<std::string> found;
      while (!stack.empty()) {
        fs::path dir = stack.back();
        stack.pop_back();
        fs::path canon = fs::weakly_canonical(dir, ec);
        if (!inside_roots(dir)) {
          errors.push_back({dir.string(), 0, 0,
                            fmt::format("a link to the folder {}, outside the linted tree: not read", canon.string())});
          continue;
        }
        if (!seen.insert(canon).second) {
          errors.push_back({dir.string(), 0, 0, "symbolic link loop: this folder was already read"});
          continue;
        }
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
          std::string fname = it->path().filename().string();
          if (fname.empty() || fname[0] == '.' || fname.back() == '~') continue;
          if (it->is_directory(ec)) {
            stack.push_back(it->path());
          } else if (is_yaml_name(fname) || fname.find('.') == std::string::npos) {
            found.push_back(it->path().string());
          }
        }
        if (ec) errors.push_back({dir.string(), 0, 0, fmt::format("cannot read this folder: {}", ec.message())});
        ec.clear();
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    }
  }
}

/// Ansible refuses a group that is its own descendant; so does kubegate (naming the cycle), and it
/// bounds the depth of the tree. Either error drops the edges at fault, so what follows stays bounded.
bool check_group_tree(AnsibleInventory& inv, const std::string& path, std::vector<LoadError>& errors) {
  bool ok = true;
  const auto edge_loc = [&](const std::string& parent, const std::string& child) {
    auto it = inv.child_locs.find({parent, child});
    return it != inv.child_locs.end() ? it->second : inv.groups[child].loc;
  };
  enum class Mark : std::uint8_t { white, grey, black };
  std::map<std::string, Mark> mark;
  for (auto& [root, unused] : inv.groups) {
    if (mark[root] != Mark::white) continue;
    std::vector<std::pair<std::string, std::size_t>> stack = {{root, 0}};  // a group and its next child
    mark[root] = Mark::grey;
    while (!stack.empty()) {
      auto& [name, next] = stack.back();
      auto& children = inv.groups[name].children;
      if (next == children.size()) {
        mark[name] = Mark::black;
        stack.pop_back();
        continue;
      }
      const std::string child = children[next];
      Mark& m = mark[child];
      if (m == Mark::grey) {  // a back edge: the cycle is the stack from `child` on
        std::string cycle;
        bool in = false;
        for (const auto& frame : stack) {
          in = in || frame.first == child;
          if (in) cycle += frame.first + " -> ";
        }
        const SourceLoc at = edge_loc(name, child);
        errors.push_back({path, at.line, at.column,
                          fmt::format("group cycle: {}{} (a group cannot be its own descendant)", cycle, child)});
        ok = false;
        children.erase(children.begin() + static_cast<long>(next));
        continue;
      }
      ++next;
      if (m == Mark::white && inv.groups.count(child)) {
        m = Mark::grey;
        stack.push_back({child, 0});
      }
    }
  }
  // The depth of each group (longest path from a root), in topological order.
  std::map<std::string, int> indegree, depth;
  for (const auto& [name, g] : inv.groups)
    for (const std::string& c : g.children) ++indegree[c];
  std::vector<std::string> ready;
  for (const auto& [name, g] : inv.groups)
    if (!indegree[name]) ready.push_back(name);
  bool reported = false;
  while (!ready.empty()) {
    const std::string name = ready.back();
    ready.pop_back();
    auto& children = inv.groups[name].children;
    for (const std::string& c : children) {  // depths go on through a cut, so that everything deeper is cut too
      depth[c] = std::max(depth[c], depth[name] + 1);
      if (--indegree[c] == 0) ready.push_back(c);
    }
    if (depth[name] >= limits::kGroupDepth && !children.empty()) {
      if (!reported) {
        const SourceLoc at = edge_loc(name, children.front());
        errors.push_back(
            {path, at.line, at.column,
             fmt::format("groups nested deeper than {} levels (kubegate's limit): \"{}\" is a child of \"{}\" "
                         "at depth {}",
                         limits::kGroupDepth, children.front(), name, depth[name] + 1)});
        reported = true;
        ok = false;
      }
      children.clear();
    }
  }
  if (reported) {  // the inventory is refused: the groups past the limit are dropped, so nothing after reads them
    for (const auto& [name, d] : depth)
      if (d > limits::kGroupDepth) inv.groups.erase(name);
    for (auto& [name, g] : inv.groups)
      g.children.erase(std::remove_if(g.children.begin(), g.children.end(),
                                      [&](const std::string& c) { return !inv.groups.count(c); }),
                       g.children.end());
  }
  return ok;
}

}  // namespace

bool looks_like_hosts_file(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  std::string ext = fs::path(path).extension().string();
  if (ext == ".ini" || name == "hosts" || name == "inventory") return true;
  if (ext != ".yml" && ext != ".yaml") return false;
  std::string stem = fs::path(path).stem().string();
  if (stem == "hosts" || stem == "inventory") return true;
  std::string text;
  if (!read_file(path, text)) return false;
  // A YAML inventory names groups at the top level, each holding hosts:, children: or vars:; an
  // inventory plugin configuration names its plugin.
  const auto top_level = [&](std::string_view key) {
    return text.rfind(key, 0) == 0 || text.find("\n" + std::string(key)) != std::string::npos;
  };
  return (top_level("all:") &&
          (text.find("hosts:") != std::string::npos || text.find("children:") != std::string::npos)) ||
         top_level("plugin: ");
}

bool load_hosts_file(SourceManager& sources, const std::string& path, AnsibleInventory& inv,
                     std::vector<LoadError>& errors) {
  std::string text;
  if (!read_file(path, text)) {
    errors.push_back({path, 0, 0, read_failure(path)});
    return false;
  }
  if (text.find('\0') != std::string::npos) {
    errors.push_back({path, 1, 1, "not an Ansible inventory: binary content"});
    return false;
  }
  inv.hosts_file = path;
  // "${var}" (Terraform templatefile, envsubst) or "%{ for }": the file is a template; its
  // syntax errors are the template's, not Ansible's.
  std::vector<LoadError> template_errors;
  for (const char* open : {"${", "%{"})
    if (auto at = text.find(open); inv.placeholder.empty() && at != std::string::npos)
      inv.placeholder = text.substr(at, std::min(text.find('}', at), text.find('\n', at)) - at + 1);
  std::vector<LoadError>& parse_errors = inv.placeholder.empty() ? errors : template_errors;
  std::uint32_t file = sources.add(path, std::move(text));
  inv.file = file;
  // Like ansible-core's plugin order: a YAML file goes to the yaml plugin, then (when that plugin
  // refuses it) to ini, as INI text in a hosts.yaml is read; anything else to ini only.
  std::string ext = fs::path(path).extension().string();
  bool ok = false;
  if (ext == ".yml" || ext == ".yaml" || ext == ".json") {
    std::vector<LoadError> yaml_errors;
    ok = parse_yaml_inventory(sources, file, inv, yaml_errors);
    // Starts over on the same file, keeping what was set before any parsing.
    const auto restart = [&, placeholder = inv.placeholder, keep = inv.keep_last_duplicate] {
      inv = AnsibleInventory{};
      inv.hosts_file = path;
      inv.file = file;
      inv.placeholder = placeholder;
      inv.keep_last_duplicate = keep;
    };
    if (!ok) {
      restart();
      std::vector<LoadError> ini_errors;
      ok = parse_ini(sources, file, inv, ini_errors) && (!inv.hosts.empty() || inv.groups.size() > 2);
      if (!ok) {
        restart();
        parse_errors.insert(parse_errors.end(), yaml_errors.begin(), yaml_errors.end());
      }
    }
  } else {
    ok = parse_ini(sources, file, inv, parse_errors);
  }
  for (const AnsibleHost& h : inv.hosts)  // a host named "<your-server-ip>" or "{{ ip }}"
    if (inv.placeholder.empty() && !h.name.empty() && ((h.name.front() == '<' && h.name.back() == '>') ||
                                    h.name.find("{{") != std::string::npos))
      inv.placeholder = h.name;
  ok = check_group_tree(inv, path, parse_errors) && ok;
  // `all` holds every top-level group; `ungrouped` every host in no other group.
  std::set<std::string> has_parent;
  for (const auto& [name, g] : inv.groups)
    for (const std::string& c : g.children) has_parent.insert(c);
  AnsibleGroup& all = inv.groups["all"];
  const std::set<std::string> top(all.children.begin(), all.children.end());
  for (const auto& [name, g] : inv.groups)
    if (name != "all" && !has_parent.count(name) && !top.count(name)) all.children.push_back(name);
  std::vector<bool> grouped(inv.hosts.size());
  for (const auto& [name, g] : inv.groups)
    if (name != "all" && name != "ungrouped")
      for (std::uint32_t h : g.hosts) grouped[h] = true;
  AnsibleGroup& ungrouped = inv.groups["ungrouped"];
  for (std::uint32_t h = 0; h < inv.hosts.size(); ++h)
    if (!grouped[h]) inv.add_member(ungrouped, h);
  return ok;
}

void load_vars_dirs(SourceManager& sources, const std::string& dir, AnsibleInventory& inv,
                    const std::vector<std::string>& extra_groups, std::vector<LoadError>& errors) {
  // Paths stay as the user gave them: "group_vars/all.yml", not "./group_vars/all.yml".
  fs::path base = dir == "." ? fs::path() : fs::path(dir);
  std::error_code ec;
  const bool has_group_vars = fs::is_directory(base.empty() ? "group_vars" : base / "group_vars", ec);
  const bool has_host_vars = fs::is_directory(base.empty() ? "host_vars" : base / "host_vars", ec);
  std::set<std::string> group_names(extra_groups.begin(), extra_groups.end());
  for (const auto& [name, g] : inv.groups) group_names.insert(name);
  for (const std::string& name : has_group_vars ? group_names : std::set<std::string>{}) {
    std::vector<std::string> files;
    vars_files_for(base / "group_vars", name, files, errors);
    if (files.empty()) continue;
    AnsibleGroup& g = inv.group(name, {});
    g.file_vars = inv.new_table(name == "all" ? Layer::group_vars_all : Layer::group_vars_group, name);
    for (const std::string& f : files)
      load_vars_file(sources, f, g.file_vars, inv.keep_last_duplicate ? &inv.duplicate_keys : nullptr, errors);
  }
  for (AnsibleHost& h : inv.hosts) {
    if (!has_host_vars) break;
    std::vector<std::string> files;
    vars_files_for(base / "host_vars", h.name, files, errors);
    if (files.empty()) continue;
    h.file_vars = inv.new_table(Layer::host_vars, h.name);
    for (const std::string& f : files)
      load_vars_file(sources, f, h.file_vars, inv.keep_last_duplicate ? &inv.duplicate_keys : nullptr, errors);
  }
}

namespace {

/// The hosts of `group` and of its descendants, without recursion (a group seen twice is read once).
void hosts_below(const AnsibleInventory& inv, const std::string& group, std::vector<std::uint32_t>& out) {
  std::set<std::string> seen = {group};
  std::vector<const std::string*> stack = {&group};
  while (!stack.empty()) {
    auto it = inv.groups.find(*stack.back());
    stack.pop_back();
    if (it == inv.groups.end()) continue;
    out.insert(out.end(), it->second.hosts.begin(), it->second.hosts.end());
    for (const std::string& child : it->second.children)
      if (seen.insert(child).second) stack.push_back(&child);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

void GroupIndex::merge(const std::string& from, const std::string& to) {
  assert(!indexed_);
  auto f = members.find(from);
  if (f == members.end()) return;
  std::vector<std::uint32_t>& into = members[to];  // map nodes do not move: f stays valid
  std::vector<std::uint32_t> both;
  both.reserve(into.size() + f->second.size());
  std::set_union(into.begin(), into.end(), f->second.begin(), f->second.end(), std::back_inserter(both));
  into = std::move(both);
}

bool GroupIndex::contains(const std::string& group, std::uint32_t host) const {
  auto it = members.find(group);
  return it != members.end() && std::binary_search(it->second.begin(), it->second.end(), host);
}

const std::vector<const std::string*>& GroupIndex::groups_of(std::uint32_t host) const {
  if (!indexed_) {
    for (const auto& [name, hosts] : members)
      if (name != "all")
        for (std::uint32_t h : hosts) {
          if (h >= groups_of_.size()) groups_of_.resize(h + 1);
          groups_of_[h].push_back(&name);
        }
    indexed_ = true;
  }
  static const std::vector<const std::string*> none;
  return host < groups_of_.size() ? groups_of_[host] : none;
}

GroupIndex index_groups(const AnsibleInventory& inv) {
  GroupIndex index;
  for (const auto& [name, g] : inv.groups) hosts_below(inv, name, index.members[name]);
  // Depth: the longest path from `all`, over the groups `all` reaches, in topological order (a
  // cycle, already a load error, leaves its groups out).
  std::set<std::string> reached = {"all"};
  std::vector<std::string> todo = {"all"};
  std::map<std::string, int> indegree;
  while (!todo.empty()) {
    auto g = inv.groups.find(todo.back());
    todo.pop_back();
    if (g == inv.groups.end()) continue;
    for (const std::string& child : g->second.children) {
      ++indegree[child];
      if (reached.insert(child).second) todo.push_back(child);
    }
  }
  std::vector<std::string> ready;
  if (!indegree["all"]) ready.push_back("all"), index.depth["all"] = 0;
  while (!ready.empty()) {
    const std::string name = ready.back();
    ready.pop_back();
    const int d = index.depth[name];
    auto g = inv.groups.find(name);
    if (g == inv.groups.end()) continue;
    for (const std::string& child : g->second.children) {
      auto [it, inserted] = index.depth.try_emplace(child, d + 1);
      if (!inserted) it->second = std::max(it->second, d + 1);
      if (--indegree[child] == 0) ready.push_back(child);
    }
  }
  return index;
}

std::vector<const DefinitionTable*> ansible_host_tables(const AnsibleInventory& inv, const GroupIndex& index,
                                                        std::uint32_t host, std::vector<std::string>& groups) {
  struct Order {
    int depth;
    int priority;
    const std::string* name;
    bool operator<(const Order& o) const {
      return std::tie(depth, priority, *name) < std::tie(o.depth, o.priority, *o.name);
    }
  };
  std::vector<Order> order;
  for (const std::string* group : index.groups_of(host)) {
    const std::string& name = *group;
    int priority = 1;
    auto g = inv.groups.find(name);
    if (g != inv.groups.end() && g->second.inline_vars)
      if (auto it = g->second.inline_vars->vars.find("ansible_group_priority"); it != g->second.inline_vars->vars.end())
        priority = static_cast<int>(as_integer(it->second.value).value_or(1));
    auto d = index.depth.find(name);
    order.push_back({d == index.depth.end() ? 1 : d->second, priority, &name});
  }
  std::sort(order.begin(), order.end());
  auto table = [&](const std::string& name, bool file) -> const DefinitionTable* {
    auto g = inv.groups.find(name);
    if (g == inv.groups.end()) return nullptr;
    return file ? g->second.file_vars : g->second.inline_vars;
  };
  std::vector<const DefinitionTable*> tables;
  for (bool file : {false, true}) {
    if (auto t = table("all", file)) tables.push_back(t);
    for (const Order& o : order)
      if (auto t = table(*o.name, file)) tables.push_back(t);
  }
  groups = {"all"};
  for (const Order& o : order) groups.push_back(*o.name);
  std::sort(groups.begin(), groups.end());
  if (host < inv.hosts.size()) {
    const AnsibleHost& h = inv.hosts[host];
    if (h.inline_vars) tables.push_back(h.inline_vars);
    if (h.file_vars) tables.push_back(h.file_vars);
  }
  return tables;
}

void os_from_ansible(const Scope& vars, Node& n) {
  for (const char* name : {"ansible_connection", "ansible_shell_type", "ansible_os_family"}) {
    Setting s = vars.get(name);
    const std::string v = text::lower(s.text().value_or(""));
    if (v != "winrm" && v != "psrp" && v != "powershell" && v != "windows") continue;
    n.os = Os::windows;
    n.os_reason = fmt::format("{}={}", name, *s.text());
    n.os_at = s.loc();
    return;
  }
}

}  // namespace kubegate
