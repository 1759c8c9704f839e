#include "lib/kubeadm_gates.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "lib/kubespray_variable_names.hpp"

namespace kubegate {
namespace {

/// "1.35" as a minor; throws on anything else (the document is ours).
KubeMinor minor(const nlohmann::json& j) {
  const auto v = parse_kube_version(j.get<std::string>());
  if (!v) throw std::runtime_error("kubeadm feature gates: bad minor " + j.dump());
  return v->minor_version();
}

/// Equal but for ASCII case.
bool same_folded(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

const KubeadmGate* KubeadmGates::find(std::string_view name) const {
  for (const KubeadmGate& g : gates)
    if (g.name == name) return &g;
  return nullptr;
}

const KubeadmGate* KubeadmGates::near(std::string_view name, KubeMinor v) const {
  for (const KubeadmGate& g : gates)
    if (g.known_at(v) && (same_folded(g.name, name) || one_edit_apart(g.name, name))) return &g;
  return nullptr;
}

void from_json(const nlohmann::json& j, KubeadmGates& out) {
  out.horizon = minor(j.at("horizon"));
  for (const nlohmann::json& g : j.at("gates")) {
    KubeadmGate& gate = out.gates.emplace_back();
    gate.name = g.at("name").get<std::string>();
    gate.added = minor(g.at("added"));
    if (g.contains("removed")) gate.removed = minor(g["removed"]);
  }
}

}  // namespace kubegate
