#include <catch2/catch.hpp>

#include <map>

#include "load/ansible/jinja.hpp"

using namespace kubegate;

namespace {

Value render(const std::string& text, const std::map<std::string, Value>& vars = {}) {
  jinja::Lookup lookup = [&](std::string_view name) -> std::optional<Value> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  return jinja::render(text, {}, lookup);
}

}  // namespace

TEST_CASE("plain references keep the referenced value's type", "[jinja]") {
  auto v = render("{{ rotate }}", {{"rotate", Value::make_bool(true)}});
  CHECK(v.kind == Value::Kind::boolean);
  CHECK(v.boolean);
  CHECK(render("{{rotate}}", {{"rotate", Value::make_int(3)}}).integer == 3);
}

TEST_CASE("text around references renders as a string", "[jinja]") {
  auto v = render("{{ dir }}/ssl", {{"dir", Value::make_string("/etc/kubernetes")}});
  CHECK(v.kind == Value::Kind::string);
  CHECK(v.text == "/etc/kubernetes/ssl");
}

TEST_CASE("supported filters", "[jinja]") {
  CHECK(render("{{ missing | default('calico') }}").text == "calico");
  CHECK(render("{{ missing | d(24) }}").integer == 24);
  CHECK(render("{{ x | default('y') }}", {{"x", Value::make_string("set")}}).text == "set");
  CHECK(render("{{ x | default('y', true) }}", {{"x", Value::make_string("")}}).text == "y");
  CHECK(render("{{ x | bool }}", {{"x", Value::make_string("yes")}}).boolean);
  CHECK(render("{{ x | int }}", {{"x", Value::make_string("110")}}).integer == 110);
  CHECK(render("{{ x | string }}", {{"x", Value::make_int(5)}}).text == "5");
  CHECK(render("{{ x | lower }}", {{"x", Value::make_string("ABC")}}).text == "abc");
  CHECK(render("{{ m.k }}", {{"m", [] {
                                Value m;
                                m.kind = Value::Kind::map;
                                m.entries.push_back({"k", {}, Value::make_string("v")});
                                return m;
                              }()}})
            .text == "v");
}

TEST_CASE("anything else is unknown: never executed, never guessed", "[jinja]") {
  CHECK(render("{{ lookup('env', 'HOME') }}").kind == Value::Kind::unknown);
  CHECK(render("{{ lookup('password', '/tmp/x') }}").kind == Value::Kind::unknown);
  CHECK(render("{{ a + b }}", {{"a", Value::make_int(1)}, {"b", Value::make_int(2)}}).kind == Value::Kind::unknown);
  CHECK(render("{{ x | ipaddr('net') }}", {{"x", Value::make_string("10.0.0.0/8")}}).kind == Value::Kind::unknown);
  CHECK(render("{% if x %}a{% endif %}").kind == Value::Kind::unknown);
  CHECK(render("{{ groups['etcd'] }}").kind == Value::Kind::unknown);
  CHECK(render("{{ undefined_var }}").kind == Value::Kind::unknown);
  CHECK(render("{{ unterminated").kind == Value::Kind::unknown);
}
