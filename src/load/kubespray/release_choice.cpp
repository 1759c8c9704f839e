#include "load/kubespray/release_choice.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <map>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "kubegate/knowledge/feature_gates.hpp"
#include "kubegate/version.hpp"
#include "load/ansible/inventory.hpp"
#include "load/common/hash.hpp"
#include "load/common/yaml.hpp"

namespace fs = std::filesystem;

namespace kubegate {

namespace {

/// A set of releases of the index, one bit per release (index order).
using ReleaseSet = std::uint64_t;

/// One release of schemas/kubespray/releases.json.
struct IndexedRelease {
  std::string name;
  /// Newest first, without a leading v.
  std::vector<std::string> kube_versions;
  bool v_prefix = false;
};

/// schemas/kubespray/releases.json, parsed once.
struct ReleaseIndex {
  /// Oldest first, master last.
  std::vector<IndexedRelease> releases;
  /// Path relative to inventory/sample -> (hash of the bytes -> releases that ship them).
  std::vector<std::pair<std::string, std::unordered_map<std::uint64_t, ReleaseSet>>> samples;
};

ReleaseIndex build_release_index(const Knowledge& k) {
    ReleaseIndex out;
    const nlohmann::json& j = *k.document("schemas/kubespray/releases.json");
    std::unordered_map<std::string, int> bit;
    for (const auto& r : j["releases"]) {
      bit[r["release"]] = static_cast<int>(out.releases.size());
      out.releases.push_back({r["release"], r["kube_versions"].get<std::vector<std::string>>(),
                              r["kube_version_v_prefix"].get<bool>()});
    }
    for (const auto& [path, hashes] : j["sample_files"].items()) {
      auto& entry = out.samples.emplace_back(path, std::unordered_map<std::uint64_t, ReleaseSet>{});
      for (const auto& [hex, names] : hashes.items()) {
        ReleaseSet set = 0;
        for (const auto& n : names) set |= ReleaseSet{1} << bit.at(n.get<std::string>());
        entry.second[std::stoull(hex, nullptr, 16)] = set;
      }
    }
    return out;
}

const ReleaseIndex& release_index(const Knowledge& k) { return k.cached(&build_release_index); }

/// The releases of `set` as ranges of neighbours in index order: "2.24.0–2.24.3, 2.25.1".
std::string describe(const Knowledge& k, ReleaseSet set) {
  const auto& rs = release_index(k).releases;
  std::string out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    if (!(set >> i & 1)) continue;
    std::size_t j = i;
    while (j + 1 < rs.size() && (set >> (j + 1) & 1)) ++j;
    out += (out.empty() ? "" : ", ") + rs[i].name + (j > i ? "\u2013" + rs[j].name : "");
    i = j;
  }
  return out;
}

/// Known tagged releases (profiles), oldest first, without master.
std::vector<std::string> tagged_profiles(const Knowledge& k) {
  std::vector<std::string> out = kubespray_releases(k);
  out.erase(std::remove(out.begin(), out.end(), "master"), out.end());
  return out;
}

/// The profile for `release`: itself when kubegate has it, else the nearest earlier tagged one
/// (the oldest when there is none), master for master or a version newer than every tag.
std::string nearest_profile(const Knowledge& k, const std::string& release) {
  const auto tags = tagged_profiles(k);
  if (release == "master") return "master";
  const auto want = parse_version(release);
  if (!want) return tags.back();
  const auto& indexed = release_index(k).releases;
  bool newer_than_tags = true;
  for (const auto& r : indexed)
    if (r.name != "master" && *parse_version(r.name) >= *want) newer_than_tags = false;
  if (newer_than_tags) return "master";
  std::string best = tags.front();
  for (const std::string& t : tags)
    if (*parse_version(t) <= *want) best = t;
  return best;
}

/// "; kubegate uses its 2.24.0 data, the nearest earlier release it has" when the data differs.
std::string data_note(const ReleaseCandidate& c) {
  return c.profile == c.named ? std::string()
                              : fmt::format("; kubegate uses its {} data, the nearest earlier release it has", c.profile);
}

/// The candidate for a release the user named (flag, checkout, collection pin).
ReleaseCandidate named_candidate(const Knowledge& k, const std::string& named) {
  ReleaseCandidate c;
  c.named = named;
  c.profile = nearest_profile(k, named);
  c.own_asserts = c.own_kube_versions = c.profile == named;
  return c;
}

/// The stock sample files of `dir`: how many match, and the releases all of them belong to.
struct SampleMatch {
  int files = 0;
  ReleaseSet releases = ~ReleaseSet{0};
  std::string first;
};

SampleMatch match_samples(const Knowledge& k, const std::string& dir) {
  SampleMatch m;
  const fs::path base = dir == "." ? fs::path() : fs::path(dir);
  std::error_code ec;
  for (const auto& [path, hashes] : release_index(k).samples) {
    const fs::path file = base / path;
    if (!fs::is_regular_file(file, ec)) continue;
    std::string text;
    if (!peek_file(file.string(), text)) continue;
    auto it = hashes.find(fnv1a64(text));
    if (it == hashes.end()) continue;
    if (m.files++ == 0) m.first = path;
    m.releases &= it->second;
  }
  return m;
}

/// A top-level `key: value` of a small YAML file, unquoted; empty when absent.
std::string top_level_value(const std::string& text, std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (line.substr(0, key.size()) != key || line.size() <= key.size() || line[key.size()] != ':') continue;
    std::string v(line.substr(key.size() + 1));
    if (auto hash = v.find(" #"); hash != std::string::npos) v.resize(hash);
    v.erase(0, v.find_first_not_of(" \t\"'"));
    v.erase(v.find_last_not_of(" \t\r\"'") + 1);
    return v;
  }
  return {};
}

