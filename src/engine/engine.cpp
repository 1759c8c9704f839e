#include "engine/engine.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "load/common/discover.hpp"
#include "load/common/files.hpp"
#include "load/kubespray/loader.hpp"
#include "load/kubespray/release_choice.hpp"
#include "load/kubeup/loader.hpp"
#include "load/rke2/loader.hpp"
#include "util/parallel.hpp"

namespace kubegate {

namespace fs = std::filesystem;

namespace {

/// IDs named by a `kubegate: ignore=ID[,ID]` comment in `line` ("all" matches every check).
std::vector<std::string> ignored_in(std::string_view line, std::string_view directive) {
  std::vector<std::string> ids;
  auto at = line.find(directive);
  if (at == std::string_view::npos) return ids;
  // Only inside a comment.
  auto hash = line.find_first_of("#;");
  if (hash == std::string_view::npos || hash > at) return ids;
  std::string_view rest = line.substr(at + directive.size());
  std::size_t end = rest.find_first_of(" \t\r");
  rest = rest.substr(0, end);
  std::size_t pos = 0;
  while (pos <= rest.size()) {
    std::size_t comma = rest.find(',', pos);
    std::string_view id = rest.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (!id.empty()) ids.emplace_back(id);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return ids;
}

bool names(const std::vector<std::string>& ids, const std::string& check) {
  return std::find(ids.begin(), ids.end(), check) != ids.end() || std::find(ids.begin(), ids.end(), "all") != ids.end();
}

bool suppressed(const SourceManager& sources, const Finding& f) {
  if (!f.loc.known()) return false;
  if (names(ignored_in(sources.line(f.loc.file, f.loc.line), "kubegate: ignore="), f.check)) return true;
  if (f.loc.line > 1 && names(ignored_in(sources.line(f.loc.file, f.loc.line - 1), "kubegate: ignore="), f.check))
    return true;
  std::string_view text = sources.text(f.loc.file);
  for (auto at = text.find("kubegate: ignore-file="); at != std::string_view::npos;
       at = text.find("kubegate: ignore-file=", at + 1)) {
    auto begin = text.rfind('\n', at);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    auto end = text.find('\n', at);
    if (names(ignored_in(text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin),
                         "kubegate: ignore-file="),
              f.check))
      return true;
  }
  return false;
}

auto key(const SourceManager& s, const Finding& f) {
  return std::tuple(s.path(f.loc.file), f.loc.line, f.loc.column, f.check, f.message);
}

/// Some variable of the inventory is one the Kubespray release defines (a default, not Ansible's
/// own ansible_*), and none is an RKE2 role's (rke2_*).
bool sets_kubespray_variable(const Cluster& c) {
  const DefinitionTable* defaults = nullptr;
  for (const auto& t : c.tables)
    if (t->layer == Layer::release_default) defaults = t.get();
  if (!defaults) return true;
  bool kubespray = false;
  for (const auto& t : c.tables)
    if (t->layer != Layer::release_default && t->layer != Layer::set_fact)
      for (const auto& [name, d] : t->vars) {
        if (name.starts_with("rke2_")) return false;
        kubespray = kubespray || (!name.starts_with("ansible_") && defaults->vars.count(name));
      }
  return kubespray;
}

/// Paths as every output spells them: an absolute path inside the working directory relative to
/// it (`/home/u/repo/inventory` from /home/u/repo is `inventory`), any other as given.
std::vector<std::string> shown_paths(const std::vector<std::string>& paths) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    const fs::path rel = fs::path(p).lexically_normal().lexically_relative(cwd);
    const bool inside = !ec && fs::path(p).is_absolute() && !rel.empty() && *rel.begin() != "..";
    out.push_back(inside ? rel.string() : p);
  }
  return out;
}

}  // namespace

