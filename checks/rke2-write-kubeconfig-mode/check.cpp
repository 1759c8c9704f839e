// `write-kubeconfig-mode: 0644` unquoted is the YAML 1.1 octal integer 420; RKE2 hands "420" to a
// flag it parses as octal, so the kubeconfig gets mode 0420. Doc: check.md
// Upstream: rke2-docs install/configuration.md (quotes the mode); k3s-io/k3s pkg/configfilearg
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Node& n : c.nodes) {
    Setting s = Rke2Node(n).write_kubeconfig_mode();
    if (!s || s.value.kind != Value::Kind::integer || s.value.quoted) continue;
    const std::string& text = s.value.text;
    if (text.size() < 2 || text[0] != '0') continue;  // 644 and 600 are read as written
    r.report(s.value.loc.known() ? s.value.loc : s.loc(),
             fmt::format("write-kubeconfig-mode {} is an unquoted YAML octal number: RKE2 reads it as {} and writes "
                         "the kubeconfig with mode 0{}",
                         text, s.value.integer, s.value.integer))
        .fix(fmt::format("quote it: write-kubeconfig-mode: \"{}\"", text));
  }
}

const CheckRegistration reg{{"rke2-write-kubeconfig-mode", Severity::warning,
                             "write-kubeconfig-mode written as an unquoted octal number", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
