// What the fuzz targets share: a scratch folder of their own, file writes, the knowledge parsed
// once per process. Header-only, so that each target stays one translation unit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "kubegate/knowledge.hpp"

namespace kubegate::fuzz {

/// This process's scratch folder, $TMPDIR/kubegate-fuzz-<pid> (run.sh points TMPDIR at tmpfs).
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path d = std::filesystem::temp_directory_path() / ("kubegate-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

/// Writes `text` to `path`, creating its parent folders and replacing what was there.
inline void write_file(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// An empty folder `name` inside the scratch folder (emptied when it exists).
inline std::filesystem::path fresh_dir(const std::string& name) {
  std::filesystem::path d = scratch() / name;
  std::error_code ec;
  std::filesystem::remove_all(d, ec);
  std::filesystem::create_directories(d);
  return d;
}

/// The compiled-in knowledge, parsed once per process (it is a cache of constant data).
inline const Knowledge& knowledge() {
  static const Knowledge k;
  return k;
}

/// The input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The input cut at every `sep` byte (at most `max_parts` parts; the last keeps the rest).
inline std::vector<std::string_view> split(std::string_view text, char sep, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    std::size_t at = text.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

}  // namespace kubegate::fuzz
