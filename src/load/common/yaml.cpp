#include "load/common/yaml.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "load/common/limits.hpp"

namespace kubegate {

namespace {

SourceLoc to_loc(std::uint32_t file, const YAML::Mark& m) {
  // yaml-cpp marks are 0-based; this is the one place that converts them.
  if (m.line < 0) return {file, 0, 0};
  return {file, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
}

std::string strip_underscores(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != '_') out += c;
  return out;
}

bool all_of(const std::string& s, std::size_t from, int (*pred)(int)) {
  if (from >= s.size()) return false;
  for (std::size_t i = from; i < s.size(); ++i)
    if (!pred(static_cast<unsigned char>(s[i])) && s[i] != '_') return false;
  return true;
}

int is_octal(int c) { return c >= '0' && c <= '7'; }
int is_binary(int c) { return c == '0' || c == '1'; }

std::optional<Value> as_yaml11_int(const std::string& text, SourceLoc loc) {
  std::string s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.erase(0, 1);
  }
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return std::nullopt;
  int base = 10;
  std::size_t start = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    if (!all_of(s, 2, ::isxdigit)) return std::nullopt;
    base = 16, start = 2;
  } else if (s.size() > 2 && s[0] == '0' && s[1] == 'b') {
    if (!all_of(s, 2, is_binary)) return std::nullopt;
    base = 2, start = 2;
  } else if (s.size() > 1 && s[0] == '0') {
    if (!all_of(s, 1, is_octal)) return std::nullopt;
    base = 8, start = 1;
  } else if (s.find(':') != std::string::npos) {
    std::int64_t total = 0;  // sexagesimal, e.g. 190:20:30
    std::size_t pos = 0;
    while (pos <= s.size()) {
      std::size_t next = s.find(':', pos);
      std::string part = s.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
      if (part.empty() || !all_of(part, 0, ::isdigit)) return std::nullopt;
      const std::string digits = strip_underscores(part);
      std::int64_t n = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      // Past int64: a string, as the 19-digit decimals below are.
      if (ec != std::errc() || end != digits.data() + digits.size() || __builtin_mul_overflow(total, 60, &total) ||
          __builtin_add_overflow(total, n, &total))
        return std::nullopt;
      if (next == std::string::npos) break;
      pos = next + 1;
    }
    Value v = Value::make_int(neg ? -total : total, loc);
    v.text = text;
    return v;
  } else if (!all_of(s, 0, ::isdigit)) {
    return std::nullopt;
  }
  std::string digits = strip_underscores(s.substr(start));
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n, base);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;  // past int64 (19-digit hex)
  Value v = Value::make_int(neg ? -n : n, loc);
  v.text = text;
  return v;
}

std::optional<Value> as_yaml11_float(const std::string& text, SourceLoc loc) {
  static const std::set<std::string> special = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
                                                "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
  Value v;
  v.kind = Value::Kind::real;
  v.text = text;
  v.loc = loc;
  if (special.count(text)) {
    v.real = text.find("nan") != std::string::npos || text.find("NaN") != std::string::npos ||
                     text.find("NAN") != std::string::npos
                 ? NAN
                 : (text[0] == '-' ? -INFINITY : INFINITY);
    return v;
  }
  // [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)? or [-+]?[0-9][0-9_]*[eE][-+][0-9]+
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::size_t int_digits = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || (int_digits && text[i] == '_')))
    ++i, ++int_digits;
  bool dot = false;
  if (i < text.size() && text[i] == '.') {
    dot = true;
    ++i;
    std::size_t frac = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i, ++frac;
    if (!int_digits && !frac) return std::nullopt;
  }
  bool exp = false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    if (!int_digits && !dot) return std::nullopt;
    ++i;
    if (i >= text.size() || (text[i] != '-' && text[i] != '+')) return std::nullopt;
    ++i;
    std::size_t e = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++e;
    if (!e) return std::nullopt;
    exp = true;
  }
  if (i != text.size() || (!dot && !exp)) return std::nullopt;
  try {
    v.real = std::stod(strip_underscores(text));
  } catch (...) {
    return std::nullopt;
  }
  return v;
}

