// Reading the files of an inventory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace kubegate {

/// The largest file kubegate reads (inventories are text; the largest real one seen is 200 KB).
inline constexpr std::size_t kMaxFileBytes = 16u << 20;

/// Reads a whole regular file of at most kMaxFileBytes; false when it cannot, or is not one.
bool read_file(const std::string& path, std::string& out);

/// True when `p` is a regular file.
bool file_exists(const std::filesystem::path& p);

}  // namespace kubegate
