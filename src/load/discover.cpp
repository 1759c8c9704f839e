#include "load/discover.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "load/ansible.hpp"

namespace fs = std::filesystem;

namespace kubegate {

namespace {

std::vector<std::string> hosts_files_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_regular_file(ec)) continue;
    fs::path file = dir == "." ? it->path().filename() : it->path();
    if (looks_like_hosts_file(file.string())) out.push_back(file.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string clean(const fs::path& p) {
  std::string s = p.lexically_normal().string();
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s.empty() ? "." : s;
}

/// Walks `root` for folders that hold hosts files; does not descend into vars folders.
void search(const fs::path& root, std::vector<InventoryDir>& out, int depth) {
  std::error_code ec;
  if (depth > 12) return;
  auto files = hosts_files_in(root);
  if (!files.empty() || fs::is_directory(root / "group_vars", ec)) out.push_back({clean(root), files});
  std::vector<fs::path> subdirs;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || name == "group_vars" || name == "host_vars" || name == "node_modules" ||
        it->is_symlink(ec) || !it->is_directory(ec))
      continue;
    subdirs.push_back(it->path());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const fs::path& d : subdirs) search(d, out, depth + 1);
}

}  // namespace

std::vector<InventoryDir> find_inventories(const std::vector<std::string>& paths, std::vector<LoadError>& errors) {
  std::vector<InventoryDir> out;
  std::error_code ec;
  std::vector<std::string> inputs = paths;
  bool searching = inputs.empty();
  if (searching) inputs.push_back(".");
  for (const std::string& input : inputs) {
    fs::path p(input);
    if (!fs::exists(p, ec)) {
      errors.push_back({input, 0, 0, "no such file or folder"});
      continue;
    }
    if (fs::is_directory(p, ec)) {
      auto files = hosts_files_in(p);
      if (!files.empty() || fs::is_directory(p / "group_vars", ec)) {
        out.push_back({clean(p), files});
        continue;
      }
      std::size_t before = out.size();
      search(p, out, 0);
      if (out.size() == before)
        errors.push_back({input, 0, 0, "no Ansible inventory (inventory.ini, hosts.yaml, ...) found in this folder"});
      continue;
    }
    if (looks_like_hosts_file(input)) {
      out.push_back({clean(p.parent_path()), {p.string()}});
      continue;
    }
    // A file inside an inventory: find the folder that holds group_vars/ or host_vars/.
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    bool found = false;
    for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
      std::string name = d.filename().string();
      fs::path root = (name == "group_vars" || name == "host_vars") ? d.parent_path() : d;
      if (root.empty()) root = ".";
      auto files = hosts_files_in(root);
      if (!files.empty() || fs::is_directory(root / "group_vars", ec)) {
        out.push_back({clean(root), files});
        found = true;
        break;
      }
      if (d == d.parent_path() || d.parent_path().empty()) break;
    }
    if (!found) errors.push_back({input, 0, 0, "this file belongs to no inventory kubegate can find (no hosts file in its folder or above)"});
  }
  // Each inventory once, in the order first named.
  std::vector<InventoryDir> unique;
  std::set<std::string> seen;
  for (auto& d : out) {
    std::vector<std::string> files;
    for (auto& f : d.hosts_files)
      if (seen.insert(clean(f)).second) files.push_back(f);
    if (!files.empty() || (d.hosts_files.empty() && seen.insert(d.dir + "/").second)) unique.push_back({d.dir, files});
  }
  return unique;
}

}  // namespace kubegate
