#include "load/common/discover.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "load/ansible/inventory.hpp"
#include "load/common/files.hpp"
#include "load/kubeup/loader.hpp"
#include "load/rke2/loader.hpp"

namespace fs = std::filesystem;

namespace kubegate {

namespace {

/// Regular, non-hidden files directly in `dir` that `wanted` accepts, sorted; paths stay as the
/// user gave `dir` ("inventory.ini", not "./inventory.ini").
template <typename Pred>
std::vector<std::string> files_in(const fs::path& dir, Pred wanted) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_regular_file(ec)) continue;
    const std::string file = (dir / name).lexically_normal().string();  // "./inv/x" -> "inv/x"
    if (wanted(file)) out.push_back(file);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> hosts_files_in(const fs::path& dir) {
  return files_in(dir, [](const std::string& f) { return looks_like_hosts_file(f); });
}

std::string clean(const fs::path& p) {
  std::string s = p.lexically_normal().string();
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s.empty() ? "." : s;
}

/// Adds `dir` as one RKE2 node's folder, or as a cluster folder of node folders; false when it is neither.
bool add_rke2(const Knowledge& k, const fs::path& dir, std::vector<InventoryDir>& out, bool forced = false) {
  if (auto nodes = rke2_nodes_of(dir.string(), k.rke2(), forced); !nodes.empty()) {
    for (std::string& n : nodes) n = clean(n);
    out.push_back({clean(dir), {}, Platform::rke2, nodes});
    return true;
  }
  auto nodes = rke2_node_dirs_in(dir.string(), k.rke2());
  if (nodes.empty()) return false;
  // A cluster folder holds node folders only; anything else is searched folder by folder.
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_directory(ec)) continue;
    if (std::find(nodes.begin(), nodes.end(), it->path().string()) == nodes.end()) return false;
  }
  std::vector<std::string> all;
  for (const std::string& n : nodes)
    for (const std::string& entry : rke2_nodes_of(n, k.rke2(), false)) all.push_back(clean(entry));
  out.push_back({clean(dir), {}, Platform::rke2, all});
  return true;
}

/// kube-up env files directly in `dir`, sorted.
std::vector<std::string> kubeup_envs_in(const Knowledge& k, const fs::path& dir) {
  return files_in(dir, [&](const std::string& f) { return looks_like_kubeup_env(k, f, false); });
}

/// Adds each kube-up env file directly in `dir` as its own cluster; false when there is none.
bool add_kubeup(const Knowledge& k, const fs::path& dir, std::vector<InventoryDir>& out) {
  auto envs = kubeup_envs_in(k, dir);
  for (const std::string& f : envs) out.push_back({clean(dir), {f}, Platform::kubeup, {}});
  return !envs.empty();
}

/// Walks `root` for folders that hold kube-up env files.
void search_kubeup(const Knowledge& k, const fs::path& root, std::vector<InventoryDir>& out, int depth) {
  std::error_code ec;
  if (depth > 12) return;
  add_kubeup(k, root, out);
  std::vector<fs::path> subdirs;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || name == "node_modules" || it->is_symlink(ec) || !it->is_directory(ec))
      continue;
    subdirs.push_back(it->path());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const fs::path& d : subdirs) search_kubeup(k, d, out, depth + 1);
}

void search(const Knowledge& k, const fs::path& root, std::vector<InventoryDir>& out, int depth);

/// Searches the subfolders of `root` (not its vars folders) for inventories, `depth` deep.
void search_below(const Knowledge& k, const fs::path& root, std::vector<InventoryDir>& out, int depth = 0) {
  std::error_code ec;
  std::vector<fs::path> subdirs;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || name == "group_vars" || name == "host_vars" || name == "node_modules" ||
        it->is_symlink(ec) || !it->is_directory(ec))
      continue;
    subdirs.push_back(it->path());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const fs::path& d : subdirs) search(k, d, out, depth + 1);
}

/// Walks `root` for folders that hold hosts files; does not descend into vars folders.
void search(const Knowledge& k, const fs::path& root, std::vector<InventoryDir>& out, int depth) {
  std::error_code ec;
  if (depth > 12) return;
  auto files = hosts_files_in(root);
  if (!files.empty() || fs::is_directory(root / "group_vars", ec)) {
    out.push_back({clean(root), files, Platform::kubespray, {}});
  } else if (add_rke2(k, root, out)) {
    return;
  }
  add_kubeup(k, root, out);
  search_below(k, root, out, depth);
}

