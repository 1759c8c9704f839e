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
using kubegate::kLoadError;
using kubegate::kUsageError;

/// Whether --color auto colours: standard output is a terminal, TERM is not "dumb", and NO_COLOR
/// is unset or empty (no-color.org).
bool colour_by_default(bool terminal, const char* no_color, const char* term);

/// Runs kubegate with `args` (without the program name); returns the exit code.
/// `terminal`: whether --color auto colours (colour_by_default). `ends_process`: the process
/// exits right after (main), so what the lint loaded need not be freed.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool terminal = false,
        bool ends_process = false);

}  // namespace kubegate::cli
