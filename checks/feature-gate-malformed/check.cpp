// Feature-gate items a component cannot parse: no '=', a value Go's strconv.ParseBool rejects,
// no name; and one gate given two values for the same component (the last one silently wins).
// Doc: check.md. Rules: shared/research/feature-gates.md 4.1 (E1, E2), 5 (R0).
#include <map>

#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/feature_gates.hpp"

namespace kubegate {
namespace {

/// The text after the first '=', trimmed as the components trim it.
std::string value_text(const FeatureGate& g) {
  std::string v = g.text.substr(g.text.find('=') + 1);
  const auto b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  std::map<std::pair<std::string, std::string>, const FeatureGate*> first;
  for (const FeatureGate& g : c.feature_gates) {
    if (g.text.find('=') == std::string::npos) {
      r.report(g.loc, fmt::format("{} has no \"=\": {} exits at start with \"missing bool value for {}\"", gate_item(g),
                                  gate_recipients(g), g.name))
          .fix(fmt::format("write \"{0}=true\" or \"{0}=false\"", g.name));
      continue;
    }
    if (g.name.empty()) {
      r.report(g.loc, fmt::format("{} names no gate: {} exits at start with \"unrecognized feature gate: \"",
                                  gate_item(g), gate_recipients(g)))
          .fix("write the item as Name=true or Name=false, or remove it");
      continue;
    }
    if (!g.enabled) {
      const std::string v = value_text(g);
      r.report(g.loc, fmt::format("{} has a value that is not a boolean: {} exits at start with \"invalid value of "
                                  "{}={}, err: strconv.ParseBool: parsing \"{}\": invalid syntax\"",
                                  gate_item(g), gate_recipients(g), g.name, v, v))
          .fix(fmt::format("write \"{0}=true\" or \"{0}=false\" (Go also accepts 1, t, T, TRUE, True and their false "
                           "forms, but not yes, no, on or off)",
                           g.name));
      continue;
    }
    auto [it, inserted] = first.try_emplace({g.component, g.name}, &g);
    if (inserted || it->second->enabled == g.enabled) continue;
    r.report(g.loc, Severity::warning,
             fmt::format("{} contradicts \"{}\" for the same {}: the component keeps the last value, {}={}, and "
                         "silently drops the other",
                         gate_item(g), it->second->text, g.component == "all" ? std::string("components") : g.component,
                         g.name, *g.enabled))
        .related(it->second->loc, fmt::format("\"{}\" set here", it->second->text))
        .fix(fmt::format("keep one {} item", g.name));
  }
}

const CheckRegistration reg{
    {"feature-gate-malformed", Severity::error,
     "feature-gate item without '=', with a non-boolean value or no name, or set twice", kAnyPlatform},
    run};

}  // namespace
}  // namespace kubegate