std::string data_versions(const Knowledge& k) {
  const std::vector<std::string> releases = kubespray_releases(k);
  std::string master = "unknown";
  if (const nlohmann::json* m = k.document(kubespray_release_document("master")))
    master = m->value(nlohmann::json::json_pointer("/source/commit"), std::string("unknown")).substr(0, 12);
  std::string rke2 = "unknown";
  if (const nlohmann::json* f = k.document("schemas/rke2/flags.json")) {
    const std::string source = f->value("source", "");
    if (const std::size_t at = source.rfind(" at "); at != std::string::npos) rke2 = source.substr(at + 4, 12);
  }
  return fmt::format("Kubespray releases v{} to v{} and master at {}; Kubernetes feature gates up to {}; RKE2 flags at {}",
                     releases.front(), releases[releases.size() - 2], master, k.gates().horizon().str(), rke2);
}

namespace {

/// What one inventory folder loads into.
struct Loaded {
  std::vector<Cluster> clusters;
  std::vector<LoadError> errors;
  std::vector<std::string> skipped;
};

/// Loads the inventories of one folder.
Loaded load_dir(SourceManager& sources, const Knowledge& knowledge, const LoadOptions& options, const InventoryDir& dir) {
  Loaded out;
  if (dir.platform == Platform::kubeup) {
    for (const std::string& env : dir.hosts_files) {
      Cluster c;
      if (load_kubeup(sources, knowledge, env, c, out.errors)) out.clusters.push_back(std::move(c));
    }
    return out;
  }
  if (dir.platform == Platform::rke2) {
    Cluster c;
    load_rke2_nodes(sources, knowledge, dir.dir, dir.rke2_nodes, options.rke2_version, c, out.errors);
    out.clusters.push_back(std::move(c));
    return out;
  }
  std::vector<Cluster> loaded;
  std::vector<std::string> hosts_files = dir.hosts_files;
  if (hosts_files.empty()) hosts_files.emplace_back();  // group_vars/ only
  for (const std::string& hosts : hosts_files) {
    Cluster c;
    const bool rke2 = options.platform == Platform::rke2 ||
                      (options.platform != Platform::kubespray && is_rke2_inventory(knowledge, hosts));
    if (!hosts.empty() && rke2) {
      load_rke2_ansible(sources, knowledge, dir.dir, hosts, options.rke2_version, c, out.errors);
    } else {
      load_kubespray(sources, knowledge, dir.dir, hosts, options.kubespray_version, c, out.errors);
      // group_vars/ without a hosts file nor any variable Kubespray knows: some other tool's.
      if (hosts.empty() && !sets_kubespray_variable(c)) {
        out.skipped.push_back(
            fmt::format("{}: no hosts file and no Kubespray variable: not a Kubespray inventory", c.name));
        continue;
      }
    }
    loaded.push_back(std::move(c));
  }
  // A folder often keeps the untouched sample hosts file beside the real one: when some
  // hosts file gives hosts a cluster role, the ones that give none are not what anyone runs.
  auto has_roles = [](const Cluster& c) {
    return std::any_of(c.nodes.begin(), c.nodes.end(), [](const Node& n) { return n.roles != role_none; });
  };
  bool any_roles = std::any_of(loaded.begin(), loaded.end(), has_roles);
  for (Cluster& c : loaded) {
    if (any_roles && !has_roles(c)) {
      out.skipped.push_back(fmt::format(
          "{}: gives no host a cluster role; linted the other hosts file(s) in {} instead", c.name, dir.dir));
      continue;
    }
    out.clusters.push_back(std::move(c));
  }
  return out;
}

}  // namespace

