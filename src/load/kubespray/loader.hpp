// Kubespray inventories: an Ansible inventory read with one Kubespray release's defaults,
// group mapping and facts, turned into the typed cluster model.
#pragma once

#include <string>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/model.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// Loads one hosts file (none: empty) and the group_vars/ and host_vars/ of `dir` as the Kubespray
/// release `requested` (--kubespray-version, validated by select_kubespray_release; empty: the
/// release the inventory shows, see choose_kubespray_release) would see them. Load errors go to
/// `errors`; the cluster is filled as far as possible.
void load_kubespray(SourceManager& sources, const Knowledge& k, const std::string& dir, const std::string& hosts_file,
                    const std::string& requested, Cluster& out, std::vector<LoadError>& errors);

}  // namespace kubegate
