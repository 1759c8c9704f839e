#include "kubegate/check.hpp"

#include <algorithm>
#include <stdexcept>

namespace kubegate {

namespace {
std::vector<CheckDef>& registry() {
  static std::vector<CheckDef> checks;
  return checks;
}
}  // namespace

FindingBuilder& FindingBuilder::related(SourceLoc loc, std::string message) {
  if (loc.known()) out_[index_].related.push_back({loc, std::move(message)});
  return *this;
}

FindingBuilder& FindingBuilder::fix(std::string text) {
  out_[index_].fix = std::move(text);
  return *this;
}

FindingBuilder Reporter::report(SourceLoc loc, std::string message) {
  return report(loc, info_.severity, std::move(message));
}

FindingBuilder Reporter::report(SourceLoc loc, Severity severity, std::string message) {
  Finding f;
  f.check = std::string(info_.id);
  f.severity = severity;
  f.message = std::move(message);
  f.loc = loc.known() ? loc : cluster_.anchor;
  out_.push_back(std::move(f));
  return FindingBuilder(out_, out_.size() - 1);
}

CheckRegistration::CheckRegistration(CheckInfo info, CheckFn run) {
  auto& r = registry();
  auto pos = std::lower_bound(r.begin(), r.end(), info.id,
                              [](const CheckDef& d, std::string_view id) { return d.info.id < id; });
  if (pos != r.end() && pos->info.id == info.id) throw std::logic_error("duplicate check id");
  r.insert(pos, CheckDef{info, run});
}

const std::vector<CheckDef>& all_checks() { return registry(); }

const CheckDef* find_check(std::string_view id) {
  for (const CheckDef& d : registry())
    if (d.info.id == id) return &d;
  return nullptr;
}

}  // namespace kubegate
