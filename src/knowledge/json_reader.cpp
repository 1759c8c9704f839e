#include "knowledge/json_reader.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace kubegate {

namespace {

using nlohmann::json;

/// RapidJSON's SAX events, each value put into the open array or object (or made the root).
struct DomBuilder : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, DomBuilder> {
  json root;
  std::vector<json*> open;  ///< the arrays and objects not yet closed, innermost last
  std::string key;          ///< the key of the next value of the innermost object

  json* put(json value) {
    if (open.empty()) {
      root = std::move(value);
      return &root;
    }
    json& into = *open.back();
    if (into.is_array()) {
      into.push_back(std::move(value));
      return &into.back();
    }
    json& slot = into[key];
    slot = std::move(value);
    return &slot;
  }
  bool Null() { return put(nullptr), true; }
  bool Bool(bool b) { return put(b), true; }
  bool Int(int i) { return Int64(i); }
  bool Uint(unsigned u) { return Uint64(u); }
  bool Int64(std::int64_t i) { return i < 0 ? (put(i), true) : Uint64(static_cast<std::uint64_t>(i)); }
  bool Uint64(std::uint64_t u) { return put(u), true; }
  bool Double(double d) { return put(d), true; }
  bool String(const char* s, rapidjson::SizeType n, bool) { return put(std::string(s, n)), true; }
  bool StartObject() { return open.push_back(put(json::object())), true; }
  bool Key(const char* s, rapidjson::SizeType n, bool) { return key.assign(s, n), true; }
  bool EndObject(rapidjson::SizeType) { return open.pop_back(), true; }
  bool StartArray() { return open.push_back(put(json::array())), true; }
  bool EndArray(rapidjson::SizeType) { return open.pop_back(), true; }
};

}  // namespace

json read_json(std::string_view text) {
  // In situ: strings are unescaped in a copy of the text, not through the reader's own stack.
  // Nor does a number go through that stack (full precision would copy its digits there, and
  // RapidJSON 1.1's first push onto the empty stack adds an offset to a null pointer, undefined
  // behaviour): the documents' few decimals (1.19, 20.0) are exact on the fast path too.
  std::string copy(text);
  rapidjson::InsituStringStream in(copy.data());
  DomBuilder dom;
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag;
  if (!reader.Parse<kFlags>(in, dom))
    throw json::parse_error::create(101, reader.GetErrorOffset(),
                                    rapidjson::GetParseError_En(reader.GetParseErrorCode()), nullptr);
  return std::move(dom.root);
}

}  // namespace kubegate
