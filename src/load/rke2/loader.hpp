// RKE2 configurations: one node's folder (/etc/rancher/rke2: config.yaml, config.yaml.d/,
// registries.yaml), a cluster folder with one such folder per node, and Ansible inventories for
// rancherfederal/rke2-ansible; all turned into the typed cluster model (Platform::rke2).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"
#include "kubegate/source.hpp"
#include "load/common/secrets.hpp"

namespace kubegate {

/// True when `dir` holds RKE2 nodes: config.yaml with an RKE2 key, config.yaml.d/, a
/// registries.yaml with mirrors or configs, or a `*config*.yaml` that looks_like_rke2_config.
bool is_rke2_node_dir(const std::string& dir, const Rke2Facts& facts);

/// True when `path` is a YAML file whose top-level keys are all keys RKE2 accepts; in a folder
/// (`named` false) also two keys at least or a hyphenated one, so that `debug:` alone is nobody's.
bool looks_like_rke2_config(const std::string& path, const Rke2Facts& facts, bool named);

/// The nodes of one folder: the folder itself when it holds config.yaml or config.yaml.d/ (or
/// only a registries.yaml), then each `*config*.yaml|yml` beside it that looks_like_rke2_config,
/// as a file; `forced` (--platform rke2) takes config.yaml whatever its keys.
std::vector<std::string> rke2_nodes_of(const std::string& dir, const Rke2Facts& facts, bool forced);

/// The RKE2 node folders directly inside `dir` (a cluster folder), sorted; empty when none.
std::vector<std::string> rke2_node_dirs_in(const std::string& dir, const Rke2Facts& facts);

/// True when a hosts file is written for an RKE2 Ansible role (schemas/rke2/ansible-roles.json):
/// it declares a group of rke2-ansible, it or the group_vars/ and host_vars/ beside it define a
/// variable of rke2-ansible or lablabs/ansible-role-rke2, or it names none of Kubespray's groups but
/// lablabs' default ones or groups named for RKE or k3s.
bool is_rke2_inventory(const Knowledge& k, const std::string& hosts_file);

/// Reads config.yaml and config.yaml.d/*.yaml|*.yml of `dir` (or the file `dir`, a config under
/// another name) merged as RKE2 merges them: one
/// table per file that exists, in reading order; a key's definition in a file holds its value
/// after that file (a `key+` holds the earlier items, with their own positions, plus its own).
/// `first_file` receives the id of the first file read (0: none).
std::vector<std::unique_ptr<DefinitionTable>> load_rke2_config(SourceManager& sources, const SecretPolicy& secrets,
                                                               const std::string& dir, std::vector<LoadError>& errors,
                                                               std::uint32_t& first_file);

/// Makes the strings an unexecuted Jinja template decides (`{{ ... }}`) unknown, in the whole tree.
void mark_templates(Value& v);

/// Merges one config mapping (a file's top level, or an rke2_config dict) onto `current`, the
/// definitions of the tables read before; fills `table`.
void merge_rke2_config(const Value& top, const std::string& owner, DefinitionTable& table,
                       std::map<std::string, const Definition*>& current);

/// Reads a registries.yaml; false on a load error. Secret values are redacted in `sources`.
bool load_registries(SourceManager& sources, const SecretPolicy& secrets, const std::string& path, Registries& out,
                     std::vector<LoadError>& errors);

/// Loads RKE2 nodes (folders, or config files under other names) as one cluster named `name`
/// (node name = folder or file name); `version` is --rke2-version ("" when not given).
void load_rke2_nodes(SourceManager& sources, const Knowledge& k, const std::string& name, const std::vector<std::string>& node_dirs,
                     const std::string& version, Cluster& out, std::vector<LoadError>& errors);

/// Loads an rke2-ansible inventory: `hosts_file` with the group_vars/ and host_vars/ of `dir`.
void load_rke2_ansible(SourceManager& sources, const Knowledge& k, const std::string& dir, const std::string& hosts_file,
                       const std::string& version, Cluster& out, std::vector<LoadError>& errors);

}  // namespace kubegate
