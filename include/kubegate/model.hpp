// The typed cluster model that loaders fill and checks read: plain data. The variables behind it
// (definitions, precedence, settings) are in model/settings.hpp; each tool's own settings are
// fields of its view (model/kubespray.hpp, model/rke2.hpp, model/kubeup.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kubegate/model/kubespray.hpp"
#include "kubegate/net.hpp"
#include "kubegate/version.hpp"
#include "kubegate/model/kubeup.hpp"
#include "kubegate/model/settings.hpp"
#include "kubegate/source.hpp"
#include "kubegate/value.hpp"

namespace kubegate {

/// The deployment tool a configuration is written for.
enum class Platform : std::uint8_t { kubespray = 1, rke2 = 2, kubeup = 4 };

/// "kubespray", "rke2", "kubeup".
std::string_view to_string(Platform p);
/// The platform named by to_string, or nullopt.
std::optional<Platform> parse_platform(std::string_view s);

/// What a node does in the cluster (a bit set).
enum Role : std::uint8_t {
  role_none = 0,
  role_control_plane = 1,
  role_worker = 2,
  role_etcd = 4,
  role_route_reflector = 8,
};

/// Operating system family of a node.
enum class Os : std::uint8_t { linux, windows };

/// An inventory group.
struct Group {
  /// The name as written in the inventory.
  std::string name;
  /// Where the group is first declared.
  SourceLoc loc;
  std::vector<std::string> children;
  /// Hosts listed directly in the group, by node index.
  std::vector<std::size_t> hosts;
  /// For a legacy spelling (`kube-master`), the canonical name it stands for.
  std::string legacy_of;
  /// Whether the targeted release maps this legacy name onto its canonical group.
  bool legacy_mapped = false;
};

/// One machine of the cluster.
struct Node {
  std::string name;
  /// Where the node is first declared.
  SourceLoc loc;
  /// Every group the node belongs to after legacy mapping, ancestors included, sorted.
  std::vector<std::string> groups;
  /// Bit set of Role.
  std::uint8_t roles = role_none;
  Os os = Os::linux;
  /// Why `os` is what it is ("default", "ansible_os_family=Windows"), and where that is written.
  std::string os_reason = "default";
  SourceLoc os_at;
  /// CPU architecture when stated (amd64, arm64, ...); empty when not.
  std::string arch;
  /// How many identical machines this entry stands for (a kube-up node group); 1 for a host.
  std::uint32_t count = 1;
  /// The node's variables.
  Scope vars;
  /// Index into Cluster::registries of the registries.yaml this node reads; -1 when none.
  int registries = -1;
  /// False when `name` is not the machine's host name (an RKE2 config file under another name):
  /// checks that compare host names with it cannot tell.
  bool name_is_host = true;

