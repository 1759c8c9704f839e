#include <nlohmann/json.hpp>

#include "output/output.hpp"

namespace kubegate {

namespace {

nlohmann::json location(const SourceManager& s, SourceLoc loc) {
  return {{"file", s.path(loc.file)}, {"line", loc.line}, {"column", loc.column}};
}

}  // namespace

void write_json(std::ostream& out, const Report& r) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : r.findings) {
    nlohmann::json related = nlohmann::json::array();
    for (const Related& rel : f.related)
      related.push_back({{"location", location(r.sources, rel.loc)}, {"message", rel.message}});
    findings.push_back({{"check", f.check},
                        {"severity", to_string(f.severity)},
                        {"message", f.message},
                        {"location", location(r.sources, f.loc)},
                        {"related", related},
                        {"fix", f.fix},
                        {"inventory", f.inventory},
                        {"key", f.key}});
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const LoadError& e : r.errors)
    errors.push_back({{"file", e.file}, {"line", e.line}, {"column", e.column}, {"message", e.message}});
  nlohmann::json doc = {{"version", 1}, {"findings", findings}, {"errors", errors}};
  if (r.clusters) {
    nlohmann::json inventories = nlohmann::json::array();
    for (const Cluster& c : *r.clusters) {
      nlohmann::json item = {{"inventory", c.name},
                             {"platform", to_string(c.platform)},
                             {"release", c.release.named.empty() ? c.release.version : c.release.named},
                             {"reason", c.release.reason}};
      if (c.platform == Platform::kubespray) {
        item["release_data"] = c.release.version;
        item["evidence"] = to_string(c.release.evidence);
        item["certainty"] = to_string(c.release.certainty);
        item["releases"] = c.release.candidates;
      }
      inventories.push_back(item);
    }
    doc["inventories"] = inventories;
  }
  // Invalid UTF-8 (a file name, a value) becomes U+FFFD: nlohmann would throw and end the run.
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace kubegate
