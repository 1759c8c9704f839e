// kube-up (cluster/kube-up.sh, GCE): one env file read on top of kube-up's own defaults
// (schemas/kubeup/), turned into the typed cluster model.
#pragma once

#include <string>
#include <vector>

#include "kubegate/diagnostic.hpp"
#include "kubegate/model.hpp"
#include "kubegate/knowledge.hpp"
#include "kubegate/source.hpp"

namespace kubegate {

/// True when `text` assigns at least `min_known` distinct variables kube-up reads.
bool assigns_kubeup_variables(const Knowledge& k, std::string_view text, std::size_t min_known);

/// Loads one env file as kube-up would see it. Returns false (with a load error) when the file
/// cannot be read or is not an env file; the cluster is filled as far as possible otherwise.
bool load_kubeup(SourceManager& sources, const Knowledge& k, const std::string& env_file, Cluster& out, std::vector<LoadError>& errors);

}  // namespace kubegate
