// A ca_file, cert_file or key_file that a Windows agent reads must be a Windows path; a Linux
// path copied from the Linux nodes does not exist there, and a backslash path is written
// unescaped into TOML by the affected templates. Doc: check.md
// Upstream: rancher/rke2#7103, #3239
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/rke2_registries.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Node& n : c.nodes) {
    if (n.os != Os::windows || n.registries < 0) continue;
    for (const RegistryConfig& rc : c.registries[static_cast<std::size_t>(n.registries)].configs)
      for (auto [field, v] : {std::pair{"ca_file", &rc.ca_file}, {"cert_file", &rc.cert_file}, {"key_file", &rc.key_file}}) {
        if (v->kind != Value::Kind::string || v->text.empty()) continue;
        if (v->text[0] == '/') {
          r.report(v->loc, fmt::format("Windows node \"{}\" reads {} \"{}\" for registry \"{}\": a Linux path, which "
                                       "Windows resolves to the current drive where the file does not exist",
                                       n.name, field, v->text, rc.host))
              .fix("give Windows nodes their own registries.yaml with Windows paths written with forward slashes "
                   "(C:/etc/rancher/rke2/ca.pem)");
        } else if (is_windows_path(v->text) && v->text.find('\\') != std::string::npos &&
                   windows_registry_configs_ignored(ctx) != false) {
          r.report(v->loc, Severity::warning,
                   fmt::format("{} \"{}\" of registry \"{}\" uses backslashes, which the Windows containerd template "
                               "of affected RKE2 releases writes unescaped into config.toml",
                               field, v->text, rc.host))
              .fix(fmt::format("write the path with forward slashes (\"{}\")",
                               [s = v->text]() mutable {
                                 for (char& ch : s)
                                   if (ch == '\\') ch = '/';
                                 return s;
                               }()));
        }
      }
  }
}

const CheckRegistration reg{{"rke2-windows-registry-path", Severity::error,
                             "registries.yaml certificate paths a Windows agent cannot read", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
