// Kubespray's late asserts (release data `apps.late_asserts`): tasks of application roles that
// fail when every condition holds. Checks that mirror them share this evaluation. Values are never
// printed (credentials); a condition that cannot be told (a Jinja lookup, a vaulted value)
// makes the whole assert "cannot tell", never a finding.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kubegate/check.hpp"

namespace kubegate {

/// One condition of a late assert (`is`: truthy, falsy, equal, not_in).
struct LateCondition {
  std::string var;
  std::string is;
  /// The value for `equal`, the accepted values for `not_in`.
  std::vector<std::string> values;
};

/// A task of an application role that fails when every condition holds.
struct LateAssert {
  /// The kubegate check that mirrors it.
  std::string check;
  std::string file;
  std::string task;
  /// The variable the task complains about.
  std::string subject;
  std::vector<LateCondition> when;
};

/// A late assert that fails for the cluster, with the words and places to report it.
struct LateFailure {
  const LateAssert* rule = nullptr;
  /// The conditions in words ("kube_proxy_mode is \"ipvs\", kube_proxy_strict_arp is false").
  std::string reason;
  /// The subject's place in the inventory, else the last condition variable the inventory sets.
  SourceLoc at;
  /// Where the inventory sets the condition variables.
  std::vector<std::pair<SourceLoc, std::string>> related;
  /// The subject is the boolean false, which the task reads as "missing".
  bool subject_is_false = false;
};

/// Every late assert of the check `ctx` runs for that fails with the cluster-wide settings
/// (Kubespray runs the application roles on the first control-plane host).
std::vector<LateFailure> failing_late_asserts(const CheckContext& ctx);

/// Reports each failing late assert of `ctx`'s check as "<reason>: Kubespray <release> stops at
/// task "<task>" (<file>)<when>; <why>", with where the conditions are set and `fix`.
void report_late_asserts(const CheckContext& ctx, Reporter& r, std::string_view when, std::string_view why,
                         std::string_view fix);

}  // namespace kubegate
