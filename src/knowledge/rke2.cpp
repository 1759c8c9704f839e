#include <algorithm>

#include <nlohmann/json.hpp>

#include "kubegate/knowledge/rke2.hpp"

namespace kubegate {

namespace {

/// Levenshtein distance, '_' read as '-' (a common slip in config.yaml keys).
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      char ca = a[i - 1] == '_' ? '-' : a[i - 1];
      char cb = b[j - 1] == '_' ? '-' : b[j - 1];
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca == cb ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

bool Rke2Facts::known(std::string_view key) const {
  return common.count(key) || server_only.count(key) || agent_hidden.count(key);
}

std::vector<std::string> Rke2Facts::suggest(std::string_view key) const {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::size_t limit = std::max<std::size_t>(2, key.size() / 4);
  for (const auto* set : {&common, &server_only})
    for (const std::string& k : *set) {
      std::size_t d = distance(key, k);
      // A key that contains the other whole ("tls-sans" / "tls-san") counts as close too.
      if (d <= limit || (k.size() >= 5 && key.find(k) != std::string_view::npos)) scored.emplace_back(d, k);
    }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (auto& [d, k] : scored) {
    if (out.size() == 3) break;
    out.push_back(k);
  }
  return out;
}

Rke2Facts Rke2Facts::parse(std::string_view text) {
    Rke2Facts f;
    const auto j = nlohmann::json::parse(text);
    auto fill = [&](const char* name, auto& out) {
      for (const auto& v : j.at(name)) out.insert(out.end(), v.template get<std::string>());
    };
    fill("common", f.common);
    fill("server_only", f.server_only);
    fill("agent_hidden", f.agent_hidden);
    fill("k3s_only", f.k3s_only);
    fill("must_match_on_servers", f.must_match_on_servers);
    fill("cni", f.cni);
    fill("windows_cni", f.windows_cni);
    fill("profiles", f.profiles);
    fill("disable_items", f.disable_items);
    fill("windows_ignored_keys", f.windows_ignored_keys);
    for (auto& [k, v] : j.at("legacy_profiles").items()) f.legacy_profiles.emplace(k, v.get<std::string>());
    f.cni_default = j.at("cni_default").get<std::string>();
    f.supervisor_port = j.at("supervisor_port").get<int>();
    f.apiserver_port = j.at("apiserver_port").get<int>();
    return f;
}

}  // namespace kubegate
