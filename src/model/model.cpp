#include "kubegate/model.hpp"

#include <algorithm>
#include <set>

#include "load/ansible/jinja.hpp"

namespace kubegate {

namespace {
constexpr int kMaxTemplateDepth = 24;
}  // namespace

SourceLoc Setting::loc() const {
  if (definition && definition->loc.known()) return definition->loc;
  for (const Definition* d : via)
    if (d->loc.known()) return d->loc;
  return {};
}

bool Setting::is_default() const { return definition && definition->layer == Layer::release_default; }

std::optional<bool> Setting::truth() const {
  if (!definition || value.is_unknown()) return std::nullopt;
  return ansible_truth(value);
}

std::optional<std::string> Setting::text() const {
  if (!definition) return std::nullopt;
  switch (value.kind) {
    case Value::Kind::string:
    case Value::Kind::integer:
    case Value::Kind::real:
    case Value::Kind::boolean: return value.text;
    default: return std::nullopt;
  }
}

std::optional<std::int64_t> Setting::integer() const {
  if (!definition) return std::nullopt;
  return as_integer(value);
}

Scope::Scope(std::vector<const DefinitionTable*> tables, std::string host)
    : tables_(std::move(tables)), host_(std::move(host)) {}

Setting Scope::get(std::string_view name) const { return resolve(name, 0); }

Setting Scope::resolve(std::string_view name, int depth) const {
  Setting s;
  s.name = std::string(name);
  std::string key(name);
  for (auto it = tables_.rbegin(); it != tables_.rend(); ++it) {
    auto found = (*it)->vars.find(key);
    if (found == (*it)->vars.end()) continue;
    if (!s.definition) {
      s.definition = &found->second;
    } else {
      s.overridden.push_back(&found->second);
    }
  }
  if (!s.definition) {
    if (name == "inventory_hostname" && !host_.empty()) s.value = Value::make_string(host_);
    return s;
  }
  s.value = s.definition->value;
  // Tools configured by their own files (kube-up env files, RKE2 config.yaml) have no Jinja.
  if (s.definition->layer == Layer::config_file) return s;
  if (s.value.kind != Value::Kind::string || !jinja::is_template(s.value.text)) return s;
  if (depth >= kMaxTemplateDepth) {
    s.value = Value::make_unknown(s.value.text, s.value.loc);
    return s;
  }
  jinja::Lookup lookup = [&](std::string_view ref) -> std::optional<Value> {
    if (ref == "inventory_hostname") {
      if (host_.empty()) return Value::make_unknown("inventory_hostname");
      return Value::make_string(host_);
    }
    Setting inner = resolve(ref, depth + 1);
    if (!inner.definition) return std::nullopt;
    s.via.push_back(inner.definition);
    s.via.insert(s.via.end(), inner.via.begin(), inner.via.end());
    return inner.value;
  };
  s.value = jinja::render(s.value.text, s.value.loc, lookup);
  return s;
}

std::vector<std::string> Scope::names() const {
  std::set<std::string> all;
  for (const DefinitionTable* t : tables_)
    for (const auto& [k, v] : t->vars) all.insert(k);
  return {all.begin(), all.end()};
}

bool Node::in_group(std::string_view group) const {
  return std::binary_search(groups.begin(), groups.end(), group);
}

const Group* Cluster::group(std::string_view group_name) const {
  for (const Group& g : groups)
    if (g.name == group_name) return &g;
  for (const Group& g : groups)
    if (g.legacy_of == group_name) return &g;
  return nullptr;
}

std::vector<const Node*> Cluster::with_role(Role r) const {
  std::vector<const Node*> out;
  for (const Node& n : nodes)
    if (n.has(r)) out.push_back(&n);
  return out;
}

}  // namespace kubegate