/// Builds the Value tree straight from yaml-cpp's parser events, with kubegate's own bounds
/// (nodes, alias expansion, depth) checked at each event: yaml-cpp's node tree (YAML::Load) is
/// never built, so neither the library nor the input decides the memory a file takes, and
/// parsing stops at the first bound reached.
class Builder final : public YAML::EventHandler {
 public:
  Builder(std::uint32_t file, std::vector<LoadError>& errors, const std::string& path,
          std::vector<DuplicateKey>* duplicates)
      : file_(file), errors_(errors), path_(path), duplicates_(duplicates) {}

  /// Thrown out of the parser at a bound, once it is reported.
  struct Stop {};

  bool ok = true;
  /// The document, once one was read.
  std::optional<Value> root;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::size_t start = count(mark);
    Value v;
    v.loc = to_loc(file_, mark);
    complete(std::move(v), anchor, start, nullptr);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    const std::size_t start = count(mark);
    complete(scalar(tag, text, to_loc(file_, mark)), anchor, start, &text);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const SourceLoc loc = to_loc(file_, mark);
    if (anchor >= anchors_.size() || !anchors_[anchor].done)
      stop(loc, "this alias refers to the node that holds it (a recursive alias)");
    const Anchored& a = anchors_[anchor];
    nodes_ += a.nodes;
    alias_nodes_ += a.nodes;
    if (alias_nodes_ > limits::kYamlAliasNodes)
      stop(loc, fmt::format("YAML aliases in this file expand to more than {} nodes (kubegate's limit on alias "
                            "expansion per file)",
                            limits::kYamlAliasNodes));
    check_nodes(loc);
    complete(Value(a.value), YAML::NullAnchor, nodes_, a.scalar ? &a.text : nullptr);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, Value::Kind::list);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, Value::Kind::map);
  }
  void OnMapEnd() override { close(); }

 private:
  /// A collection being read.
  struct Frame {
    Value value;
    YAML::anchor_t anchor;
    /// nodes_ when it started.
    std::size_t start;
    /// In a mapping: the key read, waiting for its value.
    std::optional<std::pair<std::string, SourceLoc>> key;
    /// In a mapping: the keys defined so far.
    std::set<std::string> seen;
  };
  /// A node with an anchor (`&name`), once read: what an alias to it copies.
  struct Anchored {
    bool done = false;
    Value value;
    /// Its nodes, the expansions of aliases in it included.
    std::size_t nodes = 0;
    /// Whether it is a scalar, and its text as written (an alias used as a mapping key).
    bool scalar = false;
    std::string text;
  };

  /// Counts one node at `mark` against the bounds; returns nodes_ before it.
  std::size_t count(const YAML::Mark& mark) {
    const SourceLoc loc = to_loc(file_, mark);
    if (frames_.size() >= static_cast<std::size_t>(limits::kYamlDepth))
      stop(loc, fmt::format("YAML nested deeper than {} levels (kubegate's limit)", limits::kYamlDepth));
    ++nodes_;
    check_nodes(loc);
    return nodes_ - 1;
  }
  void check_nodes(SourceLoc loc) {
    if (nodes_ > limits::kYamlNodes)
      stop(loc,
           fmt::format("this file holds more than {} YAML nodes (kubegate's limit per file)", limits::kYamlNodes));
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Value::Kind kind) {
    const std::size_t start = count(mark);
    Frame f{{}, anchor, start, std::nullopt, {}};
    f.value.kind = kind;
    f.value.loc = to_loc(file_, mark);
    frames_.push_back(std::move(f));
  }
  void close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    complete(std::move(f.value), f.anchor, f.start, nullptr);
  }

  /// A node is read (`text`: a scalar's text as written): it becomes its anchor's value, then the
  /// root, an item, a key, or the value of the pending key.
  void complete(Value v, YAML::anchor_t anchor, std::size_t start, const std::string* text) {
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
      anchors_[anchor] = {true, v, nodes_ - start, text != nullptr, text ? *text : std::string()};
    }
    if (frames_.empty()) {
      root = std::move(v);
      return;
    }
    Frame& f = frames_.back();
    if (f.value.kind == Value::Kind::list) {
      f.value.items.push_back(std::move(v));
      return;
    }
    if (!f.key) {
      f.key.emplace(text ? *text : std::string("<complex key>"), v.loc);
      return;
    }
    MapEntry e{std::move(f.key->first), f.key->second, std::move(v)};
    f.key.reset();
    const bool again = !f.seen.insert(e.key).second;
    if (again && !duplicates_) {
      errors_.push_back(
          {path_, e.key_loc.line, e.key_loc.column, fmt::format("duplicate key \"{}\" in this mapping", e.key)});
      ok = false;
    }
    if (again && duplicates_) {  // Ansible's loader: the last definition wins
      auto& entries = f.value.entries;
      auto earlier = std::find_if(entries.begin(), entries.end(), [&](const MapEntry& m) { return m.key == e.key; });
      duplicates_->push_back({e.key, earlier->key_loc, e.key_loc});
      *earlier = std::move(e);
      return;
    }
    f.value.entries.push_back(std::move(e));
  }

  /// Reports a bound and stops the parser.
  [[noreturn]] void stop(SourceLoc loc, std::string message) {
    errors_.push_back({path_, loc.line, loc.column, std::move(message)});
    ok = false;
    throw Stop{};
  }

  Value scalar(const std::string& tag, const std::string& text, SourceLoc loc) const {
    if (tag == "!vault" || tag == "!vault-encrypted") {
      Value v;
      v.kind = Value::Kind::secret;
      v.loc = loc;
      return v;
    }
    if (tag == "!" || tag == "!unsafe" || tag == "tag:yaml.org,2002:str") return Value::make_string(text, loc, true);
    if (tag == "tag:yaml.org,2002:int") {
      if (auto i = as_yaml11_int(text, loc)) return *i;
    }
    if (tag == "tag:yaml.org,2002:bool" || tag == "?" || tag.empty()) return yaml11_scalar(text, loc);
    return Value::make_string(text, loc);
  }

  std::uint32_t file_;
  std::vector<LoadError>& errors_;
  const std::string& path_;
  std::vector<DuplicateKey>* duplicates_;
  /// The collections open, innermost last.
  std::vector<Frame> frames_;
  /// By anchor id (yaml-cpp numbers anchors from 1).
  std::vector<Anchored> anchors_;
  /// Nodes produced so far, keys and alias expansions included.
  std::size_t nodes_ = 0;
  /// Nodes produced by expanding aliases.
  std::size_t alias_nodes_ = 0;
};