/// The two spellings of Kubespray's defaults role folder.
constexpr const char* kDefaultsRoles[] = {"roles/kubespray_defaults", "roles/kubespray-defaults"};

/// The defaults role folder of a checkout root; empty when there is none.
fs::path defaults_role(const fs::path& root) {
  std::error_code ec;
  for (const char* role : kDefaultsRoles)
    if (fs::is_directory(root / role, ec)) return root / role;
  return {};
}

/// `<role>/<kind>/main.yml` then `<role>/<kind>/main/*.yml`, sorted: Ansible's load order.
std::vector<fs::path> role_layer(const fs::path& role, const char* kind) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const char* single : {"main.yml", "main.yaml"})
    if (fs::is_regular_file(role / kind / single, ec)) out.push_back(role / kind / single);
  std::vector<fs::path> split;
  for (fs::directory_iterator it(role / kind / "main", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string ext = it->path().extension().string();
    if ((ext == ".yml" || ext == ".yaml") && it->is_regular_file(ec)) split.push_back(it->path());
  }
  std::sort(split.begin(), split.end());
  out.insert(out.end(), split.begin(), split.end());
  return out;
}

}  // namespace

namespace {
constexpr std::string_view kProfileDir = "schemas/kubespray/";
}  // namespace

bool is_stock_sample_file(const Knowledge& k, std::string_view path, std::string_view text) {
  for (const auto& [file, hashes] : release_index(k).samples)
    if (file == path) return hashes.count(fnv1a64(text)) > 0;
  return false;
}

std::string kubespray_release_document(const std::string& release) {
  return fmt::format("{}{}.json", kProfileDir, release == "master" ? release : "v" + release);
}

std::vector<std::string> kubespray_releases(const Knowledge& k) {
  std::vector<std::string> out;
  bool master = false;
  for (std::string_view name : k.names(kProfileDir)) {
    if (name.size() < 5 || name.substr(name.size() - 5) != ".json") continue;
    std::string stem(name.substr(kProfileDir.size(), name.size() - kProfileDir.size() - 5));
    if (stem == "master") {
      master = true;
    } else if (stem.size() > 1 && stem[0] == 'v') {
      out.push_back(stem.substr(1));
    }
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return *parse_version(a) < *parse_version(b);
  });
  if (master) out.push_back("master");
  return out;
}

bool select_kubespray_release(const Knowledge& k, const std::string& requested, std::string& release, std::string& reason) {
  std::vector<std::string> known = kubespray_releases(k);
  std::vector<std::string> tagged;
  for (const std::string& r : known)
    if (r != "master") tagged.push_back(r);
  if (requested.empty()) {
    release = tagged.back();
    reason = "the newest release kubegate knows (choose another with --kubespray-version)";
    return true;
  }
  if (requested == "master") {
    release = "master";
    reason = "--kubespray-version master";
    return true;
  }
  auto want = parse_version(requested);
  if (!want) return false;
  // The nearest earlier patch of the same minor (patches change versions, not asserts); a minor
  // kubegate has no data for is refused, not judged on another one.
  const std::string* best = nullptr;
  for (const std::string& r : tagged) {
    const Version v = *parse_version(r);
    if (v <= *want && v.major == want->major && v.minor == want->minor) best = &r;
  }
  if (!best) return false;
  release = *best;
  reason = *parse_version(*best) == *want
               ? fmt::format("--kubespray-version {}", requested)
               : fmt::format("--kubespray-version {}: the nearest earlier release kubegate knows", requested);
  return true;
}

