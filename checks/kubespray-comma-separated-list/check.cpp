// A list variable whose first item holds several comma-separated values, where the targeted
// Kubespray release asserts one value per item (kube_apiserver_enable_admission_plugins up to
// v2.27). The variables are release data (`comma_free_first_item`).
// Doc: check.md
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// List variables whose first item the release asserts to hold no comma.
  std::vector<std::string> comma_free_first_item;
  std::string validation_file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, comma_free_first_item, validation_file)

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  for (const std::string& name : d->comma_free_first_item) {
    Setting s = c.settings.get(name);
    if (!s || s.is_default() || s.value.kind != Value::Kind::list || s.value.items.empty()) continue;
    const Value& first = s.value.items.front();
    if (!first.is_string() || first.text.find(',') == std::string::npos) continue;
    r.report(first.loc.known() ? first.loc : s.loc(),
             fmt::format("the first item of {} is the comma-separated string \"{}\": Kubespray {} stops with "
                         "\"Comma-separated list for {} is now deprecated\" ({})",
                         name, first.text, c.release.version, name, d->validation_file))
        .fix(fmt::format("write one value per list item under {}", name));
  }
}

const CheckRegistration reg{{"kubespray-comma-separated-list", Severity::error,
                             "a list variable holds a comma-separated string the Kubespray release rejects",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
