// Variables as the tools resolve them: definitions, their precedence layers, settings, scopes.
//
// Terms.
//  - A *definition* is one place that sets a variable: `kube_network_plugin: calico` at
//    group_vars/k8s_cluster/k8s-cluster.yml:12:1, or a built-in release default (no file).
//  - A *layer* is where a definition sits in the tool's precedence order. For Ansible
//    inventories (Kubespray), per host, lowest first, exactly as ansible-core's
//    VARIABLE_PRECEDENCE default combines them:
//      release default < inventory-file vars of `all` < inventory-file vars of the host's
//      groups < group_vars/all < group_vars/<group> < inventory-file host vars < host_vars/<host>
//      < facts the release itself sets before its checks (set_fact, from schemas/)
//    Tools configured by their own files (kube-up env files, RKE2 config.yaml) use two layers:
//      tool default < configuration file (later files and later lines win)
//    Groups of one layer are ordered by depth, then ansible_group_priority, then name; the
//    later one wins. Dictionaries replace, they do not merge (hash_behaviour=replace).
//    Note that host_vars/ files beat variables written on the host's inventory line.
//  - A *scope* is the ordered list of definition tables that apply to one node. Looking a
//    name up returns a *setting*: the winning definition, the ones it overrode, and its value
//    after Jinja references were followed.
//  - Jinja is never executed. `{{ name }}`, `{{ name | default(x) }}`, `| bool`, `| int`,
//    `| string` are followed through the same scope; anything else yields an `unknown`
//    value, and checks treat unknown as "cannot tell", never as a finding.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kubegate/source.hpp"
#include "kubegate/value.hpp"

namespace kubegate {

/// Where a definition sits in the precedence order (lowest first).
enum class Layer : std::uint8_t {
  release_default,
  inventory_all,
  inventory_group,
  group_vars_all,
  group_vars_group,
  inventory_host,
  host_vars,
  set_fact,
  config_file,
};

/// One place that sets a variable.
struct Definition {
  std::string name;
  Value value;
  /// Position of the key (unknown for built-in release defaults; a checkout's defaults keep theirs).
  SourceLoc loc;
  Layer layer = Layer::release_default;
  /// The group or host the definition belongs to; for defaults, the upstream file it mirrors.
  std::string owner;
};

/// The definitions of one owner at one layer (e.g. everything group_vars/etcd.yml sets).
struct DefinitionTable {
  Layer layer = Layer::release_default;
  std::string owner;
  std::unordered_map<std::string, Definition> vars;
};

/// The effective value of a variable for one node.
struct Setting {
  std::string name;
  /// The winning definition; nullptr when nothing defines the variable.
  const Definition* definition = nullptr;
  /// The value after following Jinja references; `unknown` when it cannot be told.
  Value value;
  /// Lower-precedence definitions this one overrode, highest first.
  std::vector<const Definition*> overridden;
  /// Definitions a Jinja reference was followed through, in the order they were followed.
  std::vector<const Definition*> via;

  explicit operator bool() const { return definition != nullptr; }
  /// Where the value was set in a file (for a set_fact, where its condition was set); falls
  /// back to the first referenced file definition.
  SourceLoc loc() const;
  /// True when the effective value comes from a built-in release default.
  bool is_default() const;
  /// Where the user's configuration sets the value; unknown when it is a built-in default.
  SourceLoc user_loc() const { return is_default() ? SourceLoc{} : loc(); }
  /// The value through Ansible's `bool` filter; nullopt when unset or unknown.
  std::optional<bool> truth() const;
  /// The value as a string scalar (strings, numbers as written); nullopt when unset or unknown.
  std::optional<std::string> text() const;
  /// The value as an integer; nullopt when unset or unknown.
  std::optional<std::int64_t> integer() const;
};

/// A setting read once as a T (a network, a version, a number): everything the Setting says, and
/// the typed value.
template <class T>
struct Fact : Setting {
  /// The value as a T; nullopt when unset, when it cannot be told (templated, secret, unevaluated)
  /// or when it is not a T (the check about that value says why).
  std::optional<T> typed;

  Fact() = default;
  /// A loader fills the setting; the model reads it as a T (type_common_facts).
  Fact(Setting s) : Setting(std::move(s)) {}  // NOLINT(google-explicit-constructor)
};

/// The variables that apply to one node, in precedence order.
class Scope {
 public:
  /// Templated settings already resolved, shared by the scopes of one cluster (thread-safe).
  struct Memo;
  /// A memo for scopes built over the same tables (the nodes of one cluster).
  static std::shared_ptr<Memo> make_memo();

  Scope() = default;
  /// `tables` lowest precedence first; `host` is the value of inventory_hostname; `memo`, when
  /// given, lets scopes that share it reuse each other's Jinja resolutions.
  Scope(std::vector<const DefinitionTable*> tables, std::string host, std::shared_ptr<Memo> memo = nullptr);
  /// The effective setting of `name` (an empty setting when nothing defines it).
  Setting get(std::string_view name) const;
  /// Every variable name any table defines.
  std::vector<std::string> names() const;
  /// The tables, lowest precedence first.
  const std::vector<const DefinitionTable*>& tables() const { return tables_; }
  /// This scope with `top` above its tables (same host, same memo).
  Scope with(const DefinitionTable* top) const;

 private:
  /// One resolution in progress: the variables being resolved and the lookups made so far.
  struct Walk;
  /// The setting of `name` as its definitions give it, Jinja not followed.
  Setting find(std::string_view name) const;
  /// The setting of `name`, its Jinja followed within the bounds of `walk`.
  Setting resolve(std::string_view name, Walk& walk) const;
  /// Follows the Jinja of the templated `s` within the bounds of `walk`.
  void render(Setting& s, Walk& walk) const;
  std::vector<const DefinitionTable*> tables_;
  std::string host_;
  std::shared_ptr<Memo> memo_;
};

}  // namespace kubegate
