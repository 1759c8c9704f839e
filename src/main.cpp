#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  bool terminal = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  return kubegate::cli::run(args, std::cout, std::cerr, terminal);
}
