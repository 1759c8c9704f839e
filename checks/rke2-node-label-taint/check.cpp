// node-label and node-taint items the kubelet refuses at start-up: RKE2 passes them to its
// --node-labels and --register-with-taints. The kubernetes.io namespaces it may set are data
// (schemas/kubelet/node-labels.json). Doc: check.md
// Upstream: kubernetes/kubernetes#85503, xunleii/terraform-module-k3s#45
#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"
#include "lib/kubernetes_names.hpp"

namespace kubegate {
namespace {

/// What kubelet accepts (schemas/kubelet/node-labels.json).
struct Data {
  std::vector<std::string> label_domains;
  std::vector<std::string> kubelet_label_namespaces;
  std::vector<std::string> kubelet_labels;
  std::vector<std::string> taint_effects;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, label_domains, kubelet_label_namespaces, kubelet_labels,
                                                taint_effects)

/// `domain` is `base` or a subdomain of it.
bool within(std::string_view domain, std::string_view base) {
  return domain == base || (domain.size() > base.size() && domain.substr(domain.size() - base.size()) == base &&
                            domain[domain.size() - base.size() - 1] == '.');
}

/// Why kubelet refuses the label item; empty when it takes it.
std::string label_problem(std::string_view item, const Data& d) {
  const std::size_t eq = item.find('=');
  if (eq == std::string_view::npos)
    return "it has no '=': kubelet stops with \"malformed pair, expect string=string\" (write key=value, or key= "
           "for an empty value)";
  const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
  if (!is_qualified_name(key))
    return fmt::format(
        "\"{}\" is not a label key ([prefix/]name, the name at most 63 letters, digits, '-', '_' or "
        "'.'): kubelet stops with \"invalid node labels\"",
        key);
  if (!is_label_value(value, true))
    return fmt::format(
        "\"{}\" is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and "
        "ending with a letter or digit): kubelet stops with \"invalid node labels\"",
        value);
  const std::size_t slash = key.find('/');
  const std::string_view domain = slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
  const bool kubernetes = std::any_of(d.label_domains.begin(), d.label_domains.end(),
                                      [&](const std::string& b) { return within(domain, b); });
  const bool allowed = std::find(d.kubelet_labels.begin(), d.kubelet_labels.end(), key) != d.kubelet_labels.end() ||
                       std::any_of(d.kubelet_label_namespaces.begin(), d.kubelet_label_namespaces.end(),
                                   [&](const std::string& ns) { return within(domain, ns); });
  if (kubernetes && !allowed)
    return fmt::format(
        "kubelet may not set \"{}\" on its own node: it stops with \"unknown 'kubernetes.io' or "
        "'k8s.io' labels specified with --node-labels\" (only the node.kubernetes.io and "
        "kubelet.kubernetes.io namespaces and a few well-known labels are allowed)",
        key);
  return {};
}

/// Why kubelet refuses the taint item; empty when it takes it (or cannot be told).
std::string taint_problem(std::string_view item, const Data& d) {
  const std::size_t colon = item.find(':');
  const std::string_view kv = item.substr(0, colon);
  if (colon != std::string_view::npos) {
    if (item.find(':', colon + 1) != std::string_view::npos) return "it has more than one ':'";
    const std::string_view effect = item.substr(colon + 1);
    if (std::find(d.taint_effects.begin(), d.taint_effects.end(), effect) == d.taint_effects.end())
      return fmt::format("\"{}\" is not a taint effect ({})", effect, fmt::join(d.taint_effects, ", "));
  }
  const std::size_t eq = kv.find('=');
  const std::string_view key = kv.substr(0, eq);
  if (colon == std::string_view::npos && eq != std::string_view::npos)
    return "it has a value but no effect (write key=value:NoSchedule)";
  if (!is_qualified_name(key)) return fmt::format("\"{}\" is not a taint key", key);
  if (eq != std::string_view::npos) {
    const std::string_view value = kv.substr(eq + 1);
    if (value.find('=') != std::string_view::npos) return "it has more than one '='";
    if (!is_label_value(value, true)) return fmt::format("\"{}\" is not a taint value", value);
  }
  return {};
}

void run(const CheckContext& ctx, Reporter& r) {
  const Data* d = ctx.knowledge.read<Data>("schemas/kubelet/node-labels.json");
  if (!d) return;
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;  // an item many nodes share
  for (const Node& n : ctx.cluster.nodes) {
    const Rke2Node node(n);
    for (const bool taint : {false, true}) {
      const Setting s = taint ? node.node_taint() : node.node_label();
      for (const Value& item : rke2_comma_items(s)) {
        if (item.is_unknown() || item.kind == Value::Kind::list || item.kind == Value::Kind::map) continue;
        if (item.text.find("{{") != std::string::npos || item.text.find("${") != std::string::npos) continue;
        const std::string why = taint ? taint_problem(item.text, *d) : label_problem(item.text, *d);
        if (why.empty() || !seen.insert({item.loc.file, item.loc.line, item.loc.column}).second) continue;
        r.report(item.loc.known() ? item.loc : s.loc(),
                 fmt::format("{} \"{}\" of \"{}\": {}{}", s.name, item.text, n.name, why,
                             taint ? "; kubelet stops with \"invalid taint spec\"" : ""))
            .fix(taint ? "write each taint as key=value:Effect or key:Effect, Effect one of NoSchedule, "
                         "PreferNoSchedule, NoExecute"
                       : "write each label as key=value with a key kubelet may set; set node-role.kubernetes.io/* "
                         "and other kubernetes.io labels with kubectl label after the node joins");
      }
    }
  }
}

const CheckRegistration reg{{"rke2-node-label-taint", Severity::error,
                             "a node-label or node-taint item the kubelet refuses at start-up", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
