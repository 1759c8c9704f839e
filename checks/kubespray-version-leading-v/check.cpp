// A component version written with a leading v where the targeted Kubespray release asserts that
// none has one (v2.28.x, after it dropped the v from every version). The variables are release
// data (`versions_without_leading_v`); kube_version is kubespray-kube-version-unsupported's.
// Doc: check.md
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// Version variables the release asserts to be written without a leading v.
  std::vector<std::string> versions_without_leading_v;
  std::string validation_file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, versions_without_leading_v, validation_file)

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  for (const std::string& name : d->versions_without_leading_v) {
    if (name == "kube_version") continue;
    Setting s = c.settings.get(name);
    std::optional<std::string> text = s.text();
    if (!s || s.is_default() || !text || text->empty() || text->front() != 'v') continue;
    r.report(s.loc(), fmt::format("{} \"{}\" starts with a v: Kubespray {} writes every version without one and "
                                  "stops with an assertion failure in {}",
                                  name, *text, c.release.version, d->validation_file))
        .fix(fmt::format("write {}: {}", name, text->substr(1)));
  }
}

const CheckRegistration reg{{"kubespray-version-leading-v", Severity::error,
                             "a component version starts with a v the Kubespray release rejects", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
