#include "load/ansible/jinja.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "load/common/limits.hpp"

namespace kubegate::jinja {

namespace {

/// A recursive-descent reader over one `{{ ... }}` expression.
class Parser {
 public:
  Parser(std::string_view src, const Lookup& lookup, SourceLoc loc) : s_(src), lookup_(lookup), loc_(loc) {}

  /// The value of the whole expression; nullopt means "undefined"; unknown on anything unsupported.
  std::optional<Value> parse_all() {
    auto v = expr();
    skip_ws();
    if (failed_ || pos_ != s_.size()) return Value::make_unknown(std::string(s_), loc_);
    return v;
  }

 private:
  void skip_ws() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string ident() {
    skip_ws();
    std::size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    if (b == pos_ || std::isdigit(static_cast<unsigned char>(s_[b]))) {
      pos_ = b;
      return {};
    }
    return std::string(s_.substr(b, pos_ - b));
  }
  std::optional<Value> unknown() {
    failed_ = true;
    return Value::make_unknown(std::string(s_), loc_);
  }

  std::optional<Value> expr() {
    auto v = primary();
    while (!failed_ && eat('|')) v = filter(std::move(v));
    return v;
  }

  std::optional<Value> primary() {
    if (depth_ >= limits::kJinjaNesting) return unknown();  // parentheses, brackets or arguments nested that deep
    ++depth_;
    auto v = primary_here();
    --depth_;
    return v;
  }

  std::optional<Value> primary_here() {
    skip_ws();
    if (pos_ >= s_.size()) return unknown();
    char c = s_[pos_];
    if (c == '\'' || c == '"') {
      std::string out;
      for (++pos_; pos_ < s_.size() && s_[pos_] != c; ++pos_) {
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
        out += s_[pos_];
      }
      if (pos_ >= s_.size()) return unknown();
      ++pos_;
      return Value::make_string(out, loc_, true);
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      std::size_t b = pos_++;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      if (pos_ < s_.size() && s_[pos_] == '.') return unknown();
      try {
        return Value::make_int(std::stoll(std::string(s_.substr(b, pos_ - b))), loc_);
      } catch (...) {
        return unknown();
      }
    }
    if (c == '(') {
      ++pos_;
      auto v = expr();
      if (!eat(')')) return unknown();
      return v;
    }
    std::string name = ident();
    if (name.empty()) return unknown();
    if (name == "true" || name == "True") return Value::make_bool(true, loc_);
    if (name == "false" || name == "False") return Value::make_bool(false, loc_);
    if (name == "none" || name == "None") return Value{};
    if (name == "omit" || name == "lookup" || name == "query" || name == "q" || name == "not" ||
        name == "hostvars" || name == "groups")
      return unknown();
    std::optional<Value> v = lookup_(name);
    for (;;) {  // attribute access: a.b, a['b']
      skip_ws();
      std::string key;
      if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        key = ident();
        if (key.empty()) return unknown();
      } else if (pos_ < s_.size() && s_[pos_] == '[') {
        ++pos_;
        auto k = primary();
        if (failed_ || !k || k->kind != Value::Kind::string || !eat(']')) return unknown();
        key = k->text;
      } else {
        break;
      }
      if (!v) continue;  // undefined stays undefined
      if (v->is_unknown()) return unknown();
      if (v->kind != Value::Kind::map) return unknown();
      const Value* sub = v->find(key);
      v = sub ? std::optional<Value>(*sub) : std::nullopt;
    }
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '(') return unknown();  // a function call
    return v;
  }