namespace {

/// `dir` and the folders above it, nearest first, as absolute paths and as shown (relative
/// spellings stay relative: "inventory/prod/../..").
std::vector<std::pair<fs::path, fs::path>> folders_up(const std::string& dir) {
  std::vector<std::pair<fs::path, fs::path>> out;
  std::error_code ec;
  fs::path abs = fs::absolute(dir, ec).lexically_normal();
  if (abs.filename().empty()) abs = abs.parent_path();  // "/a/b/" -> "/a/b"
  fs::path shown = fs::path(dir);
  for (int up = 0; !ec && up < 16; ++up) {
    out.emplace_back(abs, shown);
    if (!abs.has_relative_path() || abs == abs.parent_path()) break;
    abs = abs.parent_path();
    shown /= "..";
  }
  return out;
}

/// "a/b/../.." -> "a/b/../.." normalised for display, "." for the empty path.
std::string display(const fs::path& p) {
  std::string s = p.lexically_normal().string();
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s.empty() ? "." : s;
}

/// The galaxy.yml version of a Kubespray checkout at `root`; nullopt when `root` is none.
std::optional<std::string> checkout_version(const fs::path& root) {
  std::string galaxy;
  // Merge-conflict markers: the checkout is between two versions, and says neither.
  if (!read_file((root / "galaxy.yml").string(), galaxy) || top_level_value(galaxy, "name") != "kubespray" ||
      defaults_role(root).empty() || galaxy.find("\n<<<<<<< ") != std::string::npos)
    return std::nullopt;
  return top_level_value(galaxy, "version");
}

/// The checkout at `root` has its own kubelet checksum table (defaults role or download role).
bool has_checksum_tables(const fs::path& root) {
  std::vector<fs::path> files;
  for (const char* kind : {"defaults", "vars"})
    for (const fs::path& f : role_layer(defaults_role(root), kind)) files.push_back(f);
  for (const fs::path& f : role_layer(root / "roles/download", "defaults")) files.push_back(f);
  for (const fs::path& f : files) {
    std::string text;
    if (peek_file(f.string(), text) &&
        (text.rfind("kubelet_checksums:", 0) == 0 || text.find("\nkubelet_checksums:") != std::string::npos))
      return true;
  }
  return false;
}

/// Paths of the git submodules of `.gitmodules` text whose URL names kubespray.
std::vector<std::string> kubespray_submodules(const std::string& text) {
  std::vector<std::string> out;
  std::string path;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    line.erase(0, line.find_first_not_of(" \t"));
    auto eq = line.find('=');
    if (line.rfind("[", 0) == 0) path.clear();
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    key.erase(key.find_last_not_of(" \t") + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r") + 1);
    if (key == "path") path = value;
    if (key == "url" && value.find("kubespray") != std::string::npos && !path.empty()) out.push_back(path);
  }
  return out;
}

/// The Kubespray release a requirements file pins the collection at ("2.26.0"), or empty:
/// `- name: https://github.com/kubernetes-sigs/kubespray[.git][,v2.26.0]` with `version: v2.26.0`.
std::string collection_pin(const std::string& text) {
  std::size_t at = text.find("kubernetes-sigs/kubespray");
  if (at == std::string::npos) return {};
  std::size_t end = text.find("- name:", at);  // the next collection, at any indentation
  std::string entry = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
  std::string version;
  if (auto comma = entry.find(','); comma != std::string::npos && comma < entry.find('\n'))
    version = entry.substr(comma + 1, entry.find_first_of(" \t\r\n\"'", comma + 1) - comma - 1);
  for (std::size_t v = entry.find("version:"); version.empty() && v != std::string::npos; v = std::string::npos) {
    std::size_t b = entry.find_first_not_of(" \t\"'", v + 8);
    if (b != std::string::npos) version = entry.substr(b, entry.find_first_of(" \t\r\n\"'", b) - b);
  }
  auto parsed = parse_version(version);
  return parsed && version.find('.') != std::string::npos ? parsed->str() : std::string();
}

}  // namespace

