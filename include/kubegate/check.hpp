// The check API: a check is constant metadata plus one function over the model.
//
//   namespace {
//   void run(const kubegate::CheckContext& ctx, kubegate::Reporter& r) {
//     const kubegate::Cluster& c = ctx.cluster;
//     if (...) r.report(setting.loc(), "message").related(other, "set here").fix("do this");
//   }
//   const kubegate::CheckRegistration reg{{"my-check", kubegate::Severity::error,
//       "one-line summary", kubegate::kKubespray}, run};
//   }
//
// A check reads the model and the knowledge in its context only: no files, no environment, no
// globals, no printing. It reports locations; the engine owns ids, severities, suppression,
// sorting and formats. A check that depends on the release declares the type of the facts it
// reads beside its code and gets them with `ctx.release_data<Data>()` (checks/kubespray-bool-as-string/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"

namespace kubegate {

/// Platform bits a check applies to.
inline constexpr unsigned kKubespray = static_cast<unsigned>(Platform::kubespray);
inline constexpr unsigned kRke2 = static_cast<unsigned>(Platform::rke2);
inline constexpr unsigned kKubeup = static_cast<unsigned>(Platform::kubeup);
inline constexpr unsigned kAnyPlatform = kKubespray | kRke2 | kKubeup;

/// Constant facts about a check; `id` names its source file, its doc and its fixture folder.
struct CheckInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  unsigned platforms;
};

/// Chains details onto a finding that was just reported.
class FindingBuilder {
 public:
  FindingBuilder(std::vector<Finding>& out, std::size_t index) : out_(out), index_(index) {}
  /// Adds a related location with a short note; unknown locations are skipped.
  FindingBuilder& related(SourceLoc loc, std::string message);
  /// Sets the fix hint.
  FindingBuilder& fix(std::string text);

 private:
  std::vector<Finding>& out_;
  std::size_t index_;
};

/// What a check may do with its findings.
class Reporter {
 public:
  Reporter(const CheckInfo& info, const Cluster& cluster, std::vector<Finding>& out)
      : info_(info), cluster_(cluster), out_(out) {}
  /// Reports a finding at `loc` (the cluster's anchor when `loc` is unknown).
  FindingBuilder report(SourceLoc loc, std::string message);
  /// Reports with a severity other than the check's default (e.g. info for a benign variant).
  FindingBuilder report(SourceLoc loc, Severity severity, std::string message);

 private:
  const CheckInfo& info_;
  const Cluster& cluster_;
  std::vector<Finding>& out_;
};

/// What a check reads: one cluster, the run's knowledge, and the check's own release data.
struct CheckContext {
  const CheckInfo& info;
  const Cluster& cluster;
  const Knowledge& knowledge;

  /// The release facts this check needs, read from the cluster's release document into the
  /// check's own type `Data` (nlohmann from_json, e.g. NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT);
  /// nullptr when the cluster has no release document.
  template <class Data>
  const Data* release_data() const {
    return knowledge.read<Data>(cluster.release.data);
  }
};

/// The function a check provides.
using CheckFn = void (*)(const CheckContext&, Reporter&);

/// A registered check.
struct CheckDef {
  CheckInfo info;
  CheckFn run;
};

/// Constructing one (at namespace scope in the check's file) registers the check.
struct CheckRegistration {
  CheckRegistration(CheckInfo info, CheckFn run);
};

/// Every registered check, sorted by id.
const std::vector<CheckDef>& all_checks();
/// The check with this id, or nullptr.
const CheckDef* find_check(std::string_view id);

}  // namespace kubegate
