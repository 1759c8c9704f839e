// What kubegate knows about Kubernetes and the deployment tools (schemas/), handed to loaders and
// checks instead of reached through globals, so that a check can be run against another table.
//
// Each data document is parsed at most once per Knowledge, when first asked for, and read into a
// type at most once per type (read<T>). A check declares the type of the release facts it needs
// beside its code and reads them from its cluster's release document (CheckContext::release_data).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kubegate/knowledge/feature_gates.hpp"
#include "kubegate/knowledge/rke2.hpp"

namespace kubegate {

/// The knowledge tables of one run; safe to share between threads.
class Knowledge {
 public:
  /// The data compiled into kubegate (schemas/).
  Knowledge();
  /// The compiled-in data with some documents replaced by `texts` (by name, e.g. "schemas/feature-gates.json").
  explicit Knowledge(std::map<std::string, std::string, std::less<>> texts);
  ~Knowledge();
  Knowledge(Knowledge&&) noexcept;
  Knowledge& operator=(Knowledge&&) noexcept;

  /// The feature-gate lifecycles (schemas/feature-gates.json).
  const FeatureGateTable& gates() const;
  /// What RKE2 accepts (schemas/rke2/flags.json).
  const Rke2Facts& rke2() const;
  /// The names of the data documents that start with `prefix`, sorted.
  std::vector<std::string_view> names(std::string_view prefix) const;
  /// The text of data document `name`; empty when there is none.
  std::string_view text(std::string_view name) const;
  /// Data document `name` parsed; nullptr when there is none.
  const nlohmann::json* document(std::string_view name) const;
  /// Document `name` read into `T` with nlohmann's from_json, once; nullptr when there is no such document.
  template <class T>
  const T* read(std::string_view name) const {
    return static_cast<const T*>(read(name, typeid(T), &parse<T>));
  }
  /// What `build` makes of this knowledge (an index over some documents), built once per type.
  template <class T>
  const T& cached(T (*build)(const Knowledge&)) const {
    return *static_cast<const T*>(
        derive(typeid(T), [&] { return std::shared_ptr<const void>(std::make_shared<const T>(build(*this))); }));
  }

 private:
  using Parser = std::shared_ptr<const void> (*)(const nlohmann::json&);
  template <class T, class Json = nlohmann::json>
  static std::shared_ptr<const void> parse(const Json& j) {
    return std::make_shared<const T>(j.template get<T>());
  }
  const void* read(std::string_view name, std::type_index type, Parser parser) const;
  const void* derive(std::type_index key, const std::function<std::shared_ptr<const void>()>& make) const;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kubegate