bool load(const LoadOptions& options, Workspace& ws, std::string& usage_error) {
  const std::vector<std::string> paths = shown_paths(options.paths);
  const ReadRoots sandbox(paths.empty() ? std::vector<std::string>{"."} : paths);
  std::string release, reason;
  if (!select_kubespray_release(ws.knowledge, options.kubespray_version, release, reason)) {
    std::string known;
    for (const std::string& r : kubespray_releases(ws.knowledge)) known += (known.empty() ? "" : ", ") + r;
    usage_error = fmt::format("unknown Kubespray release \"{}\" (known: {})", options.kubespray_version, known);
    return false;
  }
  if (!options.rke2_version.empty() && !parse_version(options.rke2_version)) {
    usage_error = fmt::format("--rke2-version {}: not an RKE2 release (v1.30.4+rke2r1)", options.rke2_version);
    return false;
  }
  // Inventories are independent: each loads on its own thread, and they join in the order found.
  const std::vector<InventoryDir> dirs = find_inventories(ws.knowledge, paths, ws.errors, options.platform);
  std::vector<Loaded> loaded(dirs.size());
  parallel_for(dirs.size(), ws.jobs,
               [&](std::size_t i) { loaded[i] = load_dir(ws.sources, ws.knowledge, options, dirs[i]); });
  for (Loaded& l : loaded) {
    std::move(l.clusters.begin(), l.clusters.end(), std::back_inserter(ws.clusters));
    std::move(l.errors.begin(), l.errors.end(), std::back_inserter(ws.errors));
    std::move(l.skipped.begin(), l.skipped.end(), std::back_inserter(ws.skipped));
  }
  // A stock sample inventory left beside (or inside) the real ones is not what anyone deploys.
  const bool any_topology = std::any_of(ws.clusters.begin(), ws.clusters.end(),
                                        [](const Cluster& c) { return c.topology_known; });
  std::erase_if(ws.clusters, [&](const Cluster& c) {
    const bool stock = any_topology && c.platform == Platform::kubespray && !c.topology_known && c.anchor.known() &&
                       is_stock_sample_file(ws.knowledge, "inventory.ini", ws.sources.text(c.anchor.file));
    if (stock)
      ws.skipped.push_back(fmt::format("{}: an unchanged copy of Kubespray's sample inventory; linted the other "
                                       "inventories instead",
                                       c.name));
    return stock;
  });
  for (Cluster& c : ws.clusters) {
    type_common_facts(c);
    for (Cluster& alt : c.alternatives) type_common_facts(alt);
  }
  sort_errors(ws.errors);
  return true;
}

namespace {

/// The findings of every enabled check on `c`, unsuppressed.
std::vector<Finding> check_cluster(const Workspace& ws, const Cluster& c, const std::vector<std::string>& disabled) {
  std::vector<Finding> out;
  for (const CheckDef& check : all_checks()) {
    if (!(check.info.platforms & static_cast<unsigned>(c.platform))) continue;
    if (std::find(disabled.begin(), disabled.end(), check.info.id) != disabled.end()) continue;
    std::vector<Finding> found;
    Reporter r(check.info, c, found);
    check.run(CheckContext{check.info, c, ws.knowledge}, r);
    for (Finding& f : found)
      if (!suppressed(ws.sources, f)) out.push_back(std::move(f));
  }
  return out;
}

/// "2.27.0–2.27.1, master": the releases of `all` (oldest first) whose flag is set, as ranges.
std::string ranges(const std::vector<std::string>& all, const std::vector<bool>& on) {
  std::string out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!on[i]) continue;
    std::size_t j = i;
    while (j + 1 < all.size() && on[j + 1]) ++j;
    out += (out.empty() ? "" : ", ") + all[i] + (j > i ? "\u2013" + all[j] : "");
    i = j;
  }
  return out;
}

/// The findings of a cluster whose release is one of several: a finding that holds on every
/// candidate release stands; one that holds on some only is an info that says on which, or
/// nothing when the release is a pure guess (kubespray-release-guessed says so once).
std::vector<Finding> judge_on_candidates(const Workspace& ws, const Cluster& c,
                                         const std::vector<std::string>& disabled) {
  std::vector<const Cluster*> views = {&c};
  for (const Cluster& alt : c.alternatives) views.push_back(&alt);
  const std::vector<std::string>& names = c.release.candidates;
  // (check, file, line, column, n-th there) -> the first finding, and on which candidates it holds.
  using Key = std::tuple<std::string, std::uint32_t, std::uint32_t, std::uint32_t, int>;
  std::map<Key, std::pair<Finding, std::vector<bool>>> seen;
  std::vector<Key> order;
  for (const Cluster* view : views) {
    const auto at = std::find(names.begin(), names.end(), view->release.named) - names.begin();
    std::map<Key, int> nth;
    for (Finding& f : check_cluster(ws, *view, disabled)) {
      Key key{f.check, f.loc.file, f.loc.line, f.loc.column, 0};
      std::get<4>(key) = nth[key]++;
      auto [it, fresh] = seen.try_emplace(key, std::move(f), std::vector<bool>(names.size()));
      if (fresh) order.push_back(key);
      if (static_cast<std::size_t>(at) < names.size()) it->second.second[at] = true;
    }
  }
  std::vector<Finding> out;
  for (const auto& key : order) {
    auto& [f, on] = seen.at(key);
    if (std::find(on.begin(), on.end(), false) != on.end()) {
      if (c.release.certainty == ReleaseCertainty::guessed) continue;
      f.severity = Severity::info;
      f.message += fmt::format(" (only on Kubespray {}, of the releases this inventory may be for: {}; name the "
                               "release with --kubespray-version to judge it)",
                               ranges(names, on), ranges(names, std::vector<bool>(names.size(), true)));
    }
    out.push_back(std::move(f));
  }
  return out;
}

