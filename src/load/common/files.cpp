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

/// The most text peek_file keeps; past it, files are read again.
constexpr std::size_t kPeekedBytes = 64u << 20;

/// What ReadRoots sets for one run: where reading is allowed, the working directory, and what is
/// cached (folders' real paths, and the texts peek_file read).
struct ReadState {
  std::vector<fs::path> roots;  ///< the real paths kubegate may read below; empty: anything
  fs::path cwd;                 ///< the working directory at the start of the run
  std::mutex mutex;             ///< guards the caches below (inventories load in parallel)
  /// Resolving a folder costs a readlink per component: each is resolved once per run.
  std::unordered_map<std::string, fs::path> real_folders;
  std::unordered_map<std::string, std::string> peeked;  ///< texts read by peek_file, by path as given
  std::size_t peeked_bytes = 0;
};

ReadState& state() {
  static ReadState s;
  return s;
}

/// `p` made absolute against the run's working directory (one getcwd per run, not per file).
fs::path from_cwd(const fs::path& p, std::error_code& ec) {
  if (p.is_absolute() || state().cwd.empty()) return fs::absolute(p, ec);
  return state().cwd / p;
}

/// The real path of `p` (every link resolved); `p` made absolute when it does not exist.
fs::path real(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(from_cwd(p, ec), ec);
  return ec ? from_cwd(p, ec).lexically_normal() : r;
}

/// real(p) for a file whose absolute path is `abs`: its folder's real path, cached, and the file
/// itself unless it is a link.
fs::path real_file(const fs::path& p, const fs::path& abs) {
  std::error_code ec;
  const bool dots = std::any_of(abs.begin(), abs.end(), [](const fs::path& part) { return part == ".."; });
  if (dots || !abs.has_filename() || fs::is_symlink(fs::symlink_status(abs, ec))) return real(p);
  const std::string folder = abs.parent_path().lexically_normal().string();
  ReadState& s = state();
  {
    std::lock_guard lock(s.mutex);
    if (auto it = s.real_folders.find(folder); it != s.real_folders.end()) return it->second / abs.filename();
  }
  fs::path r = real(folder);
  std::lock_guard lock(s.mutex);
  return s.real_folders.emplace(folder, std::move(r)).first->second / abs.filename();
}

/// Reads a whole regular file from disk (read_file's bounds and checks).
bool read_disk(const std::string& path, std::string& out) {
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

/// The text peek_file kept of `path`, into `out`; false when it kept none.
bool peeked(const std::string& path, std::string& out) {
  ReadState& s = state();
  std::lock_guard lock(s.mutex);
  auto it = s.peeked.find(path);
  if (it == s.peeked.end()) return false;
  out = it->second;
  return true;
}

/// The repository (a folder above holding .git) around `p`, else `p`'s folder. A named file is
/// the folder it is in, not the target of a link it may be.
fs::path tree_of(const fs::path& p) {
  std::error_code ec;
  fs::path dir = fs::is_directory(p, ec) ? real(p) : real(from_cwd(p, ec).parent_path());
  for (fs::path up = dir; !up.empty(); up = up.parent_path()) {
    if (fs::exists(up / ".git", ec)) return up;
    if (up == up.parent_path()) break;
  }
  return dir;
}

}  // namespace

ReadRoots::ReadRoots(const std::vector<std::string>& linted) {
  std::error_code ec;
  ReadState& s = state();
  s.cwd = fs::current_path(ec);
  s.roots = {real(s.cwd)};
  for (const std::string& p : linted) s.roots.push_back(tree_of(p));
}

ReadRoots::~ReadRoots() {
  ReadState& s = state();
  s.roots.clear();
  s.cwd.clear();
  s.real_folders.clear();
  s.peeked.clear();
  s.peeked_bytes = 0;
}

bool inside_roots(const fs::path& p) {
  const std::vector<fs::path>& roots = state().roots;
  if (roots.empty()) return true;
  std::error_code ec;
  const fs::path abs = from_cwd(p, ec);
  const fs::path r = ec ? real(p) : real_file(p, abs);
  // A path reached without any link (a folder above the inventory holding its galaxy.yml) is
  // where the user pointed; only what a link leads to must stay inside.
  if (r == abs.lexically_normal()) return true;
  return std::any_of(roots.begin(), roots.end(), [&](const fs::path& root) {
    auto [end, _] = std::mismatch(root.begin(), root.end(), r.begin(), r.end());
    return end == root.end();
  });
}

bool read_file(const std::string& path, std::string& out) { return peeked(path, out) || read_disk(path, out); }

bool peek_file(const std::string& path, std::string& out) {
  if (peeked(path, out)) return true;
  if (!read_disk(path, out)) return false;
  ReadState& s = state();
  std::lock_guard lock(s.mutex);
  if (!s.roots.empty() && s.peeked_bytes + out.size() <= kPeekedBytes && s.peeked.emplace(path, out).second)
    s.peeked_bytes += out.size();
  return true;
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