  bool has(Role r) const { return (roles & r) != 0; }
  bool in_group(std::string_view group) const;
};

/// How a Kubespray release was chosen, strongest evidence first.
enum class ReleaseEvidence : std::uint8_t {
  /// --kubespray-version named it.
  flag,
  /// The inventory sits inside a Kubespray checkout (its galaxy.yml and role defaults).
  checkout,
  /// Files of the inventory are byte-identical to stock sample files of some releases only.
  sample_files,
  /// The inventory pins a kube_version that only some releases install.
  kube_version,
  /// A requirements.yml pins the Kubespray collection at a release.
  collection_pin,
  /// Nothing told: every release kubegate knows is possible.
  newest_default,
};

/// "flag", "checkout", "sample_files", "kube_version", "collection_pin", "newest_default".
std::string_view to_string(ReleaseEvidence e);

/// How well the release the findings are judged against is known.
enum class ReleaseCertainty : std::uint8_t {
  /// The user named it: --kubespray-version, a checkout's galaxy.yml, a collection pin.
  named,
  /// The inventory's evidence leaves exactly one release.
  certain,
  /// The evidence leaves several releases (`candidates`); a finding must hold on each.
  uncertain,
  /// No evidence: every release kubegate knows is a candidate.
  guessed,
};

/// "named", "certain", "uncertain", "guessed".
std::string_view to_string(ReleaseCertainty c);

/// The release of the deployment tool the cluster is judged against, and why. What the release
/// does is knowledge: checks read it from `data` (CheckContext::release_data).
struct Release {
  /// The release, e.g. "2.24.0".
  std::string version;
  /// Why this release was assumed ("--kubespray-version", "default: newest known").
  std::string reason;
  /// The knowledge document that describes the release ("schemas/kubespray/v2.24.0.json");
  /// release-dependent checks read their facts from it (CheckContext::release_data).
  std::string data;
  /// Kubernetes versions this release can deploy (oldest, newest), as written in its checksums.
  std::string kube_version_min;
  std::string kube_version_max;
  /// Every Kubernetes version the release has checksums for, newest first, without a leading v.
  std::vector<std::string> kube_versions;
  /// The release writes kube_version with a leading v ("v1.28.6" in v2.24.0; "1.35.4" later).
  bool kube_version_v_prefix = false;
  /// The evidence the release was chosen on; `reason` says it in words.
  ReleaseEvidence evidence = ReleaseEvidence::newest_default;
  /// The release the evidence names ("2.24.3"); `version` is the release whose data kubegate
  /// uses (the nearest earlier one it has), the same when kubegate has that release's own data.
  std::string named;
  /// The enumeration asserts (`enums`) are the named release's own and it was not a guess.
  bool own_asserts = false;
  /// `kube_versions` and `kube_version_v_prefix` are the named release's own (not a guess).
  bool own_kube_versions = false;
  /// The inventory pins a kube_version that no Kubespray release kubegate knows can install.
  bool kube_version_unsupported_by_all = false;
  /// How well the release is known; below `certain`, the engine reports a finding only when it
  /// holds on every release of `candidates` (Cluster::alternatives).
  ReleaseCertainty certainty = ReleaseCertainty::guessed;
  /// The releases consistent with the evidence, oldest first (`version` is the newest).
  std::vector<std::string> candidates;
  /// Every Kubespray release kubegate knows, oldest first ("2.24.0", ..., "master").
  std::vector<std::string> known_releases;
  /// The oldest and newest Kubernetes version any known release installs (without a leading v).
  std::string known_kube_version_min;
  std::string known_kube_version_max;
};

/// The pod and service networks of one IP family.
struct IpFamily {
  /// Whether the cluster uses this family; nullopt when it cannot be told.
  std::optional<bool> enabled;
  Fact<Cidr> pods;
  Fact<Cidr> services;
  /// Prefix length of the block of the pod network each node gets.
  Fact<std::int64_t> node_prefix;
};

/// One `Name=value` item of a feature-gate list, as one component is told to set it.
struct FeatureGate {
  /// The item as written ("NodeSwap=true").
  std::string text;
  /// The gate name, trimmed; empty when the item has none.
  std::string name;
  /// The value as Go's strconv.ParseBool reads it; nullopt without '=' or a boolean.
  std::optional<bool> enabled;
  /// The component it is passed to ("all" for every component, "kubelet", "kube-apiserver", ...).
  std::string component;
  /// The variable or flag that carries it ("kube_feature_gates", "KUBE_FEATURE_GATES").
  std::string source;
  SourceLoc loc;
};

/// A control-plane component's `--emulated-version`, as one flag or extra argument sets it.
struct EmulatedVersion {
  /// The component it is passed to ("kube-apiserver", "kube-controller-manager", "kube-scheduler").
  std::string component;
  /// The value as the component receives it ("1.33", "kube=1.33").
  std::string text;
  /// The value as written where the tool that passes it prints it otherwise (Ansible prints an
  /// unquoted YAML 1.30 as "1.3"); empty when it is `text`.
  std::string written;
  /// The major.minor it sets for the Kubernetes components ("kube"); nullopt when `problem` says why.
  std::optional<KubeMinor> version;
  /// Why the component refuses the value before comparing versions; empty when it parses.
  std::string problem;
  /// The variable or flag that carries it ("kube_kubeadm_apiserver_extra_args", "kube-apiserver-arg").
  std::string source;
  SourceLoc loc;
};

/// The release one node's own variables install (rke2-ansible's install_rke2_version, set per
/// group or host), for the nodes whose variables state one.
struct NodeRelease {
  /// Index into Cluster::nodes.
  std::uint32_t node = 0;
  /// The variable and the release it names ("v1.30.4+rke2r1").
  Setting stated;
  /// The Kubernetes version that release ships; nullopt when it cannot be told (templated).
  std::optional<KubeVersion> kubernetes;
};

/// One mirror of registries.yaml: the registry name and the endpoints containerd tries.
struct RegistryMirror {
  /// The registry as written ("docker.io", "*").
  std::string name;
  SourceLoc loc;
  /// Endpoint URLs as written, each with its own position.
  std::vector<Value> endpoints;
};

/// One `configs` entry of registries.yaml: credentials and TLS for one endpoint host.
struct RegistryConfig {
  /// The endpoint host[:port] as written.
  std::string host;
  SourceLoc loc;
  /// Where `auth` is written; unknown when there is none.
  SourceLoc auth;
  /// The auth fields present (username, password, auth, identitytoken, ...); secrets are Kind::secret.
  std::vector<MapEntry> auth_fields;
  /// Where `tls` is written; unknown when there is none.
  SourceLoc tls;
  /// tls.ca_file, tls.cert_file, tls.key_file, tls.insecure_skip_verify (null when not set).
  Value ca_file;
  Value cert_file;
  Value key_file;
  Value insecure_skip_verify;
};

/// One registries.yaml (RKE2, k3s) as containerd's configuration generator reads it.
struct Registries {
  /// The file, line 1.
  SourceLoc loc;
  std::vector<RegistryMirror> mirrors;
  std::vector<RegistryConfig> configs;
  /// Keys the lenient reader ignores (misspelled fields), with their position and the path to them.
  std::vector<MapEntry> unknown_keys;
};

/// A piece of configuration a loader did not evaluate, and why.
struct Unevaluated {
  SourceLoc loc;
  std::string what;
};

/// A variable an Ansible variables file defines twice in one mapping: Ansible warns and keeps the last.
struct DuplicateVariable {
  std::string name;
  /// The definition Ansible keeps (the last).
  SourceLoc kept;
  /// The earlier one it drops.
  SourceLoc dropped;
};

/// One cluster as read from one inventory or configuration.
struct Cluster {
  Platform platform = Platform::kubespray;
  /// The inventory as the user named it (a folder or hosts file path).
  std::string name;
  /// The main file (the hosts file), line 1: the place for findings about the whole inventory.
  SourceLoc anchor;
  /// False when no hosts file was found (a folder of group_vars/ only, hosts coming from a
  /// dynamic inventory): checks about nodes and groups have nothing to judge then.
  bool topology_known = true;
  /// Why the hosts and groups are not known ("lists no host", "an inventory plugin
  /// configuration", "declares none of Kubespray's groups"); empty when they are.
  std::string topology_unknown_why;
  Release release;
  std::vector<Group> groups;
  std::vector<Node> nodes;
  /// Cluster-wide variables: the view of the first control-plane node (Kubespray runs its
  /// run_once tasks there), or of group `all` when there is no node.
  Scope settings;
  /// Kubespray's settings as fields (Platform::kubespray), resolved from `settings` at load time.
  KubesprayFacts kubespray;
  /// kube-up's settings as fields (Platform::kubeup), resolved from `settings` at load time.
  KubeupFacts kubeup;