ReleaseChoice choose_kubespray_release(const SourceManager& sources, const Knowledge& k, const std::string& requested,
                                       const std::string& dir, const Setting& kube_version) {
  ReleaseChoice c;
  const auto too_old = [&](const std::string& named) {
    auto v = parse_version(named);
    return named != "master" && v && *v < *parse_version(tagged_profiles(k).front());
  };
  if (!requested.empty()) {  // validated by the caller
    c.evidence = ReleaseEvidence::flag;
    c.certainty = ReleaseCertainty::named;
    std::string profile;
    select_kubespray_release(k, requested, profile, c.reason);
    // Judged only against exactly the release named: a nearer release's lists are not its own.
    const bool own = profile == "master" ? requested == "master" : parse_version(requested) == parse_version(profile);
    ReleaseCandidate& r = c.candidates.emplace_back();
    r.profile = profile;
    r.own_asserts = r.own_kube_versions = own;
    r.named = own ? profile : (requested[0] == 'v' ? requested.substr(1) : requested);
    return c;
  }
  std::string pinned_release, pin_reason, unlisted;
  for (const auto& [abs, shown] : folders_up(dir)) {
    std::vector<std::pair<fs::path, fs::path>> roots = {{abs, shown}, {abs / "kubespray", shown / "kubespray"}};
    std::string modules;
    if (read_file((abs / ".gitmodules").string(), modules))
      for (const std::string& sub : kubespray_submodules(modules)) roots.emplace_back(abs / sub, shown / sub);
    for (const auto& [root, root_shown] : roots) {
      auto version = checkout_version(root);
      if (!version) continue;
      c.evidence = ReleaseEvidence::checkout;
      c.certainty = ReleaseCertainty::named;
      c.checkout = display(root_shown);
      ReleaseCandidate r = named_candidate(k, version->empty() ? "master" : *version);
      if (r.profile == "master") r.own_asserts = true;
      const bool tables = has_checksum_tables(root);
      c.reason = fmt::format("the Kubespray checkout at {} (galaxy.yml version {}): its own role defaults{}{}",
                             c.checkout, version->empty() ? "unknown" : *version,
                             tables ? " and Kubernetes versions" : "",
                             r.profile == r.named ? std::string()
                             : r.own_asserts      ? std::string("; asserts from kubegate's master data")
                                                  : data_note(r));
      // Without its checksum tables a checkout may be a master snapshot, which keeps the last
      // tag's galaxy.yml version until the next minor release: judged on each release up to it.
      if (!tables && r.profile != "master") {
        const auto v = parse_version(r.named);
        c.certainty = ReleaseCertainty::uncertain;
        for (const IndexedRelease& later : release_index(k).releases) {
          const auto lv = parse_version(later.name);
          if (!v || !lv || *lv <= *v || *lv > Version{v->major, v->minor + 1, 0, {}}) continue;
          ReleaseCandidate snapshot = named_candidate(k, later.name);
          c.candidates.push_back(std::move(snapshot));
        }
        c.reason += fmt::format("; without its checksum tables it may be a master snapshot after {}, so a finding "
                                "must hold up to the next minor release",
                                r.named);
      }
      c.candidates.insert(c.candidates.begin(), std::move(r));
      return c;
    }
    for (const char* name : {"requirements.yml", "requirements.yaml", "collections/requirements.yml",
                             "collections/requirements.yaml"}) {
      std::string text;
      if (pinned_release.empty() && read_file((abs / name).string(), text))
        if (pinned_release = collection_pin(text); !pinned_release.empty())
          pin_reason = fmt::format("{} pins the kubespray collection at {}", display(shown / name), pinned_release);
    }
  }
  if (!pinned_release.empty() && !too_old(pinned_release)) {
    c.evidence = ReleaseEvidence::collection_pin;
    c.certainty = ReleaseCertainty::named;
    ReleaseCandidate r = named_candidate(k, pinned_release);
    c.reason = pin_reason + data_note(r);
    c.candidates.push_back(std::move(r));
    return c;
  }

  const ReleaseIndex& index = release_index(k);
  for (const IndexedRelease& r : index.releases) {
    c.known_releases.push_back(r.name);
    for (const std::string& v : r.kube_versions) {
      if (c.known_kube_version_min.empty() || *parse_version(v) < *parse_version(c.known_kube_version_min))
        c.known_kube_version_min = v;
      if (c.known_kube_version_max.empty() || *parse_version(v) > *parse_version(c.known_kube_version_max))
        c.known_kube_version_max = v;
    }
  }
  const ReleaseSet all = index.releases.size() >= 64 ? ~ReleaseSet{0} : (ReleaseSet{1} << index.releases.size()) - 1;

  // Each piece of evidence is a set of releases; each narrows the set unless it contradicts it.
  struct Evidence {
    ReleaseEvidence kind;
    ReleaseSet releases;
    std::string says;
  };
  std::vector<Evidence> evidence;
  if (auto text = kube_version.text(); kube_version && !kube_version.is_default() && text) {
    auto v = parse_kube_version(*text);
    if (v && v->major == 1 && v->is_release() && v->build.empty()) {
      SourceLoc at = kube_version.loc();
      const std::string where = at.known() ? fmt::format("kube_version {} at {}:{}", *text, sources.path(at.file), at.line)
                                           : fmt::format("kube_version {}", *text);
      const bool v_prefix = text->front() == 'v';
      const std::string plain = v_prefix ? text->substr(1) : *text;
      ReleaseSet listed = 0, convention = 0;
      for (std::size_t i = 0; i < index.releases.size(); ++i) {
        const auto& kv = index.releases[i].kube_versions;
        if (std::find(kv.begin(), kv.end(), plain) != kv.end()) listed |= ReleaseSet{1} << i;
        if (index.releases[i].v_prefix == v_prefix) convention |= ReleaseSet{1} << i;
      }
      // Listed by none: a release older or newer than kubegate's data, whose convention is unknown.
      c.kube_version_unsupported_by_all = listed == 0;
      if (listed)
        evidence.push_back({ReleaseEvidence::kube_version, listed,
                            fmt::format("{} is in the checksum tables of {}", where, describe(k, listed))});
      else
        unlisted = fmt::format("; {} is in the checksum tables of no release kubegate knows", where);
      if (listed && convention && convention != all)
        evidence.push_back({ReleaseEvidence::kube_version, convention,
                            fmt::format("its {}leading v is the convention of {}", v_prefix ? "" : "missing ",
                                        describe(k, convention))});
    }
  }
  const SampleMatch samples = match_samples(k, dir);
  // A master snapshot after the newest matching release ships the same files: the release
  // after it stands for that snapshot.
  ReleaseSet sampled = samples.releases;
  if (samples.files > 0 && sampled != 0) {
    const int newest_bit = 63 - std::countl_zero(sampled);
    if (newest_bit + 1 < static_cast<int>(index.releases.size())) sampled |= ReleaseSet{1} << (newest_bit + 1);
  }
  if (samples.files > 0 && sampled != 0 && sampled != all)
    evidence.push_back({ReleaseEvidence::sample_files, sampled,
                        fmt::format("{} stock sample file{} ({}{}) {} byte-identical to the sample inventory of {} "
                                    "(or of a snapshot before the next release: {})",
                                    samples.files, samples.files == 1 ? "" : "s", samples.first,
                                    samples.files > 1 ? ", ..." : "", samples.files == 1 ? "is" : "are",
                                    describe(k, samples.releases), describe(k, sampled))});

  ReleaseSet set = all;
  std::vector<std::string> used, ignored;
  for (const Evidence& e : evidence) {
    if (!(set & e.releases)) {
      ignored.push_back(e.says);
      continue;
    }
    if (used.empty()) c.evidence = e.kind;
    used.push_back(e.says);
    set &= e.releases;
  }
  // No evidence: the newest patch of every minor series (patches change versions, not asserts).
  if (used.empty()) {
    set = 0;
    for (std::size_t i = 0; i < index.releases.size(); ++i) {
      const auto v = parse_version(index.releases[i].name), next = i + 1 < index.releases.size()
                                                                  ? parse_version(index.releases[i + 1].name)
                                                                  : std::nullopt;
      if (!v || !next || next->major != v->major || next->minor != v->minor) set |= ReleaseSet{1} << i;
    }
  }
  for (std::size_t i = 0; i < index.releases.size(); ++i) {
    if (!(set >> i & 1)) continue;
    const IndexedRelease& r = index.releases[i];
    ReleaseCandidate& cand = c.candidates.emplace_back();
    cand.named = r.name;
    cand.profile = nearest_profile(k, r.name);
    cand.own_asserts = cand.profile == cand.named;
    cand.kube_versions = r.kube_versions;
    cand.kube_version_v_prefix = r.v_prefix;
    cand.own_kube_versions = true;
  }
  if (used.empty()) {
    c.certainty = ReleaseCertainty::guessed;
    c.reason = fmt::format("guessed: nothing in the inventory tells the release, so a finding must hold on the "
                           "newest patch of every minor release kubegate knows ({}); name it with "
                           "--kubespray-version{}",
                           describe(k, set),
                           unlisted + (pinned_release.empty() ? std::string()
                                                              : fmt::format("; {}, older than kubegate's data", pin_reason)));
    return c;
  }
  c.certainty = std::popcount(set) == 1 ? ReleaseCertainty::certain : ReleaseCertainty::uncertain;
  c.reason = fmt::format("inferred: {}", fmt::join(used, ", and "));
  if (c.certainty == ReleaseCertainty::uncertain)
    c.reason += fmt::format(": one of {}, a finding must hold on each", describe(k, set));
  for (const std::string& e : ignored) c.reason += fmt::format(" ({} contradicts this and was not used)", e);
  return c;
}

