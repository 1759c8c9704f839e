// What kubegate knows about Kubernetes and the deployment tools (schemas/), handed to loaders and
// checks instead of reached through globals, so that a check can be run against another table.
//
// Each data document is parsed at most once per Knowledge, when first asked for. A check's own
// data is the block `checks.<check id>` of the release document its cluster was loaded against
// (Cluster::release.data), read into the check's own type (see CheckContext::data).
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
  /// Reads a check's data block into its own type (see CheckContext::data).
  using BlockParser = std::shared_ptr<const void> (*)(const nlohmann::json&);

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
  /// The block `checks.<check_id>` of document `name` read by `parse`; nullptr when it has none.
  const void* check_block(std::string_view name, std::string_view check_id, BlockParser parse) const;
  /// What `build` makes of this knowledge (an index over some documents), built once per type.
  template <class T>
  const T& cached(T (*build)(const Knowledge&)) const {
    return *static_cast<const T*>(derive(typeid(T), [&] { return std::shared_ptr<const void>(std::make_shared<const T>(build(*this))); }));
  }

 private:
  const void* derive(std::type_index key, const std::function<std::shared_ptr<const void>()>& make) const;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kubegate
