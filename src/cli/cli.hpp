// The command line as a function: testable without spawning a process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kubegate::cli {

/// Exit codes.
inline constexpr int kClean = 0;
inline constexpr int kFindings = 1;
inline constexpr int kUsageOrLoadError = 2;

/// Runs kubegate with `args` (without the program name); returns the exit code.
/// `terminal` says whether `out` is a terminal (for --color auto).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool terminal = false);

}  // namespace kubegate::cli