/// True when `text` names `word` as a whole word (not inside a longer variable or key name).
bool names(std::string_view text, std::string_view word) {
  const auto part = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-'; };
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1))
    if ((at == 0 || !part(text[at - 1])) && (at + word.size() == text.size() || !part(text[at + word.size()])))
      return true;
  return false;
}

/// Names each finding of `c` by the setting it is about: one the user's files define on its line
/// (at or nearest before its column: an INI host line holds several) and that its message names.
/// A finding about the inventory as a whole, at a line that happens to define something, has none.
void name_settings(const Cluster& c, std::vector<Finding>& findings) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::pair<std::uint32_t, const std::string*>>> at;
  for (const auto& table : c.tables)
    if (table->layer != Layer::release_default && table->layer != Layer::set_fact)
      for (const auto& [name, d] : table->vars)
        if (d.loc.known()) at[{d.loc.file, d.loc.line}].emplace_back(d.loc.column, &d.name);
  for (Finding& f : findings) {
    auto line = at.find({f.loc.file, f.loc.line});
    if (!f.loc.known() || line == at.end()) continue;
    const std::string* best = nullptr;
    std::uint32_t best_column = 0;
    for (auto [column, name] : line->second)
      if (column <= f.loc.column && (!best || column > best_column || (column == best_column && *name < *best)))
        best = name, best_column = column;
    if (best && names(f.message, *best)) f.key = *best;
  }
}

}  // namespace

std::vector<Finding> run_checks(const Workspace& ws, const std::vector<std::string>& disabled) {
  std::vector<std::vector<Finding>> per_cluster(ws.clusters.size());
  parallel_for(ws.clusters.size(), ws.jobs, [&](std::size_t i) {
    const Cluster& c = ws.clusters[i];
    std::vector<Finding> found =
        c.alternatives.empty() ? check_cluster(ws, c, disabled) : judge_on_candidates(ws, c, disabled);
    for (Finding& f : found) f.inventory = c.name;
    name_settings(c, found);
    per_cluster[i] = std::move(found);
  });
  std::vector<Finding> all;
  for (std::vector<Finding>& found : per_cluster) std::move(found.begin(), found.end(), std::back_inserter(all));
  std::sort(all.begin(), all.end(), [&](const Finding& a, const Finding& b) { return key(ws.sources, a) < key(ws.sources, b); });
  all.erase(std::unique(all.begin(), all.end(),
                        [&](const Finding& a, const Finding& b) { return key(ws.sources, a) == key(ws.sources, b); }),
            all.end());
  return all;
}

int exit_code(const std::vector<Finding>& findings, const std::vector<LoadError>& errors,
              std::optional<Severity> fail_on) {
  if (!errors.empty()) return kLoadError;
  const bool fails = fail_on && std::any_of(findings.begin(), findings.end(),
                                            [&](const Finding& f) { return f.severity >= *fail_on; });
  return fails ? kFindings : kClean;
}

void sort_errors(std::vector<LoadError>& errors) {
  std::sort(errors.begin(), errors.end(), [](const LoadError& a, const LoadError& b) {
    return std::tie(a.file, a.line, a.column, a.message) < std::tie(b.file, b.line, b.column, b.message);
  });
  errors.erase(std::unique(errors.begin(), errors.end(),
                           [](const LoadError& a, const LoadError& b) {
                             return std::tie(a.file, a.line, a.column, a.message) ==
                                    std::tie(b.file, b.line, b.column, b.message);
                           }),
               errors.end());
}

}  // namespace kubegate
