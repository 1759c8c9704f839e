// Which Kubespray release an inventory is for, and why: --kubespray-version, the Kubespray
// checkout around the inventory, stock sample files it copied unchanged, or the releases whose
// checksum tables hold its pinned kube_version (schemas/kubespray/releases.json).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// Every Kubespray release kubegate has data for ("2.24.0", "2.31.0", "master"), oldest first.
std::vector<std::string> kubespray_releases(const Knowledge& k);

/// Picks the release for `requested` ("" = the newest known release); sets `reason`.
/// Returns false when `requested` is not a version kubegate can map to known data.
bool select_kubespray_release(const Knowledge& k, const std::string& requested, std::string& release, std::string& reason);

/// `text` is byte-identical to the stock sample file `path` (relative to inventory/sample, e.g.
/// "inventory.ini") of some release kubegate knows.
bool is_stock_sample_file(const Knowledge& k, std::string_view path, std::string_view text);

/// The knowledge document of `release` ("schemas/kubespray/v2.24.0.json", ".../master.json").
std::string kubespray_release_document(const std::string& release);

/// One release an inventory may be for, and the data kubegate judges it with.
struct ReleaseCandidate {
  /// The release the evidence names ("2.24.3", "master", a checkout's galaxy.yml version).
  std::string named;
  /// The release whose data kubegate uses: `named`, else the nearest earlier one it has.
  std::string profile;
  /// The profile's enumeration asserts are the named release's own.
  bool own_asserts = false;
  /// The named release's own Kubernetes versions, newest first without a v; empty: the profile's.
  std::vector<std::string> kube_versions;
  bool kube_version_v_prefix = false;
  /// The Kubernetes versions (kube_versions, else the profile's) are the named release's own.
  bool own_kube_versions = false;
};

/// The Kubespray releases chosen for one inventory.
struct ReleaseChoice {
  /// Oldest first; the newest is the one `kubegate show` describes.
  std::vector<ReleaseCandidate> candidates;
  ReleaseEvidence evidence = ReleaseEvidence::newest_default;
  ReleaseCertainty certainty = ReleaseCertainty::guessed;
  /// Why, in words (printed by `kubegate show`).
  std::string reason;
  /// The pinned kube_version is in no known release's checksum tables.
  bool kube_version_unsupported_by_all = false;
  /// Every release of releases.json, oldest first, and the Kubernetes versions they span (no v);
  /// filled when the release was inferred.
  std::vector<std::string> known_releases;
  std::string known_kube_version_min;
  std::string known_kube_version_max;
  /// The root of the Kubespray checkout around the inventory; empty when there is none.
  std::string checkout;
};

/// Chooses the releases for the inventory in `dir`. `requested` (--kubespray-version, already
/// validated) wins; else a surrounding checkout or a collection pin; else every known release
/// consistent with all the evidence of the inventory: the checksum tables and the `v` convention
/// of `kube_version` (the inventory's own setting, unset when it pins none) and its stock sample
/// files. Evidence that contradicts the rest leaves the set as it was.
ReleaseChoice choose_kubespray_release(const SourceManager& sources, const Knowledge& k, const std::string& requested,
                                       const std::string& dir, const Setting& kube_version);

/// Replaces, in `table` (the profile's defaults), the defaults role's variables by the checkout's
/// own (layer release_default, each at its file:line): its defaults/ then vars/ files; variables
/// of other roles' files are re-read from the checkout when it has that file. `*_checksums`
/// tables are left out; the amd64 kubelet_checksums keys go to `release.kube_versions`.
void load_checkout_defaults(SourceManager& sources, const std::string& checkout, ReleaseCandidate& release,
                            DefinitionTable& table, std::vector<LoadError>& errors);

}  // namespace kubegate
