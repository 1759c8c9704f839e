// Formats CI systems read: GitLab Code Quality, JUnit XML, checkstyle XML.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "load/common/hash.hpp"
#include "output/output.hpp"

namespace kubegate {

namespace {

/// `text` as an XML attribute or text: markup escaped, control characters as \xNN.
std::string xml(std::string_view text) {
  std::string out;
  for (char c : printable(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string file_of(const Report& r, const Finding& f) { return f.loc.known() ? r.sources.path(f.loc.file) : ""; }

std::string_view checkstyle_severity(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "info";
}

}  // namespace

void write_codeclimate(std::ostream& out, const Report& r) {
  nlohmann::json issues = nlohmann::json::array();
  // `identity` (with the check and file) makes the fingerprint: the setting's key when known.
  auto issue = [&](const std::string& check, std::string_view severity, const std::string& message,
                   const std::string& identity, const std::string& file, std::uint32_t line) {
    issues.push_back({{"type", "issue"},
                      {"check_name", check},
                      {"description", message},
                      {"categories", {"Bug Risk"}},
                      {"severity", severity},
                      {"fingerprint", fmt::format("{:016x}", fnv1a64(check + "\n" + file + "\n" + identity))},
                      {"location", {{"path", file}, {"lines", {{"begin", std::max<std::uint32_t>(line, 1)}}}}}});
  };
  for (const LoadError& e : r.errors) issue("load-error", "blocker", e.message, e.message, e.file, e.line);
  for (const Finding& f : r.findings)
    issue(f.check, f.severity == Severity::error ? "critical" : f.severity == Severity::warning ? "major" : "info",
          f.message, f.key.empty() ? f.message : "key:" + f.key, file_of(r, f), f.loc.line);
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_junit(std::ostream& out, const Report& r) {
  // A test suite per inventory with a test case per check of its platform, failing with that
  // check's findings there; a last suite, "kubegate", whose one test case fails with the load errors.
  using Cases = std::map<std::string, std::vector<std::string>>;
  std::vector<std::pair<std::string, Cases>> suites;
  if (r.clusters)
    for (const Cluster& c : *r.clusters) {
      Cases cases;
      for (const CheckDef& d : all_checks())
        if (d.info.platforms & static_cast<unsigned>(c.platform)) cases[std::string(d.info.id)];
      suites.emplace_back(c.name, std::move(cases));
    }
  suites.emplace_back("kubegate", Cases{{"load-error", {}}});
  for (const LoadError& e : r.errors)
    suites.back().second["load-error"].push_back(fmt::format("{}:{}:{}: {}", e.file, e.line, e.column, e.message));
  for (const Finding& f : r.findings) {
    auto suite = std::find_if(suites.begin(), suites.end(), [&](const auto& s) { return s.first == f.inventory; });
    if (suite == suites.end()) suite = suites.end() - 1;  // a report without its clusters
    suite->second[f.check].push_back(
        fmt::format("{}:{}:{}: {}: {}", file_of(r, f), f.loc.line, f.loc.column, to_string(f.severity), f.message));
  }
  const auto count = [](const Cases& cases) {
    std::size_t failed = 0;
    for (const auto& [id, list] : cases) failed += !list.empty();
    return std::pair{cases.size(), failed};
  };
  std::size_t tests = 0, failures = 0;
  for (const auto& [name, cases] : suites) {
    const auto [t, f] = count(cases);
    tests += t, failures += f;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << fmt::format("<testsuites name=\"kubegate\" tests=\"{}\" failures=\"{}\">\n", tests, failures);
  for (const auto& [name, cases] : suites) {
    const auto [t, f] = count(cases);
    out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n", xml(name), t, f);
    for (const auto& [id, list] : cases) {
      out << fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml(name), xml(id));
      if (list.empty()) {
        out << "/>\n";
        continue;
      }
      out << fmt::format(">\n      <failure message=\"{} finding(s)\" type=\"{}\">", list.size(), xml(id));
      for (const std::string& line : list) out << xml(line) << "&#10;";
      out << "</failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

void write_checkstyle(std::ostream& out, const Report& r) {
  std::map<std::string, std::vector<std::string>> by_file;
  for (const LoadError& e : r.errors)
    by_file[e.file].push_back(fmt::format("<error line=\"{}\" column=\"{}\" severity=\"error\" message=\"{}\" "
                                          "source=\"kubegate.load-error\"/>",
                                          e.line, e.column, xml(e.message)));
  for (const Finding& f : r.findings)
    by_file[file_of(r, f)].push_back(fmt::format("<error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" "
                                                 "source=\"kubegate.{}\"/>",
                                                 f.loc.line, f.loc.column, checkstyle_severity(f.severity),
                                                 xml(f.message), xml(f.check)));
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const auto& [file, errors] : by_file) {
    out << fmt::format("  <file name=\"{}\">\n", xml(file));
    for (const std::string& e : errors) out << "    " << e << '\n';
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace kubegate