/// --platform rke2 on a folder: a folder of group_vars/ without a hosts file holds no RKE2 node
/// (it would be read as a Kubespray settings folder); drop those, and say so when nothing is left.
void rke2_only(const std::string& input, std::vector<InventoryDir>& out, std::size_t first, std::vector<LoadError>& errors) {
  auto settings_only = [](const InventoryDir& d) { return d.platform == Platform::kubespray && d.hosts_files.empty(); };
  const bool other = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [&](const InventoryDir& d) {
    return !settings_only(d) && d.platform != Platform::kubeup;
  });
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), settings_only), out.end());
  if (!other)
    errors.push_back({input, 0, 0,
                      "--platform rke2: no RKE2 configuration (config.yaml, registries.yaml, a *config*.yaml of RKE2 "
                      "keys) and no hosts file of an RKE2 inventory found in this folder; group_vars/ without a "
                      "hosts file names no node"});
}

}  // namespace

bool looks_like_kubeup_env(const Knowledge& k, const std::string& path, bool any_name) {
  const fs::path p(path);
  const std::string name = p.filename().string(), ext = p.extension().string();
  if (name == "kube-up.env" || name == "kubeup.env" || name == "cluster.env") return true;
  if (!any_name && ext != ".env" && ext != ".sh" && ext != ".bash") return false;
  std::error_code ec;
  if (fs::file_size(p, ec) > (1u << 20) || ec) return false;
  std::string text;
  if (!peek_file(path, text) || text.find('\0') != std::string::npos) return false;
  return assigns_kubeup_variables(k, text, ext == ".env" ? 1 : 2);
}

