#include "load/common/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace kubegate {

namespace {

/// The real paths kubegate may read below; empty: anything. Set by ReadRoots, read-only while
/// loaders run.
std::vector<fs::path>& roots() {
  static std::vector<fs::path> r;
  return r;
}

/// The real path of `p` (every link resolved); `p` made absolute when it does not exist.
fs::path real(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? fs::absolute(p, ec).lexically_normal() : r;
}

/// The real paths of the folders of files read so far: resolving a folder costs a readlink per
/// component, so each is resolved once per run (ReadRoots clears them).
struct RealFolders {
  std::mutex mutex;
  std::unordered_map<std::string, fs::path> paths;
};

RealFolders& real_folders() {
  static RealFolders r;
  return r;
}

/// real(p) for a file: its folder's real path, cached, and the file itself unless it is a link.
fs::path real_file(const fs::path& p) {
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec);
  const bool dots = std::any_of(abs.begin(), abs.end(), [](const fs::path& part) { return part == ".."; });
  if (ec || dots || !abs.has_filename() || fs::is_symlink(fs::symlink_status(abs, ec))) return real(p);
  const std::string folder = abs.parent_path().lexically_normal().string();
  RealFolders& cache = real_folders();
  {
    std::lock_guard lock(cache.mutex);
    if (auto it = cache.paths.find(folder); it != cache.paths.end()) return it->second / abs.filename();
  }
  fs::path r = real(folder);
  std::lock_guard lock(cache.mutex);
  return cache.paths.emplace(folder, std::move(r)).first->second / abs.filename();
}

/// The repository (a folder above holding .git) around `p`, else `p`'s folder. A named file is
/// the folder it is in, not the target of a link it may be.
fs::path tree_of(const fs::path& p) {
  std::error_code ec;
  fs::path dir = fs::is_directory(p, ec) ? real(p) : real(fs::absolute(p, ec).parent_path());
  for (fs::path up = dir; !up.empty(); up = up.parent_path()) {
    if (fs::exists(up / ".git", ec)) return up;
    if (up == up.parent_path()) break;
  }
  return dir;
}

}  // namespace

ReadRoots::ReadRoots(const std::vector<std::string>& linted) {
  std::error_code ec;
  real_folders().paths.clear();
  roots() = {real(fs::current_path(ec))};
  for (const std::string& p : linted) roots().push_back(tree_of(p));
}

ReadRoots::~ReadRoots() {
  roots().clear();
  real_folders().paths.clear();
}

bool inside_roots(const fs::path& p) {
  if (roots().empty()) return true;
  std::error_code ec;
  const fs::path r = real_file(p);
  // A path reached without any link (a folder above the inventory holding its galaxy.yml) is
  // where the user pointed; only what a link leads to must stay inside.
  if (r == fs::absolute(p, ec).lexically_normal()) return true;
  return std::any_of(roots().begin(), roots().end(), [&](const fs::path& root) {
    auto [end, _] = std::mismatch(root.begin(), root.end(), r.begin(), r.end());
    return end == root.end();
  });
}

bool read_file(const std::string& path, std::string& out) {
  // Only regular files (a link is followed, inside the tree): a device, a FIFO or a socket
  // (/dev/zero, /dev/stdin) would hang the run or read without end.
  if (!file_exists(path) || !inside_roots(path)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // At most limits::kFileBytes: /proc files report size 0, so the bound is on what is read.
  out.clear();
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.size() > limits::kFileBytes) return false;
  }
  return !in.bad();
}

std::string read_failure(const std::string& path) {
  std::error_code ec;
  if (!inside_roots(path))
    return fmt::format("a link to {}, outside the linted tree: not read", real(path).string());
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) return "not a regular file: not read";
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) > limits::kFileBytes)
    return fmt::format("larger than {} MiB: not read", limits::kFileBytes >> 20);
  errno = 0;
  if (!std::ifstream(path, std::ios::binary) && errno != 0)
    return fmt::format("cannot read this file: {}", std::strerror(errno));
  return "cannot read this file";
}

bool file_exists(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace kubegate
