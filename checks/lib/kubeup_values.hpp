// The values kube-up's scripts accept for some variables (schemas/kubeup/values.json), shared by
// the kubeup-*-os-distribution checks.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

namespace kubegate {

/// The values a deployment tool's own scripts accept for one variable, and where they check it.
struct AllowedValues {
  /// Accepted exactly as written.
  std::vector<std::string> values;
  /// Accepted in any letter case.
  std::vector<std::string> values_any_case;
  /// The upstream file (and commit) that rejects other values, and what it prints.
  std::string source;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AllowedValues, values, values_any_case, source)

/// schemas/kubeup/values.json: the accepted values, by variable.
struct KubeupValues {
  std::map<std::string, AllowedValues> allowed_values;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(KubeupValues, allowed_values)

/// What kube-up accepts for `name`, or nullptr when kubegate does not know.
inline const AllowedValues* kubeup_allowed_values(const CheckContext& ctx, const std::string& name) {
  const KubeupValues* t = ctx.knowledge.read<KubeupValues>("schemas/kubeup/values.json");
  if (!t) return nullptr;
  auto it = t->allowed_values.find(name);
  return it == t->allowed_values.end() ? nullptr : &it->second;
}

/// True when `value` is one of `allowed`.
bool kubeup_allows(const AllowedValues& allowed, std::string_view value);

}  // namespace kubegate
