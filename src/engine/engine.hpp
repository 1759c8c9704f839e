// Runs loaders and checks, and owns everything between a check's report and an output format:
// ids, severities, suppression comments, sorting and de-duplication.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// What to load and how.
struct LoadOptions {
  std::vector<std::string> paths;
  /// Requested Kubespray release; empty = the newest known.
  std::string kubespray_version;
  /// --platform: how to read the paths; nullopt = detect (auto).
  std::optional<Platform> platform;
  /// RKE2 release (--rke2-version) for RKE2 configurations that do not state theirs; empty = unknown.
  std::string rke2_version;
};

/// Everything the inputs produced.
struct Workspace {
  /// What the loaders and checks know (schemas/), parsed on demand and once.
  Knowledge knowledge;
  SourceManager sources;
  std::vector<Cluster> clusters;
  std::vector<LoadError> errors;
  /// Hosts files left out, with the reason (e.g. an untouched sample beside a real inventory).
  std::vector<std::string> skipped;
  /// Inventories loaded and checked at once (--jobs).
  unsigned jobs = 1;
};

/// Finds and loads every inventory the paths name. Returns false on a usage error (an
/// unknown release), with the reason in `usage_error`.
bool load(const LoadOptions& options, Workspace& ws, std::string& usage_error);

/// Runs every applicable check not in `disabled` over every cluster; applies
/// `# kubegate: ignore=ID` comments; returns the findings sorted by file, line, column, id.
std::vector<Finding> run_checks(const Workspace& ws, const std::vector<std::string>& disabled);

/// The versions of the data checks judge with ("Kubespray releases v2.16.0 to v2.31.0 and master
/// at 46dbdd3994b3; Kubernetes feature gates up to 1.35; RKE2 flags at 6ce1a8019e9d").
std::string data_versions(const Knowledge& k);

/// Exit codes, as actionlint's: nothing at or above --fail-on; findings at or above it; a wrong
/// command line (unknown option, format, check, release or host); input that could not be read.
inline constexpr int kClean = 0;
inline constexpr int kFindings = 1;
inline constexpr int kUsageError = 2;
inline constexpr int kLoadError = 3;

/// The exit code of a lint run: load errors first, then any finding at or above `fail_on`
/// (nullopt: findings never fail the run).
int exit_code(const std::vector<Finding>& findings, const std::vector<LoadError>& errors,
              std::optional<Severity> fail_on);

/// Sorts load errors by file, line, column.
void sort_errors(std::vector<LoadError>& errors);

}  // namespace kubegate
