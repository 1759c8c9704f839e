#include "load/common/files.hpp"

#include <fstream>

namespace kubegate {

bool read_file(const std::string& path, std::string& out) {
  // Only regular files (a link is followed): a device, a FIFO or a socket (/dev/zero, /dev/stdin)
  // would hang the run or read without end.
  if (!file_exists(path)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // At most kMaxFileBytes: /proc files report size 0, so the bound is on what is read.
  out.clear();
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.size() > kMaxFileBytes) return false;
  }
  return !in.bad();
}

bool file_exists(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

}  // namespace kubegate
