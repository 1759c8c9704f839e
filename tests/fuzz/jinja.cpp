// Fuzz target: the Jinja resolver. The input (cut at byte 0x01) holds the templates of variables
// x and y; the scope also holds a string, a boolean, an integer, a list and a map. Each template is
// rendered alone and through Scope, which follows references (x may name itself, or y).
#include "fuzz_support.hpp"
#include "kubegate/model/settings.hpp"
#include "load/ansible/jinja.hpp"

namespace {

/// Adds `name: value` to `table`.
void define(kubegate::DefinitionTable& table, const std::string& name, kubegate::Value value) {
  kubegate::Definition d;
  d.name = name;
  d.value = std::move(value);
  d.loc = {1, 1, 1};
  d.layer = table.layer;
  d.owner = table.owner;
  table.vars.emplace(name, std::move(d));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubegate;
  std::vector<std::string_view> parts = fuzz::split(fuzz::as_text(data, size), '\x01', 2);
  DefinitionTable table;
  table.layer = Layer::group_vars_all;
  table.owner = "all";
  define(table, "x", Value::make_string(std::string(parts[0]), {1, 1, 1}));
  define(table, "y", Value::make_string(parts.size() > 1 ? std::string(parts[1]) : "{{ x }}", {1, 2, 1}));
  define(table, "s", Value::make_string("Calico"));
  define(table, "b", Value::make_bool(true));
  define(table, "i", Value::make_int(3));
  Value list;
  list.kind = Value::Kind::list;
  list.items = {Value::make_int(1), Value::make_string("a")};
  define(table, "l", list);
  Value map;
  map.kind = Value::Kind::map;
  map.entries.push_back({"a", {}, Value::make_int(1)});
  define(table, "m", map);
  Scope scope({&table}, "node1");
  jinja::Lookup lookup = [&](std::string_view name) -> std::optional<Value> {
    Setting s = scope.get(name);
    if (!s.definition) return std::nullopt;
    return s.value;
  };
  for (std::string_view t : parts) {
    (void)jinja::is_template(t);
    (void)jinja::render(t, {1, 1, 1}, lookup).display();
  }
  (void)scope.get("x").value.display();
  (void)scope.get("y").value.display();
  return 0;
}
