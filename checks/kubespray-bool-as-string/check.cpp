// A variable the targeted Kubespray release asserts to be a real boolean is a string (INI
// `download_run_once=true`, YAML "true" quoted): the playbook stops in its validation tasks.
// The variables are release data (`string_booleans`). Doc: check.md
#include "kubegate/check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// Variables the release asserts to be real booleans.
  std::vector<std::string> string_booleans;
  std::string validation_file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, string_booleans, validation_file)

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  for (const std::string& name : d->string_booleans) {
    Setting s = c.settings.get(name);
    if (!s || s.is_default() || !s.via.empty()) continue;
    const bool is_string = s.value.kind == Value::Kind::string;
    if (!is_string && s.value.kind != Value::Kind::integer) continue;
    r.report(s.loc(), fmt::format("{} is the {} \"{}\", not a boolean: Kubespray {} asserts it is a real boolean and "
                                  "stops in {}",
                                  name, is_string ? "string" : "integer", s.value.text, c.release.version,
                                  d->validation_file))
        .fix(fmt::format("write {0}: true or {0}: false in YAML without quotes (in an INI hosts file: {0}=True or "
                         "{0}=False)",
                         name));
  }
}

const CheckRegistration reg{{"kubespray-bool-as-string", Severity::error,
                             "a variable Kubespray asserts to be a boolean is given as a string", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
