// The parse floor of tests/bench/scale.sh: what a yaml-cpp based tool pays to read an inventory.
// Every regular file below the given paths is read; YAML files (all but .ini) are loaded into
// yaml-cpp's node tree (YAML::LoadAll), or with --events only parsed into a handler that keeps
// nothing (the least yaml-cpp can do); INI hosts files are split into lines. It prints counts so
// that the work cannot be optimised away.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

namespace {

/// Counts events and keeps nothing.
struct Count : YAML::EventHandler {
  std::size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string& value) override {
    events += 1 + value.size() % 2;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override { ++events; }
};

}  // namespace

int main(int argc, char** argv) {
  Count count;
  std::size_t files = 0, lines = 0, nodes = 0;
  int first = 1;
  const bool events = argc > 1 && std::string(argv[1]) == "--events";
  first += events;
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
      if (events) {
        YAML::Parser parser(text);
        while (parser.HandleNextDocument(count)) {
        }
      } else {
        for (const YAML::Node& doc : YAML::LoadAll(text)) nodes += doc.size();
      }
    } catch (const YAML::Exception&) {
      // Not YAML: the floor has read it all the same.
    }
  };
  for (int i = first; i < argc; ++i) {
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i]))
        if (e.is_regular_file()) read(e.path());
    } else {
      read(argv[i]);
    }
  }
  std::cout << files << " files, " << count.events << " events, " << nodes << " top-level nodes, " << lines
            << " lines\n";
}
