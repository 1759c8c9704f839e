// Ansible inventories as ansible-core reads them: INI or YAML hosts files, group_vars/ and
// host_vars/ beside them. Knows nothing of Kubespray or RKE2; platform loaders build on it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "load/common/yaml.hpp"
#include "kubegate/diagnostic.hpp"
#include "kubegate/model.hpp"
#include "load/common/files.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// A host as declared in a hosts file.
struct AnsibleHost {
  std::string name;
  SourceLoc loc;
  /// Variables written on the host's line or under it (layer inventory_host).
  DefinitionTable* inline_vars = nullptr;
  /// host_vars/<name> (layer host_vars), nullptr when there is none.
  DefinitionTable* file_vars = nullptr;
};

/// Host names to their index in a host list: open addressing over the hosts' own names, so that
/// a lookup among 100,000 hosts reads one slot and one name (not a bucket and a node, as
/// std::unordered_map does), and nothing is allocated per host.
class HostIndex {
 public:
  /// The index of the host named `name` in `hosts`; nullopt when there is none.
  std::optional<std::uint32_t> find(std::string_view name, const std::vector<AnsibleHost>& hosts) const;
  /// Records that the host at `index` is named `name`, a name not recorded yet.
  void insert(std::string_view name, std::uint32_t index);
  /// Room for `n` names in all without growing.
  void reserve(std::size_t n);
  std::size_t size() const { return size_; }

 private:
  /// Puts a slot into the first free place from its hash on.
  void place(std::uint64_t slot);
  void grow(std::size_t capacity);
  /// The name's 32-bit hash above the index plus one; 0 is a free slot. Never more than half full.
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

/// A group as declared in a hosts file.
struct AnsibleGroup {
  std::string name;
  SourceLoc loc;
  std::vector<std::string> children;
  /// Its hosts as indexes into AnsibleInventory::hosts, in the order the file lists them, each once.
  std::vector<std::uint32_t> hosts;
  /// The highest of `hosts`: members mostly come in index order, and one above them all is new.
  std::uint32_t highest = 0;
  /// The same hosts as a set, built when a member first comes out of order: adding one is no scan.
  std::unordered_set<std::uint32_t> host_set;
  /// Variables of `[group:vars]` or `vars:` (layer inventory_all / inventory_group).
  DefinitionTable* inline_vars = nullptr;
  /// group_vars/<name> (layer group_vars_all / group_vars_group), nullptr when there is none.
  DefinitionTable* file_vars = nullptr;
};

/// One inventory: one hosts file plus the variable folders beside it.
struct AnsibleInventory {
  /// The hosts file as the user would name it.
  std::string hosts_file;
  std::uint32_t file = 0;
  /// Groups by name; always holds `all` and `ungrouped`.
  std::map<std::string, AnsibleGroup> groups;
  /// Hosts in the order they were first declared.
  std::vector<AnsibleHost> hosts;
  HostIndex host_index;
  /// Owns every definition table.
  std::vector<std::unique_ptr<DefinitionTable>> tables;
  /// The plugin a YAML inventory plugin configuration names ("aws_ec2"); it lists no hosts.
  std::string plugin;
  /// A template placeholder of the hosts file ("${cp_nodes}", "<your-server-ip>"): something
  /// renders the file before Ansible reads it, so its hosts are not these.
  std::string placeholder;
  /// Variables files read as Ansible reads them: a key defined twice keeps its last value and is
  /// listed in `duplicate_keys` (false: such a file is a load error).
  bool keep_last_duplicate = false;
  /// The keys variables files define twice, when keep_last_duplicate.
  std::vector<DuplicateKey> duplicate_keys;

  /// Where a parent group lists a child group, by (parent, child).
  std::map<std::pair<std::string, std::string>, SourceLoc> child_locs;

  /// Adds host `host` (an index into `hosts`) to group `g` unless it is there already.
  void add_member(AnsibleGroup& g, std::uint32_t host);
  /// The group, created (as a child of nothing yet) when missing.
  AnsibleGroup& group(const std::string& name, SourceLoc loc);
  /// The index of the host in `hosts`, created when missing.
  std::uint32_t host(const std::string& name, SourceLoc loc);
  /// The index of the host in `hosts`; nullopt when there is none.
  std::optional<std::uint32_t> find_host(std::string_view name) const { return host_index.find(name, hosts); }
  /// A new, owned definition table.
  DefinitionTable* new_table(Layer layer, std::string owner);
};

/// Reads a hosts file (INI or YAML, decided by content) into `inv`; false on a load error.
bool load_hosts_file(SourceManager& sources, const std::string& path, AnsibleInventory& inv,
                     std::vector<LoadError>& errors);

/// Reads group_vars/ and host_vars/ from `dir` for every group and host of `inv`, plus the
/// extra group names given (groups a platform creates at run time, e.g. kube_control_plane).
void load_vars_dirs(SourceManager& sources, const std::string& dir, AnsibleInventory& inv,
                    const std::vector<std::string>& extra_groups, std::vector<LoadError>& errors);

/// Every group's hosts (its descendants' hosts included) and depth, which order group variables.
struct GroupIndex {
  /// Per group, its hosts as indexes into AnsibleInventory::hosts, sorted, each once.
  std::map<std::string, std::vector<std::uint32_t>> members;
  /// 0 for `all`, one more than the deepest parent otherwise; a group a platform adds at run
  /// time (absent here) counts as a child of `all`.
  std::map<std::string, int> depth;

  /// Adds the hosts of group `from`, when it has any, to group `to` (a platform's run-time groups).
  void merge(const std::string& from, const std::string& to);
  /// True when group `group` holds host `host` (an index into AnsibleInventory::hosts).
  bool contains(const std::string& group, std::uint32_t host) const;
  /// The groups host `host` is in, `all` excepted, by name; indexed at the first call, after the last merge.
  const std::vector<const std::string*>& groups_of(std::uint32_t host) const;

 private:
  mutable std::vector<std::vector<const std::string*>> groups_of_;
  mutable bool indexed_ = false;
};

/// Indexes the groups of `inv`; a platform may add to `members` the groups it creates at run time.
GroupIndex index_groups(const AnsibleInventory& inv);

/// The variable tables that apply to host `host` (an index into AnsibleInventory::hosts), lowest
/// precedence first, as ansible-core combines them: hosts-file vars of `all`, then of the host's
/// groups, group_vars/all, group_vars of the groups (groups by depth, ansible_group_priority,
/// name), the host's line, host_vars/. `groups` receives the host's groups, `all` included, sorted.
std::vector<const DefinitionTable*> ansible_host_tables(const AnsibleInventory& inv, const GroupIndex& index,
                                                        std::uint32_t host, std::vector<std::string>& groups);

/// Marks `n` as Windows (with the reason) when Ansible reaches it as one: ansible_connection
/// winrm|psrp, ansible_shell_type powershell or ansible_os_family Windows in `vars`.
void os_from_ansible(const Scope& vars, Node& n);

/// Expands Ansible host ranges: "node[01:03]" -> node01 node02 node03; "[a:c]" letters; empty
/// past limits::kHostsPerFile names.
std::vector<std::string> expand_host_pattern(const std::string& pattern);
/// Expands like the above; nullopt when the names would be more than `budget`, which is lowered by their count
/// otherwise.
std::optional<std::vector<std::string>> expand_host_pattern(const std::string& pattern, std::size_t& budget);

/// True when a file looks like a hosts file (an INI inventory, or YAML with groups at the top).
bool looks_like_hosts_file(const std::string& path);


}  // namespace kubegate
