// A runtime, download or add-on option combined with a setting the targeted Kubespray release
// asserts against (kata with docker, gvisor without containerd, download_localhost without
// download_run_once, external CA with certificate auto-renewal, dashboard or the OCI cloud
// provider without RBAC). The rules are release data (`combinations`). Doc: check.md
#include "kubegate/check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// An assert "when `when` is true (or equals `when_value`), `var` must pass `op`".
struct CombinationRule {
  std::string when;
  std::string var;
  /// true, false, equal or not_equal.
  std::string op;
  std::string value;
  std::string when_value;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CombinationRule, when, var, op, value, when_value)

/// The release's facts this check reads.
struct Data {
  std::vector<CombinationRule> combinations;
  std::string validation_file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, combinations, validation_file)

/// What is wrong with `var` under `rule`, or "" when the rule holds or cannot be told.
std::string violation(const CombinationRule& rule, const Setting& var) {
  if (rule.op == "true" && var.truth() == false) return fmt::format("{} is false", rule.var);
  if (rule.op == "false" && var.truth() == true) return fmt::format("{} is true", rule.var);
  std::optional<std::string> text = var.text();
  if (!text) return "";
  if (rule.op == "equal" && *text != rule.value)
    return fmt::format("{} is \"{}\", not \"{}\"", rule.var, *text, rule.value);
  if (rule.op == "not_equal" && *text == rule.value) return fmt::format("{} is \"{}\"", rule.var, *text);
  return "";
}

/// The fix for `rule`.
std::string fix(const CombinationRule& rule) {
  std::string need = rule.op == "true"    ? fmt::format("set {}: true", rule.var)
                     : rule.op == "false" ? fmt::format("set {}: false", rule.var)
                     : rule.op == "equal" ? fmt::format("set {}: {}", rule.var, rule.value)
                                          : fmt::format("choose a {} other than {}", rule.var, rule.value);
  if (!rule.when_value.empty()) return fmt::format("{}, or choose a {} other than {}", need, rule.when, rule.when_value);
  return fmt::format("{}, or set {}: false", need, rule.when);
}

/// How `rule`'s condition holds, or "" when it does not (or cannot be told).
std::string condition(const CombinationRule& rule, const Setting& when) {
  if (rule.when_value.empty()) return when.truth() == true ? fmt::format("{} is true", rule.when) : "";
  return when.text() == rule.when_value ? fmt::format("{} is \"{}\"", rule.when, rule.when_value) : "";
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  for (const CombinationRule& rule : d->combinations) {
    Setting when = c.settings.get(rule.when);
    const std::string holds = condition(rule, when);
    if (holds.empty()) continue;
    Setting var = c.settings.get(rule.var);
    std::string wrong = violation(rule, var);
    if (wrong.empty() || (when.is_default() && var.is_default())) continue;
    r.report(when.is_default() ? var.loc() : when.loc(),
             fmt::format("{} but {}: Kubespray {} stops with an assertion failure in {}", holds, wrong,
                         c.release.version, d->validation_file))
        .related(var.user_loc(), fmt::format("{} set here", rule.var))
        .related(when.user_loc(), fmt::format("{} set here", rule.when))
        .fix(fix(rule));
  }
}

const CheckRegistration reg{{"kubespray-runtime-combination", Severity::error,
                             "an option is combined with a setting the Kubespray release rejects", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