/// True when `c` may precede the opening quote of a quoted scalar.
bool starts_scalar(std::string_view before) {
  std::size_t end = before.find_last_not_of(' ');
  if (end == std::string_view::npos) return true;
  char c = before[end];
  return c == ':' || c == '-' || c == '[' || c == '{' || c == ',' || c == '?';
}

}  // namespace

std::string blank_comment_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  long block_indent = -1;  // indentation of the line that opened a block scalar
  char quote = 0;          // the quote of a quoted scalar still open at the end of a line
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    pos = end;
    std::size_t indent = line.find_first_not_of(' ');
    std::string_view content = indent == std::string_view::npos ? std::string_view() : line.substr(indent);
    bool blank = content.empty() || content[0] == '\n' || content[0] == '\r';
    if (block_indent >= 0 && (blank || static_cast<long>(indent) > block_indent)) {
      out.append(line);  // block scalar content: '#' is text here
      continue;
    }
    block_indent = -1;
    if (!quote && !blank && content[0] == '#') {
      out.append(line.substr(line.size() - (line.back() == '\n' ? 1 : 0)));
      continue;
    }
    out.append(line);
    // Scan for quotes that stay open, a trailing comment, and a block scalar indicator.
    std::size_t i = 0, last = 0;
    for (; i < line.size(); ++i) {
      char c = line[i];
      if (quote) {
        if (quote == '"' && c == '\\') {
          ++i;
        } else if (c == quote) {
          if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
            ++i;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      if ((c == '"' || c == '\'') && starts_scalar(line.substr(0, i))) {
        quote = c;
        continue;
      }
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) break;
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') last = i;
    }
    if (quote) continue;
    std::string_view head = line.substr(0, last + 1);
    std::size_t ind = head.find_last_of("|>");
    if (ind != std::string_view::npos && head.find_first_not_of("+-0123456789", ind + 1) == std::string_view::npos &&
        (ind == 0 || head[ind - 1] == ' ' || head[ind - 1] == '\t'))
      block_indent = static_cast<long>(indent == std::string_view::npos ? 0 : indent);
  }
  return out;
}

