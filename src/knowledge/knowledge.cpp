#include "kubegate/knowledge.hpp"

#include <algorithm>
#include <mutex>
#include <tuple>

#include <nlohmann/json.hpp>

#include "knowledge/embedded.hpp"
#include "knowledge/json_reader.hpp"

namespace kubegate {

struct Knowledge::State {
  /// One data document, parsed by the first thread that asks; others wait for that parse only.
  struct Document {
    std::once_flag once;
    std::unique_ptr<nlohmann::json> json;
  };

  std::map<std::string, std::string, std::less<>> overrides;
  std::once_flag gates_once, rke2_once;
  std::unique_ptr<FeatureGateTable> gates;
  std::unique_ptr<Rke2Facts> rke2;
  std::mutex documents_mutex;  // guards the map, not the parses
  std::map<std::string, std::unique_ptr<Document>, std::less<>> documents;
  std::recursive_mutex mutex;  // guards views and derived: a builder of cached() reads documents
  /// Keyed by the parser too: check-local Data types of different files may share a mangled name.
  std::map<std::tuple<std::string, std::type_index, Parser>, std::shared_ptr<const void>> views;
  std::map<std::type_index, std::shared_ptr<const void>> derived;

  /// Document `name` (text `text`) parsed once; nullptr for an empty text.
  const nlohmann::json* parsed(std::string_view name, std::string_view text) {
    Document* d = nullptr;
    {
      std::lock_guard lock(documents_mutex);
      auto it = documents.find(name);
      if (it == documents.end()) it = documents.emplace(std::string(name), std::make_unique<Document>()).first;
      d = it->second.get();
    }
    std::call_once(d->once, [&] {
      if (!text.empty()) d->json = std::make_unique<nlohmann::json>(read_json(text));
    });
    return d->json.get();
  }
};

Knowledge::Knowledge() : Knowledge(std::map<std::string, std::string, std::less<>>{}) {}

Knowledge::Knowledge(std::map<std::string, std::string, std::less<>> texts) : state_(std::make_unique<State>()) {
  state_->overrides = std::move(texts);
}

Knowledge::~Knowledge() = default;
Knowledge::Knowledge(Knowledge&&) noexcept = default;
Knowledge& Knowledge::operator=(Knowledge&&) noexcept = default;

std::string_view Knowledge::text(std::string_view name) const {
  if (auto it = state_->overrides.find(name); it != state_->overrides.end()) return it->second;
  return data::find(name);
}

std::vector<std::string_view> Knowledge::names(std::string_view prefix) const {
  std::vector<std::string_view> out;
  for (const data::EmbeddedFile& f : data::files())
    if (f.name.substr(0, prefix.size()) == prefix) out.push_back(f.name);
  for (const auto& [name, text] : state_->overrides)
    if (name.substr(0, prefix.size()) == prefix && data::find(name).empty()) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

const FeatureGateTable& Knowledge::gates() const {
  std::call_once(state_->gates_once, [&] {
    state_->gates = std::make_unique<FeatureGateTable>(FeatureGateTable::parse(text("schemas/feature-gates.json")));
  });
  return *state_->gates;
}

const Rke2Facts& Knowledge::rke2() const {
  std::call_once(state_->rke2_once, [&] {
    state_->rke2 = std::make_unique<Rke2Facts>(Rke2Facts::parse(text("schemas/rke2/flags.json")));
  });
  return *state_->rke2;
}

const nlohmann::json* Knowledge::document(std::string_view name) const { return state_->parsed(name, text(name)); }

const void* Knowledge::read(std::string_view name, std::type_index type, Parser parser) const {
  std::lock_guard lock(state_->mutex);
  auto key = std::tuple(std::string(name), type, parser);
  auto it = state_->views.find(key);
  if (it == state_->views.end()) {
    const nlohmann::json* doc = state_->parsed(name, text(name));
    it = state_->views.emplace(std::move(key), doc ? parser(*doc) : nullptr).first;
  }
  return it->second.get();
}

const void* Knowledge::derive(std::type_index key, const std::function<std::shared_ptr<const void>()>& make) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->derived.find(key);
  if (it == state_->derived.end()) it = state_->derived.emplace(key, make()).first;
  return it->second.get();
}

}  // namespace kubegate
