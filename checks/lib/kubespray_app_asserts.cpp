#include "lib/kubespray_app_asserts.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace kubegate {

namespace {

/// The late asserts of a release document (`apps.late_asserts`).
struct AppAsserts {
  std::vector<LateAssert> late_asserts;
};

void from_json(const nlohmann::json& j, AppAsserts& out) {
  const nlohmann::json apps = j.value("apps", nlohmann::json::object());
  for (const nlohmann::json& a : apps.value("late_asserts", nlohmann::json::array())) {
    LateAssert la{a.value("check", ""), a.value("file", ""), a.value("task", ""), a.value("subject", ""), {}};
    for (const nlohmann::json& w : a.value("when", nlohmann::json::array())) {
      std::vector<std::string> values = w.value("values", std::vector<std::string>{});
      if (w.contains("value")) values.push_back(w["value"].get<std::string>());
      la.when.push_back({w.value("var", ""), w.value("is", ""), std::move(values)});
    }
    out.late_asserts.push_back(std::move(la));
  }
}

/// Jinja truthiness; nullopt when unknown or when Jinja and Ansible's bool filter disagree ("false").
std::optional<bool> jinja_truth(const Value& v) {
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
std::optional<bool> late_condition_holds(const LateCondition& cond, const Setting& s, std::string& words) {
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

}  // namespace

std::vector<LateFailure> failing_late_asserts(const CheckContext& ctx) {
  const Cluster& c = ctx.cluster;
  std::vector<LateFailure> out;
  const AppAsserts* asserts = ctx.release_data<AppAsserts>();
  if (!asserts) return out;
  for (const LateAssert& rule : asserts->late_asserts) {
    if (rule.check != ctx.info.id) continue;
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

void report_late_asserts(const CheckContext& ctx, Reporter& r, std::string_view when, std::string_view why,
                         std::string_view fix) {
  for (const LateFailure& f : failing_late_asserts(ctx)) {
    FindingBuilder b = r.report(f.at, fmt::format("{}: Kubespray {} stops at task \"{}\" ({}){}; {}", f.reason,
                                                  ctx.cluster.release.version, f.rule->task, f.rule->file, when, why));
    for (const auto& [loc, note] : f.related) b.related(loc, note);
    b.fix(std::string(fix));
  }
}

}  // namespace kubegate
