#include "kubegate/model.hpp"

#include <algorithm>
#include <set>


namespace kubegate {

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

namespace {

/// The setting's text when it is a scalar kubegate can tell.
std::optional<std::string> scalar(const Setting& s) {
  if (!s || s.value.is_unknown()) return std::nullopt;
  return s.text();
}

void type_family(IpFamily& f) {
  if (auto t = scalar(f.pods)) f.pods.typed = parse_cidr(*t);
  if (auto t = scalar(f.services)) f.services.typed = parse_cidr(*t);
  if (!f.node_prefix.value.is_unknown()) f.node_prefix.typed = f.node_prefix.integer();
}

}  // namespace

void type_common_facts(Cluster& c) {
  if (auto t = scalar(c.kubernetes_version)) c.kubernetes_version.typed = parse_kube_version(*t);
  type_family(c.ipv4);
  type_family(c.ipv6);
}

std::string_view to_string(Platform p) {
  switch (p) {
    case Platform::kubespray: return "kubespray";
    case Platform::rke2: return "rke2";
    case Platform::kubeup: return "kubeup";
  }
  return "";
}

std::optional<Platform> parse_platform(std::string_view s) {
  for (Platform p : {Platform::kubespray, Platform::rke2, Platform::kubeup})
    if (to_string(p) == s) return p;
  return std::nullopt;
}

std::string_view to_string(ReleaseEvidence e) {
  switch (e) {
    case ReleaseEvidence::flag: return "flag";
    case ReleaseEvidence::checkout: return "checkout";
    case ReleaseEvidence::sample_files: return "sample_files";
    case ReleaseEvidence::kube_version: return "kube_version";
    case ReleaseEvidence::collection_pin: return "collection_pin";
    case ReleaseEvidence::newest_default: return "newest_default";
  }
  return "";
}

std::string_view to_string(ReleaseCertainty c) {
  switch (c) {
    case ReleaseCertainty::named: return "named";
    case ReleaseCertainty::certain: return "certain";
    case ReleaseCertainty::uncertain: return "uncertain";
    case ReleaseCertainty::guessed: return "guessed";
  }
  return "";
}

}  // namespace kubegate
