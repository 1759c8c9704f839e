// A variable the targeted Kubespray release no longer reads: it stops on some (its
// removed-variables assert), and silently ignores the others. The list is release data
// (`removed_variables`). Doc: check.md
#include "kubegate/check.hpp"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// A variable the release no longer reads.
struct RemovedVariable {
  std::string name;
  /// The release stops when the variable is set (else it is silently ignored or only deprecated).
  bool asserted = false;
  /// The release that removed it, or "deprecated".
  std::string since;
  /// The value that asks for nothing (the old default); setting it is harmless unless asserted.
  nlohmann::json inert_value;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RemovedVariable, name, asserted, since, inert_value)

/// `v` is the inert value `inert` (a boolean or a string as YAML gives it).
bool is_inert(const Value& v, const nlohmann::json& inert) {
  if (inert.is_boolean()) return v.kind == Value::Kind::boolean && v.boolean == inert.get<bool>();
  return inert.is_string() && v.is_string() && v.text == inert.get<std::string>();
}

/// The release's facts this check reads.
struct Data {
  std::vector<RemovedVariable> removed_variables;
  std::string validation_file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, removed_variables, validation_file)

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* data = ctx.release_data<Data>();
  if (!data) return;
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const auto& table : c.tables) {
    if (table->layer == Layer::release_default || table->layer == Layer::set_fact) continue;
    for (const RemovedVariable& removed : data->removed_variables) {
      auto it = table->vars.find(removed.name);
      if (it == table->vars.end()) continue;
      const Definition& d = it->second;
      if (!seen.insert({d.loc.file, d.loc.line}).second) continue;
      const std::string when = removed.since == "deprecated" ? "is deprecated:"
                                                             : fmt::format("was removed in Kubespray {}, and", removed.since);
      if (removed.asserted)
        r.report(d.loc, Severity::error,
                 fmt::format("{} {} Kubespray {} stops when it is set (assert in {})", removed.name, when,
                             c.release.version, data->validation_file))
            .fix(fmt::format("remove {} and use its replacement named in the Kubespray release notes", removed.name));
      else if (!is_inert(d.value, removed.inert_value))
        // Ignored: the cluster silently lacks what the setting asked for. Deprecated: still works.
        r.report(d.loc, removed.since == "deprecated" ? Severity::info : Severity::warning,
                 fmt::format("{} {} Kubespray {} {}", removed.name, when, c.release.version,
                             removed.since == "deprecated" ? "still reads it, and a later release stops on it"
                                                           : "ignores it: the setting has no effect"))
            .fix(fmt::format("remove {} and use its replacement named in the Kubespray release notes", removed.name));
    }
  }
}

const CheckRegistration reg{{"kubespray-removed-variable", Severity::error,
                             "a variable the Kubespray release removed or deprecated is still set", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
