#include "kubegate/value.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace kubegate {

const Value* Value::find(std::string_view key) const {
  for (const MapEntry& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

std::string Value::display() const {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return boolean ? "true" : "false";
    case Kind::integer:
    case Kind::real:
    case Kind::string: return text;
    case Kind::list: return fmt::format("<list of {}>", items.size());
    case Kind::map: return fmt::format("<map of {}>", entries.size());
    case Kind::secret: return "<secret>";
    case Kind::unknown: return text.empty() ? "<unknown>" : text;
  }
  return {};
}

Value Value::make_string(std::string s, SourceLoc loc, bool quoted) {
  Value v;
  v.kind = Kind::string;
  v.text = std::move(s);
  v.loc = loc;
  v.quoted = quoted;
  return v;
}

Value Value::make_bool(bool b, SourceLoc loc) {
  Value v;
  v.kind = Kind::boolean;
  v.boolean = b;
  v.text = b ? "true" : "false";
  v.loc = loc;
  return v;
}

Value Value::make_int(std::int64_t i, SourceLoc loc) {
  Value v;
  v.kind = Kind::integer;
  v.integer = i;
  v.text = std::to_string(i);
  v.loc = loc;
  return v;
}

Value Value::make_unknown(std::string expression, SourceLoc loc) {
  Value v;
  v.kind = Kind::unknown;
  v.text = std::move(expression);
  v.loc = loc;
  return v;
}

std::optional<bool> ansible_truth(const Value& v) {
  switch (v.kind) {
    case Value::Kind::boolean: return v.boolean;
    case Value::Kind::integer: return v.integer == 1;
    case Value::Kind::null: return false;
    case Value::Kind::string: {
      const std::string s = text::lower(v.text);
      return s == "yes" || s == "on" || s == "1" || s == "true" || s == "y" || s == "t";
    }
    default: return std::nullopt;
  }
}

std::optional<std::int64_t> as_integer(const Value& v) {
  if (v.kind == Value::Kind::integer) return v.integer;
  if (v.kind != Value::Kind::string) return std::nullopt;
  std::int64_t out = 0;
  const char* b = v.text.data();
  const char* e = b + v.text.size();
  auto [p, ec] = std::from_chars(b, e, out);
  if (ec != std::errc() || p != e || b == e) return std::nullopt;
  return out;
}

}  // namespace kubegate