std::vector<InventoryDir> find_inventories(const Knowledge& k, const std::vector<std::string>& paths, std::vector<LoadError>& errors,
                                           std::optional<Platform> platform) {
  std::vector<InventoryDir> out;
  std::error_code ec;
  std::vector<std::string> inputs = paths;
  bool searching = inputs.empty();
  if (searching) inputs.push_back(".");
  for (const std::string& input : inputs) {
    fs::path p(clean(input));  // one spelling for every path below it (sorting, dedup)
    if (!fs::exists(p, ec)) {
      errors.push_back({input, 0, 0, "no such file or folder"});
      continue;
    }
    if (platform == Platform::kubeup) {  // --platform kubeup: env files only
      std::size_t before = out.size();
      if (fs::is_directory(p, ec)) {
        search_kubeup(k, p, out, 0);
      } else {
        fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
        out.push_back({clean(parent), {p.string()}, Platform::kubeup, {}});
      }
      if (out.size() == before)
        errors.push_back({input, 0, 0,
                          "no kube-up env file (*.env, kube-up.env, or a file assigning kube-up variables) found in "
                          "this folder"});
      continue;
    }
    if (fs::is_directory(p, ec)) {
      const std::size_t first = out.size();
      auto files = hosts_files_in(p);
      if (!files.empty() || fs::is_directory(p / "group_vars", ec)) {
        out.push_back({clean(p), files, Platform::kubespray, {}});
        add_kubeup(k, p, out);
        if (!files.empty()) continue;
        // group_vars/ beside a playbook, the inventories in folders below: search those too.
        search_below(k, p, out);
      } else if (add_rke2(k, p, out, platform == Platform::rke2)) {
        // --platform rke2 names it: a config.yaml is RKE2's even when every key in it is misspelled.
        continue;
      } else {
        search(k, p, out, 0);
        if (out.size() == first)
          errors.push_back({input, 0, 0, "no Ansible inventory (inventory.ini, hosts.yaml, ...) or RKE2 configuration found in this folder"});
      }
      if (platform == Platform::rke2) rke2_only(input, out, first, errors);
      continue;
    }
    if (looks_like_hosts_file(input)) {
      out.push_back({clean(p.parent_path()), {p.string()}, Platform::kubespray, {}});
      continue;
    }
    if (platform != Platform::kubespray && looks_like_kubeup_env(k, input, true)) {
      out.push_back({clean(p.parent_path().empty() ? fs::path(".") : p.parent_path()), {p.string()}, Platform::kubeup, {}});
      continue;
    }
    // A file of one RKE2 node's folder (config.yaml, registries.yaml, config.yaml.d/x.yaml, or
    // a `*config*.yaml` node beside them): the folder's nodes.
    {
      fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
      if (parent.filename() == "config.yaml.d") parent = parent.parent_path().empty() ? fs::path(".") : parent.parent_path();
      const std::string name = p.filename().string();
      const bool own = name == "config.yaml" || name == "registries.yaml" || p.parent_path().filename() == "config.yaml.d";
      auto nodes = rke2_nodes_of(parent.string(), k.rke2(), platform == Platform::rke2);
      const bool listed = std::find(nodes.begin(), nodes.end(), p.string()) != nodes.end() ||
                          std::find(nodes.begin(), nodes.end(), clean(p)) != nodes.end();
      if (!nodes.empty() && (own || listed)) {
        for (std::string& n : nodes) n = clean(n);
        out.push_back({clean(parent), {}, Platform::rke2, nodes});
        continue;
      }
      // A config file named on the command line, whatever its name: as --platform rke2 says, or
      // in auto mode when every top-level key is one RKE2 accepts. Not a file of group_vars/ or host_vars/.
      const std::string folder = p.parent_path().filename().string();
      const bool vars_file = folder == "group_vars" || folder == "host_vars" ||
                             p.parent_path().parent_path().filename() == "group_vars" ||
                             p.parent_path().parent_path().filename() == "host_vars";
      if (!own && !vars_file &&
          ((platform == Platform::rke2) || looks_like_rke2_config(p.string(), k.rke2(), true))) {
        out.push_back({clean(parent), {}, Platform::rke2, {clean(p)}});
        continue;
      }
    }
    // A file inside an inventory: find the folder that holds group_vars/ or host_vars/.
    // Walked on the absolute path, spelled as the user's ("group_vars/all/x.yml" -> "../.."), so
    // that `cd group_vars/all && kubegate lint all.yml` finds the hosts file above.
    fs::path shown = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::error_code up_ec;
    fs::path abs = fs::absolute(shown, up_ec).lexically_normal();
    if (abs.filename().empty()) abs = abs.parent_path();
    bool found = false;
    for (int up = 0; up < 64 && !up_ec; ++up) {
      std::string name = abs.filename().string();
      fs::path root = (name == "group_vars" || name == "host_vars") ? shown / ".." : shown;
      auto files = hosts_files_in(root);
      if (!files.empty() || fs::is_directory(root / "group_vars", up_ec)) {
        out.push_back({clean(root), files, Platform::kubespray, {}});
        found = true;
        break;
      }
      up_ec.clear();
      if (abs == abs.parent_path()) break;
      abs = abs.parent_path();
      shown /= "..";
    }
    if (!found) errors.push_back({input, 0, 0, "this file belongs to no inventory kubegate can find (no hosts file in its folder or above)"});
  }
  auto drop = [&](Platform dropped) {
    out.erase(std::remove_if(out.begin(), out.end(), [&](const InventoryDir& d) { return d.platform == dropped; }),
              out.end());
  };
  if (platform == Platform::kubespray) drop(Platform::kubeup);  // --platform kubespray: no kube-up env files
  if (platform == Platform::kubespray)  // --platform kubespray: no RKE2 folders either
    out.erase(std::remove_if(out.begin(), out.end(), [](const InventoryDir& d) { return d.platform == Platform::rke2; }),
              out.end());
  if (platform == Platform::rke2)  // --platform rke2: RKE2 folders and (rke2-ansible) inventories
    out.erase(std::remove_if(out.begin(), out.end(), [](const InventoryDir& d) { return d.platform == Platform::kubeup; }),
              out.end());
  // Each inventory once, in the order first named.
  std::vector<InventoryDir> unique;
  std::set<std::string> seen;
  for (auto& d : out) {
    std::vector<std::string> files;
    for (auto& f : d.hosts_files)
      if (seen.insert(clean(f)).second) files.push_back(f);
    if (!files.empty() || (d.hosts_files.empty() && seen.insert(d.dir + "/").second)) {
      InventoryDir kept = d;
      kept.hosts_files = files;
      unique.push_back(std::move(kept));
    }
  }
  return unique;
}

}  // namespace kubegate
