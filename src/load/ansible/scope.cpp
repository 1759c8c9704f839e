// Scope lookups: Ansible precedence and the Jinja references a value makes, followed through the
// same scope (the model's Scope is read through the Ansible loader's rules).
#include <algorithm>
#include <set>

#include "kubegate/model/settings.hpp"
#include "load/ansible/jinja.hpp"
#include "load/common/limits.hpp"

namespace kubegate {

struct Scope::Walk {
  /// The variables being resolved, outermost first: one met again is a cycle, and unknown.
  std::vector<std::string> stack;
  /// Lookups made so far (bounded by limits::kTemplateSteps).
  int steps = 0;
};

Scope::Scope(std::vector<const DefinitionTable*> tables, std::string host)
    : tables_(std::move(tables)), host_(std::move(host)) {}

Setting Scope::get(std::string_view name) const {
  Walk walk;
  return resolve(name, walk);
}

Setting Scope::resolve(std::string_view name, Walk& walk) const {
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
  if (static_cast<int>(walk.stack.size()) >= limits::kTemplateDepth || ++walk.steps > limits::kTemplateSteps ||
      std::find(walk.stack.begin(), walk.stack.end(), key) != walk.stack.end()) {
    s.value = Value::make_unknown(s.value.text, s.value.loc);
    return s;
  }
  jinja::Lookup lookup = [&](std::string_view ref) -> std::optional<Value> {
    if (ref == "inventory_hostname") {
      if (host_.empty()) return Value::make_unknown("inventory_hostname");
      return Value::make_string(host_);
    }
    Setting inner = resolve(ref, walk);
    if (!inner.definition) return std::nullopt;
    s.via.push_back(inner.definition);
    s.via.insert(s.via.end(), inner.via.begin(), inner.via.end());
    return inner.value;
  };
  walk.stack.push_back(key);
  s.value = jinja::render(s.value.text, s.value.loc, lookup);
  walk.stack.pop_back();
  return s;
}

std::vector<std::string> Scope::names() const {
  std::set<std::string> all;
  for (const DefinitionTable* t : tables_)
    for (const auto& [k, v] : t->vars) all.insert(k);
  return {all.begin(), all.end()};
}

}  // namespace kubegate
