// Output formats: they turn findings and load errors into text; they decide nothing.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// `text` safe for a terminal or a CI log: control characters (ESC, CR, LF, ...) and DEL become
/// `\xNN` (a tab stays), so that no input can recolour the terminal or forge a log line.
std::string printable(std::string_view text);

/// What one run has to say.
struct Report {
  const SourceManager& sources;
  const std::vector<Finding>& findings;
  const std::vector<LoadError>& errors;
  /// The clusters linted (JSON names each one's release and why); nullptr: not reported.
  const std::vector<Cluster>* clusters = nullptr;
};

/// Compiler-style text: `path:line:col: severity: message [id]`, the source line with a caret,
/// related locations and the fix hint; ANSI colours when `color`.
void write_text(std::ostream& out, const Report& report, bool color);

/// One JSON document as described by schemas/kubegate-output.schema.json.
void write_json(std::ostream& out, const Report& report);

/// GitHub Actions workflow commands (`::error file=...,line=...::message`), one per finding and
/// load error, escaped as GitHub requires.
void write_github(std::ostream& out, const Report& report);

/// SARIF 2.1.0: a rule per check (its doc as help), a result per finding and load error with a
/// fingerprint that survives edits elsewhere in the file, the run's exit code.
void write_sarif(std::ostream& out, const Report& report, const Knowledge& knowledge, int exit_code);

/// GitLab Code Quality: a JSON array of issues with fingerprints.
void write_codeclimate(std::ostream& out, const Report& report);

/// JUnit XML (GitLab, Jenkins, Azure): a suite per inventory, a test case per check of its
/// platform failing with its findings there, and a suite for the load errors.
void write_junit(std::ostream& out, const Report& report);

/// checkstyle XML (reviewdog, Jenkins warnings-ng): the findings file by file.
void write_checkstyle(std::ostream& out, const Report& report);

/// The typed model (`kubegate show`): release and why, key facts, nodes; with `host`, every
/// variable of that host with the file:line that won and what it overrode.
void write_model(std::ostream& out, const SourceManager& sources, const std::vector<Cluster>& clusters,
                 const std::vector<std::string>& skipped, const std::string& host);

/// The same model as JSON (`show --format json`), each value with its file:line:col.
void write_model_json(std::ostream& out, const SourceManager& sources, const std::vector<Cluster>& clusters,
                      const std::vector<std::string>& skipped, const std::string& host);

/// Every check's ID, severity, platforms and summary as JSON (`checks --format json`).
void write_checks_json(std::ostream& out);

}  // namespace kubegate
