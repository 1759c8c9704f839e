// Helpers shared by the tests: throw-away inventories written to a temporary folder.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <utility>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/cli.hpp"

namespace kubegate::test {

/// What one run of the command line printed and returned.
struct Run {
  int code;
  std::string out;
  std::string err;
};

/// Runs kubegate's command line in-process with `args`.
inline Run kubegate_run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int code = cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

/// The checks folder (checks/<id>/ per check); KUBEGATE_TEST_CHECKS_DIR names another one (a copy
/// with a scaffolded check, tests/scaffold_test.sh).
inline std::filesystem::path checks_dir() {
  const char* other = std::getenv("KUBEGATE_TEST_CHECKS_DIR");
  return other && *other ? std::filesystem::path(other) : std::filesystem::path(KUBEGATE_SOURCE_DIR) / "checks";
}

/// The examples folder, with a trailing slash.
inline const std::string kExamples = std::string(KUBEGATE_SOURCE_DIR) + "/examples/";

/// A temporary folder filled with files; removed when the object goes away.
class TempDir {
 public:
  /// Writes each (relative path, content) pair below a fresh folder.
  explicit TempDir(std::initializer_list<std::pair<std::string, std::string>> files) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("kubegate-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    for (const auto& [rel, content] : files) write(rel, content);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes (or overwrites) one file.
  void write(const std::string& rel, const std::string& content) const {
    auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
  /// The folder, or a path below it.
  std::string path(const std::string& rel = "") const { return rel.empty() ? path_.string() : (path_ / rel).string(); }

 private:
  std::filesystem::path path_;
};

/// The golden file tests/golden/`name`, to compare `actual` with. KUBEGATE_UPDATE_GOLDEN=1 writes
/// `actual` there for review (git diff) and returns what the file held before, so that the run
/// that rewrites a golden still fails wherever it changed.
inline std::string golden(const std::string& name, const std::string& actual) {
  const auto path = std::filesystem::path(KUBEGATE_SOURCE_DIR) / "tests" / "golden" / name;
  std::stringstream expected;
  expected << std::ifstream(path).rdbuf();
  if (std::getenv("KUBEGATE_UPDATE_GOLDEN")) std::ofstream(path) << actual;
  return expected.str();
}

}  // namespace kubegate::test
