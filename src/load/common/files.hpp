// Reading the files of an inventory.
#pragma once

#include <filesystem>
#include <string>

namespace kubegate {

/// Reads a whole file; false when it cannot be read.
bool read_file(const std::string& path, std::string& out);

/// True when `p` is a regular file.
bool file_exists(const std::filesystem::path& p);

}  // namespace kubegate
