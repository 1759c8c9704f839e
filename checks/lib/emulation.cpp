#include "lib/emulation.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// "1.31" as a minor; throws on anything else (the document is ours).
KubeMinor minor(const nlohmann::json& j) {
  const auto v = parse_kube_version(j.get<std::string>());
  if (!v) throw std::runtime_error("emulated version rules: bad minor " + j.dump());
  return v->minor_version();
}

}  // namespace

void from_json(const nlohmann::json& j, EmulationRules& out) {
  out.first = minor(j.at("first"));
  out.minors_back = j.at("minors_back").get<int>();
  for (const auto& [component, from] : j.at("flag_from").items()) out.flag_from[component] = minor(from);
}

KubeMinor emulation_floor(const EmulationRules& rules, KubeMinor binary) {
  return std::max(KubeMinor{binary.major, binary.minor - rules.minors_back}, rules.first);
}

EmulationFit emulation_fit(const EmulationRules& rules, const EmulatedVersion& e, KubeMinor binary) {
  const auto from = rules.flag_from.find(e.component);
  if (from == rules.flag_from.end()) return EmulationFit::cannot_tell;
  if (binary < rules.first) return EmulationFit::no_flag;
  if (binary < from->second) return EmulationFit::cannot_tell;
  if (!e.problem.empty()) return EmulationFit::malformed;
  if (!e.version) return EmulationFit::cannot_tell;
  if (*e.version > binary) return EmulationFit::too_new;
  if (*e.version < emulation_floor(rules, binary)) return EmulationFit::too_old;
  return EmulationFit::fits;
}

}  // namespace kubegate
