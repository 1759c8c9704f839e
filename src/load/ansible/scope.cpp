// Scope lookups: Ansible precedence and the Jinja references a value makes, followed through the
// same scope (the model's Scope is read through the Ansible loader's rules).
#include <algorithm>
#include <mutex>
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
  /// Every name looked up (kept when the scope has a memo): the result depends on their definitions alone.
  std::vector<std::string> reads;
  /// Set once inventory_hostname was read: the result is this host's alone.
  bool host_dependent = false;
};

namespace {

/// Lets the memo be searched by string_view.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

// A templated setting is rendered once per distinct set of tables that define what it reads: the
// nodes of a cluster share their group tables, and a host's own table rarely defines what a
// release default reads.
struct Scope::Memo {
  /// How many variants of one name are kept.
  static constexpr std::size_t kVariants = 16;
  struct Entry {
    /// The tables of the scope that resolved it.
    std::vector<const DefinitionTable*> tables;
    std::vector<std::string> reads;
    Setting result;
  };
  std::mutex mutex;
  std::unordered_map<std::string, std::vector<Entry>, NameHash, std::equal_to<>> entries;
};

std::shared_ptr<Scope::Memo> Scope::make_memo() { return std::make_shared<Memo>(); }

Scope::Scope(std::vector<const DefinitionTable*> tables, std::string host, std::shared_ptr<Memo> memo)
    : tables_(std::move(tables)), host_(std::move(host)), memo_(std::move(memo)) {}

Scope Scope::with(const DefinitionTable* top) const {
  std::vector<const DefinitionTable*> tables = tables_;
  tables.push_back(top);
  return Scope(std::move(tables), host_, memo_);
}

namespace {

/// True when the value is Jinja that a lookup renders.
bool templated(const Definition& d) {
  return d.layer != Layer::config_file && d.value.kind == Value::Kind::string && jinja::is_template(d.value.text);
}

/// True when scopes over `a` and over `b` give each of `names` the same definitions: the tables
/// are the same but where neither of the two defines any of them.
bool same_definitions(const std::vector<const DefinitionTable*>& a, const std::vector<const DefinitionTable*>& b,
                      const std::vector<std::string>& names) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    for (const std::string& n : names)
      if (a[i]->vars.count(n) || b[i]->vars.count(n)) return false;
  }
  return true;
}

}  // namespace

Setting Scope::get(std::string_view name) const {
  Setting s = find(name);
  if (!s.definition || !templated(*s.definition)) return s;
  Walk walk;
  if (!memo_) {
    render(s, walk);
    return s;
  }
  {
    std::lock_guard lock(memo_->mutex);
    if (auto it = memo_->entries.find(name); it != memo_->entries.end())
      for (const Memo::Entry& e : it->second)
        if (same_definitions(e.tables, tables_, e.reads)) return e.result;
  }
  walk.reads.emplace_back(name);
  render(s, walk);
  if (!walk.host_dependent) {
    std::lock_guard lock(memo_->mutex);
    std::vector<Memo::Entry>& variants = memo_->entries[std::string(name)];
    if (variants.size() < Memo::kVariants) variants.push_back({tables_, std::move(walk.reads), s});
  }
  return s;
}

Setting Scope::find(std::string_view name) const {
  Setting s;
  s.name = std::string(name);
  for (auto it = tables_.rbegin(); it != tables_.rend(); ++it) {
    auto found = (*it)->vars.find(s.name);
    if (found == (*it)->vars.end()) continue;
    if (!s.definition) {
      s.definition = &found->second;
    } else {
      s.overridden.push_back(&found->second);
    }
  }
  if (s.definition) {
    s.value = s.definition->value;
  } else if (name == "inventory_hostname" && !host_.empty()) {
    s.value = Value::make_string(host_);
  }
  return s;
}

Setting Scope::resolve(std::string_view name, Walk& walk) const {
  Setting s = find(name);
  if (s.definition && templated(*s.definition)) render(s, walk);
  return s;
}

void Scope::render(Setting& s, Walk& walk) const {
  if (static_cast<int>(walk.stack.size()) >= limits::kTemplateDepth || ++walk.steps > limits::kTemplateSteps ||
      std::find(walk.stack.begin(), walk.stack.end(), s.name) != walk.stack.end()) {
    s.value = Value::make_unknown(s.value.text, s.value.loc);
    return;
  }
  jinja::Lookup lookup = [&](std::string_view ref) -> std::optional<Value> {
    if (ref == "inventory_hostname") {
      walk.host_dependent = true;
      if (host_.empty()) return Value::make_unknown("inventory_hostname");
      return Value::make_string(host_);
    }
    if (memo_) walk.reads.emplace_back(ref);
    Setting inner = resolve(ref, walk);
    if (!inner.definition) return std::nullopt;
    s.via.push_back(inner.definition);
    s.via.insert(s.via.end(), inner.via.begin(), inner.via.end());
    return inner.value;
  };
  walk.stack.push_back(s.name);
  s.value = jinja::render(s.value.text, s.value.loc, lookup);
  walk.stack.pop_back();
}

std::vector<std::string> Scope::names() const {
  std::set<std::string> all;
  for (const DefinitionTable* t : tables_)
    for (const auto& [k, v] : t->vars) all.insert(k);
  return {all.begin(), all.end()};
}

}  // namespace kubegate
