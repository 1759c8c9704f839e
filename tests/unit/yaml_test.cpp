#include <catch2/catch.hpp>

#include "load/common/yaml.hpp"

using namespace kubegate;

namespace {

struct Parsed {
  SourceManager sources;
  Value value;
  std::vector<LoadError> errors;
  bool ok = false;
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  auto id = p->sources.add("t.yml", text);
  p->ok = parse_yaml(p->sources, id, p->value, p->errors);
  return p;
}

}  // namespace

TEST_CASE("plain scalars are typed as YAML 1.1 (as Ansible reads them)", "[yaml]") {
  auto p = parse(
      "a: yes\nb: Off\nc: 'yes'\nd: 0644\ne: 0x1F\nf: 1_000\ng: 190:20:30\nh: 1.5\ni: ~\nj: y\nk: \"10\"\nl: -7\n"
      "m: 1e3\nn: 6.0e+2\no: .inf\np: 10.233.0.0/18\n");
  REQUIRE(p->ok);
  const Value& v = p->value;
  CHECK(v.find("a")->kind == Value::Kind::boolean);
  CHECK(v.find("a")->boolean);
  CHECK(v.find("b")->kind == Value::Kind::boolean);
  CHECK_FALSE(v.find("b")->boolean);
  CHECK(v.find("c")->kind == Value::Kind::string);
  CHECK(v.find("c")->quoted);
  CHECK(v.find("d")->integer == 420);
  CHECK(v.find("e")->integer == 31);
  CHECK(v.find("f")->integer == 1000);
  CHECK(v.find("g")->integer == 685230);
  CHECK(v.find("h")->kind == Value::Kind::real);
  CHECK(v.find("i")->is_null());
  CHECK(v.find("j")->kind == Value::Kind::string);  // PyYAML does not read y/n as booleans
  CHECK(v.find("k")->kind == Value::Kind::string);
  CHECK(v.find("l")->integer == -7);
  CHECK(v.find("m")->kind == Value::Kind::string);  // YAML 1.1 wants a sign in the exponent
  CHECK(v.find("n")->kind == Value::Kind::real);
  CHECK(v.find("o")->kind == Value::Kind::real);
  CHECK(v.find("p")->kind == Value::Kind::string);
}

TEST_CASE("positions are 1-based lines and columns of keys and values", "[yaml]") {
  auto p = parse("# comment\ntop:\n  inner: value\n");
  REQUIRE(p->ok);
  const MapEntry& top = p->value.entries.at(0);
  CHECK(top.key_loc.line == 2);
  CHECK(top.key_loc.column == 1);
  const MapEntry& inner = top.value.entries.at(0);
  CHECK(inner.key_loc.line == 3);
  CHECK(inner.key_loc.column == 3);
  CHECK(inner.value.loc.column == 10);
}

TEST_CASE("vault values are secrets and never carry their text", "[yaml]") {
  auto p = parse("password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n");
  REQUIRE(p->ok);
  CHECK(p->value.find("password")->kind == Value::Kind::secret);
  CHECK(p->value.find("password")->text.empty());
  CHECK(p->value.find("password")->display() == "<secret>");
}

