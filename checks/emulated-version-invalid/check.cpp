// An `--emulated-version` a control-plane component refuses at start: a value that is not
// major.minor, a version newer than the binary or older than the oldest it emulates, or the flag
// on a binary that has none (schemas/kubernetes/emulated-version.json). Doc: check.md.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "lib/emulation.hpp"
#include "lib/feature_gates.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const auto binary = feature_gate_version(c);
  const EmulationRules* rules =
      c.emulated_versions.empty() ? nullptr : ctx.knowledge.read<EmulationRules>(kEmulationDocument);
  if (!binary || !rules) return;
  const std::string version_set = fmt::format("Kubernetes version {} set here", binary->str());
  for (const EmulatedVersion& e : c.emulated_versions) {
    const std::string flag = fmt::format(
        "{} sets {}'s --emulated-version to \"{}\"{}", e.source, e.component, e.text,
        e.written.empty()
            ? ""
            : fmt::format(" (written {}: an unquoted YAML number, which Ansible prints as {})", e.written, e.text));
    const KubeMinor floor = emulation_floor(*rules, *binary);
    const std::string range = fmt::format("\"emulation version {} is not between [{}, {}]\"",
                                          e.version ? e.version->str() : e.text, floor.str(), binary->str());
    switch (emulation_fit(*rules, e, *binary)) {
      case EmulationFit::malformed:
        r.report(e.loc, fmt::format("{}: {} exits at start with \"{}\"", flag, e.component, e.problem))
            .fix(fmt::format("give one major.minor version, e.g. \"{}\"", binary->str()));
        break;
      case EmulationFit::no_flag:
        r.report(e.loc, fmt::format("{}, a flag Kubernetes {} does not have (it came in {}): {} exits at start with "
                                    "\"unknown flag: --emulated-version\"",
                                    flag, binary->str(), rules->first.str(), e.component))
            .related(c.kubernetes_version.loc(), version_set)
            .fix("remove the argument");
        break;
      case EmulationFit::too_new:
        r.report(e.loc, fmt::format("{}, newer than the binary's Kubernetes {}: {} exits at start with {}", flag,
                                    binary->str(), e.component, range))
            .related(c.kubernetes_version.loc(), version_set)
            .fix("remove the argument: a component emulates only its own version or an older one");
        break;
      case EmulationFit::too_old:
        r.report(e.loc, fmt::format("{}, older than the oldest version Kubernetes {} emulates ({}): {} exits at "
                                    "start with {}",
                                    flag, binary->str(), floor.str(), e.component, range))
            .related(c.kubernetes_version.loc(), version_set)
            .fix(e.written.empty()
                     ? fmt::format("emulate Kubernetes {} or later; to stay further back, deploy an older Kubernetes",
                                   floor.str())
                     : fmt::format("quote the value (\"{}\"), so that Ansible passes it as written", e.written));
        break;
      case EmulationFit::fits:
      case EmulationFit::cannot_tell:
        break;
    }
  }
}

const CheckRegistration reg{
    {"emulated-version-invalid", Severity::error,
     "--emulated-version a control-plane component refuses: malformed or out of range", kAnyPlatform},
    run};

}  // namespace
}  // namespace kubegate
