// Windows agents need `cni: calico` or `cni: flannel` on the servers: the default canal, cilium
// and multus do not support Windows. Doc: check.md
// Upstream: rke2-docs networking/basic_network_options.md, install/requirements.md
#include <algorithm>

#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Rke2Facts& facts = ctx.knowledge.rke2();
  const Node* windows = nullptr;
  for (const Node& n : c.nodes)
    if (n.os == Os::windows) {
      windows = &n;
      break;
    }
  if (!windows) return;
  for (const Node& s : c.nodes) {
    if (!rke2_server(s) || s.os == Os::windows) continue;
    Setting cni = Rke2Node(s).cni();
    for (const Value& v : rke2_comma_items(cni)) {
      if (v.is_unknown()) return;
      if (v.text == "none" ||
          std::find(facts.windows_cni.begin(), facts.windows_cni.end(), v.text) != facts.windows_cni.end())
        continue;
      SourceLoc at = cni.is_default() ? s.loc : (v.loc.known() ? v.loc : cni.loc());
      r.report(at, fmt::format("{} \"{}\" does not support Windows nodes, and \"{}\" is a Windows node ({}): its pods "
                               "get no network",
                               cni.is_default() ? "the default cni" : "cni", v.text, windows->name, windows->os_reason))
          .related(windows->loc, fmt::format("Windows node \"{}\" declared here", windows->name))
          .related(windows->os_at, fmt::format("this makes \"{}\" a Windows node", windows->name))
          .fix("set `cni: calico` or `cni: flannel` on every server before the cluster is created");
    }
  }
}

const CheckRegistration reg{{"rke2-windows-cni", Severity::error,
                             "a CNI without Windows support in a cluster with Windows nodes", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