TEST_CASE("bad YAML is an error with its position, never a crash", "[yaml]") {
  SECTION("syntax error") {
    auto p = parse("a: [1, 2\nb: 3\n");
    CHECK_FALSE(p->ok);
    REQUIRE(p->errors.size() == 1);
    CHECK(p->errors[0].line >= 1);
    CHECK(p->errors[0].message.find("invalid YAML") != std::string::npos);
  }
  SECTION("duplicate key") {
    auto p = parse("a: 1\nb: 2\na: 3\n");
    CHECK_FALSE(p->ok);
    REQUIRE(p->errors.size() == 1);
    CHECK(p->errors[0].line == 3);
    CHECK(p->errors[0].column == 1);
    CHECK(p->errors[0].message.find("duplicate key \"a\"") != std::string::npos);
  }
  SECTION("several documents") {
    auto p = parse("a: 1\n---\nb: 2\n");
    CHECK_FALSE(p->ok);
    REQUIRE(p->errors.size() == 1);
    CHECK(p->errors[0].message.find("more than one YAML document") != std::string::npos);
  }
  SECTION("a document after content, after `...`, or behind a trailing `---`") {
    for (const char* text : {"a: 1\n...\nb: 2\n", "a: 1\n---\n", "a: 1\n--- b\n"}) {
      auto p = parse(text);
      CHECK_FALSE(p->ok);
      REQUIRE(p->errors.size() == 1);
      CHECK(p->errors[0].line == 2 + (text[5] == '.'));
      CHECK(p->errors[0].message.find("more than one YAML document") != std::string::npos);
    }
    auto leading = parse("%YAML 1.1\n---\n# a comment\na: 1\n...\n");
    CHECK(leading->ok);
    CHECK(leading->value.find("a") != nullptr);
  }
  SECTION("input on which yaml-cpp's LoadAll never stops (jbeder/yaml-cpp#1040) is read once") {
    for (const char* text : {",", " ,\n", "a: 1\n,\n", "- ,\n", "}\n"}) {
      auto p = parse(text);
      INFO(text);
      CHECK_FALSE(p->ok);  // as PyYAML (Ansible) rejects it, and in bounded time and memory
      REQUIRE(p->errors.size() == 1);
      CHECK(p->errors[0].message.find("invalid YAML") != std::string::npos);
    }
    auto p = parse(" ,\n");
    CHECK(p->errors[0].line == 1);
    CHECK(p->errors[0].column == 2);
  }
  SECTION("empty file is null, not an error") {
    auto p = parse("# only a comment\n");
    CHECK(p->ok);
    CHECK(p->value.is_null());
  }
}

TEST_CASE("comment lines are dropped before parsing, but not inside block or quoted scalars", "[yaml]") {
  const std::string text =
      "# leading comment\n"
      "a: 1  # trailing\n"
      "script: |\n"
      "  # kept: block content\n"
      "  echo hi\n"
      "    # kept: deeper\n"
      "# dropped\n"
      "folded: >-\n"
      "  # kept too\n"
      "quoted: \"first\n"
      "# kept: inside a double-quoted scalar\n"
      "  last\"\n"
      "single: 'it''s\n"
      "# kept: inside a single-quoted scalar\n"
      "  done'\n"
      "plain: don't # not a quote\n"
      "# dropped again\n"
      "list:\n"
      "  - |\n"
      "    # kept in a list item block\n"
      "  # dropped: less indented than the item\n";
  std::string out = blank_comment_lines(text);
  auto count = [](const std::string& s, char c) { return std::count(s.begin(), s.end(), c); };
  CHECK(count(out, '\n') == count(text, '\n'));
  CHECK(out.find("leading comment") == std::string::npos);
  CHECK(out.find("# dropped") == std::string::npos);
  CHECK(out.find("# kept: block content") != std::string::npos);
  CHECK(out.find("# kept: deeper") != std::string::npos);
  CHECK(out.find("# kept too") != std::string::npos);
  CHECK(out.find("# kept: inside a double-quoted scalar") != std::string::npos);
  CHECK(out.find("# kept: inside a single-quoted scalar") != std::string::npos);
  CHECK(out.find("# kept in a list item block") != std::string::npos);
  auto p = parse(text);
  REQUIRE(p->ok);
  CHECK(p->value.find("script")->text == "# kept: block content\necho hi\n  # kept: deeper\n");
  CHECK(p->value.find("quoted")->text == "first # kept: inside a double-quoted scalar last");
  CHECK(p->value.find("plain")->text == "don't");
  CHECK(p->value.find("list")->items.at(0).text == "# kept in a list item block\n");
}
