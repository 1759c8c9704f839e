// Kubespray's late asserts (Release::apps.late_asserts): tasks of application roles that fail
// when every condition holds. Checks that mirror them share this evaluation. Values are never
// printed (credentials); a condition that cannot be told (a Jinja lookup, a vaulted value)
// makes the whole assert "cannot tell", never a finding.
#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kubegate/model.hpp"

namespace kubegate {

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

/// Jinja truthiness; nullopt when unknown or when Jinja and Ansible's bool filter disagree ("false").
inline std::optional<bool> jinja_truth(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null: return false;
    case Value::Kind::boolean: return v.boolean;
    case Value::Kind::integer: return v.integer != 0;
    case Value::Kind::real: return v.real != 0;
    case Value::Kind::list: return !v.items.empty();
    case Value::Kind::map: return !v.entries.empty();
    case Value::Kind::string: {
      if (v.text.empty()) return false;
      if (ansible_truth(v) == false) {
        static const char* const kFalseWords[] = {"false", "no", "off", "0", "n", "f"};
        std::string low = v.text;
        std::transform(low.begin(), low.end(), low.begin(), [](unsigned char ch) { return std::tolower(ch); });
        for (const char* w : kFalseWords)
          if (low == w) return std::nullopt;
      }
      return true;
    }
    default: return std::nullopt;
  }
}

/// Whether one condition holds (nullopt: cannot tell), and the condition in words.
inline std::optional<bool> late_condition_holds(const LateCondition& cond, const Setting& s, std::string& words) {
  if (s && s.value.is_unknown()) return std::nullopt;
  if (cond.is == "truthy") {
    words = s.value.kind == Value::Kind::boolean ? fmt::format("{} is true", cond.var) : fmt::format("{} is set", cond.var);
    return s ? jinja_truth(s.value) : std::nullopt;
  }
  if (cond.is == "falsy") {
    if (!s) {
      words = fmt::format("{} is not set", cond.var);
      return true;
    }
    std::optional<bool> t = jinja_truth(s.value);
    words = s.value.kind == Value::Kind::boolean ? fmt::format("{} is false", cond.var)
            : s.value.is_null()                  ? fmt::format("{} is null", cond.var)
                                                 : fmt::format("{} is empty", cond.var);
    return t ? std::optional<bool>(!*t) : std::nullopt;
  }
  std::optional<std::string> text = s.text();
  if (s && !text) return std::nullopt;  // a list or map where a scalar is compared
  if (cond.is == "equal") {
    if (cond.values.empty()) return std::nullopt;
    words = fmt::format("{} is \"{}\"", cond.var, cond.values.front());
    return text && *text == cond.values.front();
  }
  if (cond.is == "not_in") {
    words = text ? fmt::format("{} is \"{}\", not one of {}", cond.var, s.value.display(), fmt::join(cond.values, ", "))
                 : fmt::format("{} is not set", cond.var);
    return !text || std::find(cond.values.begin(), cond.values.end(), *text) == cond.values.end();
  }
  return std::nullopt;
}

/// Every late assert of `check` that fails with the cluster-wide settings (Kubespray runs the
/// application roles on the first control-plane host).
inline std::vector<LateFailure> failing_late_asserts(std::string_view check, const Cluster& c) {
  std::vector<LateFailure> out;
  for (const LateAssert& rule : c.release.apps.late_asserts) {
    if (rule.check != check) continue;
    LateFailure f;
    f.rule = &rule;
    std::vector<std::string> words;
    bool fails = true;
    for (const LateCondition& cond : rule.when) {
      Setting s = c.settings.get(cond.var);
      std::string w;
      if (late_condition_holds(cond, s, w) != true) {
        fails = false;
        break;
      }
      const bool subject = cond.var == rule.subject;
      // A default that merely keeps a guard open (kube_proxy_remove: false) is not worth saying.
      if (subject || cond.is != "falsy" || s.user_loc().known()) words.push_back(std::move(w));
      if (s.user_loc().known()) {
        f.at = s.user_loc();
        f.related.emplace_back(s.user_loc(), fmt::format("{} set here", cond.var));
      }
      if (subject && s.value.kind == Value::Kind::boolean) f.subject_is_false = true;
    }
    if (!fails) continue;
    if (SourceLoc subject = c.settings.get(rule.subject).user_loc(); subject.known()) f.at = subject;
    std::erase_if(f.related, [&](const auto& rel) { return rel.first == f.at; });
    f.reason = fmt::format("{}", fmt::join(words, ", "));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace kubegate
