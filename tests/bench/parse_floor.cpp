// The parse floor of tests/bench/bench.sh: what a yaml-cpp based tool pays to read an inventory.
// Every regular file below the given paths is read; YAML files (all but .ini) are loaded into
// yaml-cpp's node tree (YAML::LoadAll); INI hosts files are split into lines. It prints counts so
// that the work cannot be optimised away.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <yaml-cpp/yaml.h>

int main(int argc, char** argv) {
  std::size_t files = 0, lines = 0, nodes = 0;
  auto read = [&](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    ++files;
    const std::string ext = p.extension().string();
    if (ext == ".ini" || ext == ".cfg") {
      for (std::string line; std::getline(text, line);) lines += !line.empty();
      return;
    }
    try {
      for (const YAML::Node& doc : YAML::LoadAll(text)) nodes += doc.size();
    } catch (const YAML::Exception&) {
      // Not YAML: the floor has read it all the same.
    }
  };
  for (int i = 1; i < argc; ++i) {
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i]))
        if (e.is_regular_file()) read(e.path());
    } else {
      read(argv[i]);
    }
  }
  std::cout << files << " files, " << nodes << " top-level nodes, " << lines << " lines\n";
}