void load_checkout_defaults(SourceManager& sources, const std::string& checkout, ReleaseCandidate& choice,
                            DefinitionTable& table, std::vector<LoadError>& errors) {
  const fs::path root = checkout == "." ? fs::path() : fs::path(checkout);
  std::map<std::string, std::vector<std::string>> extra;  // other roles' files: names kept
  for (auto it = table.vars.begin(); it != table.vars.end();) {
    const std::string& file = it->second.owner;
    if (std::any_of(std::begin(kDefaultsRoles), std::end(kDefaultsRoles),
                    [&](const char* role) { return file.rfind(std::string(role) + "/", 0) == 0; })) {
      it = table.vars.erase(it);
    } else {
      extra[file].push_back(it->first);
      ++it;
    }
  }
  std::vector<std::pair<fs::path, const std::vector<std::string>*>> files;  // names kept: nullptr = all
  std::error_code ec;
  for (const auto& [path, names] : extra)
    if (fs::is_regular_file(root / path, ec)) files.emplace_back(root / path, &names);
  const fs::path role = defaults_role(root);
  for (const char* kind : {"defaults", "vars"})
    for (const fs::path& f : role_layer(role, kind)) files.emplace_back(f, nullptr);

  std::vector<std::string> amd64;
  for (const auto& [path, keep] : files) {
    std::string text;
    if (!read_file(path.string(), text)) {
      errors.push_back({path.string(), 0, 0, read_failure(path.string())});
      continue;
    }
    const std::uint32_t file = sources.add(path.string(), std::move(text));
    Value doc;
    if (!parse_yaml(sources, file, doc, errors) || doc.kind != Value::Kind::map) continue;
    const std::string owner = root.empty() ? path.generic_string() : path.lexically_relative(root).generic_string();
    for (const MapEntry& e : doc.entries) {
      if (e.key == "kubelet_checksums") {
        for (const MapEntry& arch : e.value.entries)
          if (arch.key == "amd64") {
            amd64.clear();
            for (const MapEntry& v : arch.value.entries) amd64.push_back(v.key);
          }
      }
      const bool checksums = e.key.size() > 10 && e.key.compare(e.key.size() - 10, 10, "_checksums") == 0;
      if (checksums || (keep && std::find(keep->begin(), keep->end(), e.key) == keep->end())) continue;
      Definition d;
      d.name = e.key;
      d.value = e.value;
      d.loc = e.key_loc;
      d.layer = Layer::release_default;
      d.owner = owner;
      table.vars.insert_or_assign(e.key, std::move(d));
    }
  }
  if (amd64.empty()) return;
  choice.own_kube_versions = true;
  choice.kube_version_v_prefix = std::all_of(amd64.begin(), amd64.end(), [](const std::string& k) { return k.rfind('v', 0) == 0; });
  choice.kube_versions.clear();
  for (std::string& k : amd64) choice.kube_versions.push_back(k.front() == 'v' ? k.substr(1) : k);
  std::sort(choice.kube_versions.begin(), choice.kube_versions.end(),
            [](const std::string& a, const std::string& b) { return *parse_version(a) > *parse_version(b); });
  choice.kube_versions.erase(std::unique(choice.kube_versions.begin(), choice.kube_versions.end()),
                             choice.kube_versions.end());
}

}  // namespace kubegate
