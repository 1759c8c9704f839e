#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool colour = kubegate::cli::colour_by_default(isatty(STDOUT_FILENO), std::getenv("NO_COLOR"), std::getenv("TERM"));
  return kubegate::cli::run(args, std::cout, std::cerr, colour, /*ends_process=*/true);
}
