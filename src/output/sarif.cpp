// SARIF 2.1.0 (GitHub code scanning and other SARIF consumers): one rule per check, one result
// per finding and load error.
#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "kubegate/check.hpp"
#include "load/common/hash.hpp"
#include "output/output.hpp"

namespace kubegate {

namespace {

using nlohmann::json;

std::string_view level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

json physical(const SourceManager& s, SourceLoc loc) {
  json region = {{"startLine", std::max<std::uint32_t>(loc.line, 1)}};
  if (loc.column) region["startColumn"] = loc.column;
  return {{"artifactLocation", {{"uri", s.path(loc.file)}}}, {"region", region}};
}

/// The text of a finding's line, trimmed: with the check and the file, a fingerprint that
/// survives lines inserted above it.
std::string line_text(const SourceManager& s, SourceLoc loc) {
  std::string_view line = loc.known() ? s.line(loc.file, loc.line) : std::string_view();
  const auto begin = line.find_first_not_of(" \t"), end = line.find_last_not_of(" \t\r");
  return begin == std::string_view::npos ? std::string() : std::string(line.substr(begin, end - begin + 1));
}

/// The first reference of a check doc's "## Upstream" section as a URL: a link as written, or
/// `owner/repo#N` as that GitHub issue (GitHub redirects an issue number to its pull request).
std::string upstream_uri(std::string_view doc) {
  const auto at = doc.find("\n## Upstream");
  if (at == std::string_view::npos) return {};
  static const std::regex reference(R"((https?://[^\s)>\]]+)|([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#([0-9]+))");
  const std::string section(doc.substr(at));
  std::smatch m;
  if (!std::regex_search(section, m, reference)) return {};
  if (m[1].matched) return m[1].str();
  return fmt::format("https://github.com/{}/issues/{}", m[2].str(), m[3].str());
}

}  // namespace

void write_sarif(std::ostream& out, const Report& r, const Knowledge& knowledge, int exit_code) {
  json rules = json::array();
  std::map<std::string, std::size_t> index;
  for (const CheckDef& d : all_checks()) {
    const std::string id(d.info.id);
    index[id] = rules.size();
    const std::string_view doc = knowledge.text(fmt::format("checks/{}/check.md", id));
    rules.push_back({{"id", id},
                     {"name", id},
                     {"shortDescription", {{"text", std::string(d.info.summary)}}},
                     {"fullDescription", {{"text", std::string(d.info.summary)}}},
                     {"help", {{"text", std::string(doc)}, {"markdown", std::string(doc)}}},
                     {"defaultConfiguration", {{"level", level(d.info.severity)}}}});
    if (std::string uri = upstream_uri(doc); !uri.empty()) rules.back()["helpUri"] = uri;
  }
  index["load-error"] = rules.size();
  rules.push_back({{"id", "load-error"},
                   {"name", "load-error"},
                   {"shortDescription", {{"text", "an input that could not be loaded"}}},
                   {"defaultConfiguration", {{"level", "error"}}}});

  json results = json::array();
  for (const LoadError& e : r.errors) {
    json region = {{"startLine", std::max<std::uint32_t>(e.line, 1)}};
    if (e.column) region["startColumn"] = e.column;
    results.push_back({{"ruleId", "load-error"},
                       {"ruleIndex", index["load-error"]},
                       {"level", "error"},
                       {"message", {{"text", e.message}}},
                       {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", e.file}}}, {"region", region}}}}}},
                       {"partialFingerprints",
                        {{"kubegate/v2", fmt::format("{:016x}", fnv1a64("load-error\n" + e.file + "\n" + e.message))}}}});
  }
  for (const Finding& f : r.findings) {
    json result = {{"ruleId", f.check},
                   {"ruleIndex", index.count(f.check) ? index[f.check] : 0},
                   {"level", level(f.severity)},
                   {"message", {{"text", f.fix.empty() ? f.message : f.message + "\nFix: " + f.fix}}}};
    if (f.loc.known()) {
      result["locations"] = {{{"physicalLocation", physical(r.sources, f.loc)}}};
      // The setting's key survives any edit but a rename; without one, the text of the line.
      result["partialFingerprints"] = {
          {"kubegate/v2", fmt::format("{:016x}", fnv1a64(f.check + "\n" + r.sources.path(f.loc.file) + "\n" +
                                                         (f.key.empty() ? line_text(r.sources, f.loc) : "key:" + f.key)))}};
    }
    json related = json::array();
    for (const Related& rel : f.related)
      related.push_back({{"id", static_cast<int>(related.size())},
                         {"physicalLocation", physical(r.sources, rel.loc)},
                         {"message", {{"text", rel.message}}}});
    if (!related.empty()) result["relatedLocations"] = related;
    results.push_back(result);
  }

  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs",
               {{{"tool", {{"driver",
                     {{"name", "kubegate"},
                      {"version", KUBEGATE_VERSION},
                      {"properties", {{"commit", KUBEGATE_COMMIT}, {"data", data_versions(knowledge)}}},
                      {"rules", rules}}}}},
                 {"invocations", {{{"executionSuccessful", exit_code == kClean || exit_code == kFindings}, {"exitCode", exit_code}}}},
                 {"results", results}}}}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace kubegate