  std::optional<Value> filter(std::optional<Value> base) {
    std::string name = ident();
    std::vector<std::optional<Value>> args;
    if (eat('(')) {
      if (!eat(')')) {
        do {
          args.push_back(expr());
          if (failed_) return unknown();
        } while (eat(','));
        if (!eat(')')) return unknown();
      }
    }
    if (name == "default" || name == "d") {
      if (args.empty() || args.size() > 2) return unknown();
      bool falsy_too = args.size() == 2 && args[1] && ansible_truth(*args[1]).value_or(false);
      if (!base) return args[0];
      if (base->is_unknown()) return unknown();
      if (falsy_too) {
        auto t = ansible_truth(*base);
        bool empty = (base->kind == Value::Kind::string && base->text.empty()) ||
                     (base->kind == Value::Kind::list && base->items.empty()) ||
                     (base->kind == Value::Kind::map && base->entries.empty());
        if (empty || (base->kind != Value::Kind::string && t && !*t)) return args[0];
      }
      return base;
    }
    if (!base) return std::nullopt;  // undefined through any other filter stays undefined
    if (base->is_unknown() || !args.empty()) return unknown();
    if (name == "bool") {
      auto t = ansible_truth(*base);
      return t ? std::optional<Value>(Value::make_bool(*t, base->loc)) : unknown();
    }
    if (name == "int") {
      if (base->kind == Value::Kind::boolean) return Value::make_int(base->boolean ? 1 : 0, base->loc);
      if (base->kind == Value::Kind::real) {  // NaN, infinities and values past int64 are Python big ints or errors
        if (!(base->real > -9.2e18 && base->real < 9.2e18)) return unknown();
        return Value::make_int(static_cast<std::int64_t>(base->real), base->loc);
      }
      auto i = as_integer(*base);
      if (i) return Value::make_int(*i, base->loc);
      if (base->kind == Value::Kind::string) return Value::make_int(0, base->loc);  // as Jinja's int filter
      return unknown();
    }
    if (name == "string" || name == "lower" || name == "upper" || name == "trim") {
      if (base->kind == Value::Kind::list || base->kind == Value::Kind::map) return unknown();
      std::string t = base->kind == Value::Kind::null ? "None" : base->display();
      if (base->kind == Value::Kind::boolean) t = base->boolean ? "True" : "False";
      if (name == "lower") std::transform(t.begin(), t.end(), t.begin(), ::tolower);
      if (name == "upper") std::transform(t.begin(), t.end(), t.begin(), ::toupper);
      if (name == "trim") {
        t.erase(0, t.find_first_not_of(" \t\r\n"));
        t.erase(t.find_last_not_of(" \t\r\n") + 1);
      }
      return Value::make_string(t, base->loc);
    }
    return unknown();
  }

  std::string_view s_;
  const Lookup& lookup_;
  SourceLoc loc_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  /// Expressions being read, the current one included (bounded by limits::kJinjaNesting).
  int depth_ = 0;
};

}  // namespace

bool is_template(std::string_view text) {
  return text.find("{{") != std::string_view::npos || text.find("{%") != std::string_view::npos ||
         text.find("{#") != std::string_view::npos;
}

Value render(std::string_view text, SourceLoc loc, const Lookup& lookup) {
  if (text.find("{%") != std::string_view::npos || text.find("{#") != std::string_view::npos)
    return Value::make_unknown(std::string(text), loc);
  std::string out;
  std::optional<Value> single;
  int pieces = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      if (!text.substr(pos).empty()) ++pieces;
      break;
    }
    if (open > pos) ++pieces;
    out.append(text.substr(pos, open - pos));
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) return Value::make_unknown(std::string(text), loc);
    Parser p(text.substr(open + 2, close - open - 2), lookup, loc);
    std::optional<Value> v = p.parse_all();
    if (!v) return Value::make_unknown("undefined variable in " + std::string(text), loc);
    if (v->is_unknown()) return Value::make_unknown(std::string(text), loc);
    ++pieces;
    single = v;
    if (v->kind == Value::Kind::list || v->kind == Value::Kind::map) {
      out.append("<collection>");
    } else if (v->kind == Value::Kind::boolean) {
      out.append(v->boolean ? "True" : "False");
    } else if (v->kind == Value::Kind::null) {
      out.append("None");
    } else {
      out.append(v->display());
    }
    pos = close + 2;
  }
  if (pieces == 1 && single) {  // one expression and nothing around it: keep its type
    Value v = *single;
    v.loc = loc;
    return v;
  }
  return Value::make_string(out, loc);
}

}  // namespace kubegate::jinja
