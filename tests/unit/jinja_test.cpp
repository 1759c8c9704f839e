#include <catch2/catch.hpp>

#include <map>

#include <tuple>

#include "kubegate/model/settings.hpp"
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

namespace {

/// A table of string definitions at one layer.
DefinitionTable table(Layer layer, const std::map<std::string, std::string>& vars) {
  DefinitionTable t;
  t.layer = layer;
  for (const auto& [name, text] : vars) {
    Definition d;
    d.name = name;
    d.value = Value::make_string(text);
    d.layer = layer;
    t.vars.emplace(name, std::move(d));
  }
  return t;
}

}  // namespace

TEST_CASE("scopes sharing a memo reuse a resolution only where it reads the same definitions", "[jinja][scope]") {
  const DefinitionTable defaults = table(Layer::release_default, {{"image_arch", "{{ host_architecture }}"},
                                                                  {"host_architecture", "{{ arch | default('amd64') }}"},
                                                                  {"node_name", "{{ inventory_hostname }}-n"}});
  const DefinitionTable group = table(Layer::group_vars_group, {{"arch", "arm64"}});
  const DefinitionTable a = table(Layer::inventory_host, {{"ansible_host", "10.0.0.1"}});
  const DefinitionTable b = table(Layer::inventory_host, {{"ansible_host", "10.0.0.2"}});
  const DefinitionTable c = table(Layer::inventory_host, {{"arch", "amd64"}});  // defines what image_arch reads
  const DefinitionTable d = table(Layer::inventory_host, {{"image_arch", "s390x"}});  // defines image_arch itself
  auto memo = Scope::make_memo();
  auto scope = [&](const DefinitionTable& host, const char* name) {
    return Scope({&defaults, &group, &host}, name, memo);
  };
  auto alone = [&](const DefinitionTable& host, const char* name) { return Scope({&defaults, &group, &host}, name); };

  for (auto [host, name, want] : {std::tuple{&a, "a", "arm64"}, {&b, "b", "arm64"}, {&c, "c", "amd64"},
                                  {&d, "d", "s390x"}, {&a, "a", "arm64"}}) {
    Setting with = scope(*host, name).get("image_arch"), without = alone(*host, name).get("image_arch");
    CHECK(with.value.text == want);
    CHECK(with.value.text == without.value.text);
    CHECK(with.definition == without.definition);
    CHECK(with.via == without.via);
  }
  // inventory_hostname is the host's alone: never shared.
  CHECK(scope(a, "a").get("node_name").value.text == "a-n");
  CHECK(scope(b, "b").get("node_name").value.text == "b-n");
}
