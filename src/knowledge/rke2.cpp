#include <algorithm>

#include <nlohmann/json.hpp>

#include "knowledge/json_reader.hpp"
#include "kubegate/knowledge/rke2.hpp"
#include "util/text.hpp"

namespace kubegate {

namespace {

/// Levenshtein distance, '_' read as '-' (a common slip in config.yaml keys).
std::size_t distance(std::string_view a, std::string_view b) {
  return text::edit_distance(a, b, [](char c) { return c == '_' ? '-' : c; });
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
    const auto j = read_json(text);
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
    for (auto& [k, v] : j.at("legacy_profiles_refused_from").items())
      f.legacy_profiles_refused_from.emplace(k, v.get<std::string>());
    for (const auto& v : j.at("ingress_controller_validated")) {
      IngressValidation iv{v.at("minor").get<std::string>(), v.at("from").get<std::string>(), {}};
      for (const auto& value : v.at("values")) iv.values.push_back(value.get<std::string>());
      f.ingress_controller_validated.push_back(std::move(iv));
    }
    f.system_default_registry_path_from = j.at("system_default_registry_path_from").get<std::string>();
    f.cni_default = j.at("cni_default").get<std::string>();
    f.supervisor_port = j.at("supervisor_port").get<int>();
    f.apiserver_port = j.at("apiserver_port").get<int>();
    return f;
}

}  // namespace kubegate
