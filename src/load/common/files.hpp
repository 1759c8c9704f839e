// Reading the files of an inventory: regular files only, bounded, and only inside the linted tree.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "load/common/limits.hpp"

namespace kubegate {

/// While alive, a file or folder reached through a link is read only when its real path is
/// inside the linted tree: the repository around each linted path (or the path itself) and the
/// working directory. A link in an inventory pointing at /etc/shadow is refused, not followed.
/// Without one, nothing is restricted (unit tests of a loader).
class ReadRoots {
 public:
  explicit ReadRoots(const std::vector<std::string>& linted);
  ~ReadRoots();
  ReadRoots(const ReadRoots&) = delete;
  ReadRoots& operator=(const ReadRoots&) = delete;
};

/// `p` is reached without a link, or its real path is inside the read roots, or none are set.
bool inside_roots(const std::filesystem::path& p);

/// Reads a whole regular file of at most limits::kFileBytes inside the read roots (or the text
/// peek_file kept of it); false when it cannot, or is not one (read_failure says why).
bool read_file(const std::string& path, std::string& out);

/// read_file for a reader that only looks (is this an RKE2 inventory? a stock sample?): while
/// ReadRoots is alive the text is kept, and later reads of the same path (as spelled) get it
/// without reading the file again.
bool peek_file(const std::string& path, std::string& out);

/// Why read_file refuses or fails on `path`, for a load error ("a link to /etc/passwd, outside
/// the linted tree: not read").
std::string read_failure(const std::string& path);

/// True when `p` is a regular file.
bool file_exists(const std::filesystem::path& p);

}  // namespace kubegate