  /// Common facts, typed across platforms (each keeps where it came from).
  Fact<KubeVersion> kubernetes_version;
  Setting network_plugin;
  Setting container_runtime;
  Setting cloud_provider;
  IpFamily ipv4;
  IpFamily ipv6;
  std::vector<FeatureGate> feature_gates;
  /// kubeadm's own gates (Kubespray's kubeadm_feature_gates, component "kubeadm"), one per item.
  std::vector<FeatureGate> kubeadm_feature_gates;
  /// Every `--emulated-version` a control-plane component is given, one per place it is set.
  std::vector<EmulatedVersion> emulated_versions;
  /// The releases nodes' own variables install, one per node at most, in node order (RKE2 through
  /// rke2-ansible).
  std::vector<NodeRelease> node_releases;
  /// Constructs a loader read past without evaluating (a `$(...)` in an env file); values that
  /// depend on them are unknown.
  std::vector<Unevaluated> unevaluated;
  /// Keys Ansible variables files define twice (read as Ansible reads them: the last one wins).
  std::vector<DuplicateVariable> duplicate_variables;

  /// registries.yaml files the nodes read (RKE2), indexed by Node::registries.
  std::vector<Registries> registries;
  /// Owns the definition tables the scopes point into (alternatives share the inventory's).
  std::vector<std::shared_ptr<DefinitionTable>> tables;
  /// The same inventory modelled on each other release of `release.candidates`.
  std::vector<Cluster> alternatives;

  /// The group called `name` as written, else a legacy group standing for `name`, or nullptr.
  const Group* group(std::string_view group_name) const;
  /// Nodes that have role `r`.
  std::vector<const Node*> with_role(Role r) const;
};

/// Reads the common facts of `c` as their types (networks, version, node prefix), once, after
/// its loader filled the settings.
void type_common_facts(Cluster& c);

}  // namespace kubegate
