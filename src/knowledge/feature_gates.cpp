#include "kubegate/knowledge/feature_gates.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "knowledge/json_reader.hpp"
#include "util/text.hpp"


using nlohmann::json;

namespace kubegate {

namespace {

/// "1.31" or "1.31.1" -> {1, 31}.
KubeMinor minor_of(const std::string& text) {
  auto v = parse_kube_version(text);
  if (!v) throw std::runtime_error(fmt::format("feature-gate table: bad version \"{}\"", text));
  return v->minor_version();
}

std::optional<KubeMinor> optional_minor(const json& j) {
  if (j.is_null()) return std::nullopt;
  return minor_of(j.get<std::string>());
}

std::optional<bool> optional_bool(const json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<bool>();
}

GateStage stage_of(const std::string& s) {
  if (s == "alpha") return GateStage::alpha;
  if (s == "beta") return GateStage::beta;
  if (s == "stable") return GateStage::stable;
  if (s == "deprecated") return GateStage::deprecated;
  throw std::runtime_error(fmt::format("feature-gate table: bad stage \"{}\"", s));
}

/// Levenshtein distance, ignoring case.
std::size_t distance(std::string_view a, std::string_view b) {
  return text::edit_distance(a, b, [](char c) { return std::tolower(static_cast<unsigned char>(c)); });
}

bool known_at(const GateInfo& g, KubeMinor v) { return g.first <= v && (!g.last || v <= *g.last); }

const GateStageSpan* stage_at(const GateInfo& g, KubeMinor v) {
  const GateStageSpan* best = nullptr;
  for (const GateStageSpan& s : g.stages)
    if (s.from <= v) best = &s;
  return best;
}

}  // namespace

std::string_view to_string(GateStage s) {
  switch (s) {
    case GateStage::alpha:
      return "alpha";
    case GateStage::beta:
      return "beta";
    case GateStage::stable:
      return "GA";
    case GateStage::deprecated:
      return "deprecated";
  }
  return "";
}

FeatureGateTable FeatureGateTable::parse(std::string_view text) {
  FeatureGateTable t;
  try {
    json doc = read_json(text);
    t.horizon_ = minor_of(doc.at("horizon").get<std::string>());
    for (auto& [name, j] : doc.at("gates").items()) {
      GateInfo g;
      g.name = name;
      g.first = minor_of(j.at("first").get<std::string>());
      g.last = optional_minor(j.at("last"));
      g.removed_in = optional_minor(j.at("removedIn"));
      for (const json& s : j.at("stages")) {
        GateStageSpan span;
        span.stage = stage_of(s.at(0).get<std::string>());
        span.default_value = optional_bool(s.at(1));
        span.locked = optional_bool(s.at(2));
        span.from = minor_of(s.at(3).get<std::string>());
        span.to = optional_minor(s.at(4));
        g.stages.push_back(span);
      }
      t.gates_.push_back(std::move(g));
    }
  } catch (const json::exception& e) {
    throw std::runtime_error(fmt::format("feature-gate table: {}", e.what()));
  }
  std::sort(t.gates_.begin(), t.gates_.end(), [](const GateInfo& a, const GateInfo& b) { return a.name < b.name; });
  return t;
}

const GateInfo* FeatureGateTable::find(std::string_view name) const {
  auto it = std::lower_bound(gates_.begin(), gates_.end(), name,
                             [](const GateInfo& g, std::string_view n) { return g.name < n; });
  return it != gates_.end() && it->name == name ? &*it : nullptr;
}

GateLookup FeatureGateTable::lookup(std::string_view name, KubeMinor version) const {
  GateLookup out;
  out.beyond_horizon = version > horizon_;
  if (out.beyond_horizon) version = horizon_;
  if (name == "AllAlpha" || name == "AllBeta") {
    static const GateStageSpan kAlpha{GateStage::alpha, false, false, {0, 0}, std::nullopt};
    static const GateStageSpan kBeta{GateStage::beta, false, false, {0, 0}, std::nullopt};
    out.special = out.known = true;
    out.stage = name == "AllAlpha" ? &kAlpha : &kBeta;
    return out;
  }
  out.gate = find(name);
  if (!out.gate) return out;
  out.known = known_at(*out.gate, version);
  if (out.known) out.stage = stage_at(*out.gate, version);
  return out;
}

std::vector<std::string> FeatureGateTable::suggest(std::string_view name, KubeMinor version, std::size_t max) const {
  if (version > horizon_) version = horizon_;
  // Close enough to be a typo: a third of the name, at least 2, at most 5 edits.
  const std::size_t limit = std::clamp<std::size_t>(name.size() / 3, 2, 5);
  std::vector<std::pair<std::size_t, std::string>> close;
  for (const GateInfo& g : gates_) {
    if (!known_at(g, version) || g.name == name) continue;
    std::size_t d = distance(name, g.name);
    if (d <= limit) close.emplace_back(d, g.name);
  }
  for (std::string_view special : {"AllAlpha", "AllBeta"})
    if (special != name && distance(name, special) <= limit) close.emplace_back(distance(name, special), special);
  std::sort(close.begin(), close.end());
  std::vector<std::string> out;
  for (auto& [d, n] : close) {
    if (out.size() == max) break;
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<std::string> FeatureGateTable::at_stage(GateStage stage, KubeMinor version) const {
  if (version > horizon_) version = horizon_;
  std::vector<std::string> out;
  for (const GateInfo& g : gates_)
    if (known_at(g, version))
      if (const GateStageSpan* s = stage_at(g, version); s && s->stage == stage) out.push_back(g.name);
  return out;
}

KubeMinor stage_since(const GateInfo& gate, const GateStageSpan& span) {
  std::size_t i = 0;
  while (i < gate.stages.size() && &gate.stages[i] != &span) ++i;
  if (i == gate.stages.size()) return span.from;
  while (i > 0 && gate.stages[i - 1].stage == span.stage) --i;
  return gate.stages[i].from;
}

}  // namespace kubegate
