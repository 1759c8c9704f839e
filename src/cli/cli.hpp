// The command line as a function: testable without spawning a process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace kubegate::cli {

/// The exit codes (decided by the engine).
using kubegate::kClean;
using kubegate::kFindings;
using kubegate::kUsageOrLoadError;

/// Runs kubegate with `args` (without the program name); returns the exit code.
/// `terminal` says whether `out` is a terminal (for --color auto).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool terminal = false);

}  // namespace kubegate::cli