Value yaml11_scalar(const std::string& text, SourceLoc loc) {
  static const std::set<std::string> yes = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const std::set<std::string> no = {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    Value v;
    v.loc = loc;
    return v;
  }
  if (yes.count(text)) {
    Value v = Value::make_bool(true, loc);
    v.text = text;
    return v;
  }
  if (no.count(text)) {
    Value v = Value::make_bool(false, loc);
    v.text = text;
    return v;
  }
  char c = text[0];
  if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
    if (auto i = as_yaml11_int(text, loc)) return *i;
    if (auto f = as_yaml11_float(text, loc)) return *f;
  }
  return Value::make_string(text, loc);
}

namespace {

/// The line where a second YAML document starts (a `---` line after content, or content after a
/// `...` line), 0 when the text holds one document at most. kubegate refuses such files, so this
/// is decided on the text: yaml-cpp 0.7's LoadAll loops without end on some inputs (a lone `,`
/// makes it allocate gigabytes, jbeder/yaml-cpp#1040), and Load reads the first document only.
std::uint32_t second_document_line(std::string_view text) {
  bool content = false, ended = false;
  std::uint32_t n = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++n;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto marker = [&](std::string_view m) {
      return line.substr(0, 3) == m && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
    };
    if (marker("---")) {
      if (content || ended) return n;
      continue;
    }
    if (marker("...")) {
      ended = content;
      continue;
    }
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#' || (!content && line[first] == '%')) continue;
    if (ended) return n;
    content = true;
  }
  return 0;
}

}  // namespace

bool parse_yaml(const SourceManager& sources, std::uint32_t file, Value& out, std::vector<LoadError>& errors,
                std::vector<DuplicateKey>* duplicates) {
  const std::string& path = sources.path(file);
  const std::string text = blank_comment_lines(sources.text(file));
  if (std::uint32_t line = second_document_line(text)) {
    errors.push_back({path, line, 1, "this file holds more than one YAML document; Ansible reads only single-document files"});
    return false;
  }
  // A document cannot start with `,`, `]` or `}`; yaml-cpp's Load stops there and returns null.
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == ',' || text[first] == ']' || text[first] == '}')) {
    const auto line = static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + first, '\n') + 1);
    const std::size_t bol = text.rfind('\n', first);
    const auto col = static_cast<std::uint32_t>(first - (bol == std::string::npos ? 0 : bol + 1) + 1);
    errors.push_back({path, line, col, fmt::format("invalid YAML: a document cannot start with '{}'", text[first])});
    return false;
  }
  Builder builder(file, errors, path, duplicates);
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);  // the first document only: a second one was refused above
  } catch (const Builder::Stop&) {
    return false;
  } catch (const YAML::Exception& e) {
    SourceLoc loc = to_loc(file, e.mark);
    if (e.msg == "bad file") {  // yaml-cpp's DeepRecursion (its type is not exported by the library)
      errors.push_back({path, loc.line, loc.column,
                        fmt::format("invalid YAML: nested deeper than the {} levels yaml-cpp reads (kubegate's limit)",
                                    limits::kYamlParserDepth)});
      return false;
    }
    errors.push_back({path, loc.line, loc.column, fmt::format("invalid YAML: {}", e.msg)});
    return false;
  } catch (const std::exception& e) {
    errors.push_back({path, 0, 0, fmt::format("invalid YAML: {}", e.what())});
    return false;
  }
  if (!builder.root) {  // no document at all
    out = Value{};
    out.loc = {file, 1, 1};
    return true;
  }
  out = std::move(*builder.root);
  return builder.ok;
}

}  // namespace kubegate
