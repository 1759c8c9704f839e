// A variables file of an Ansible inventory defines a key twice in one mapping: Ansible warns
// (a "duplicate dict key" warning) and keeps the last one, so the
// first definition is silently dropped. kubegate reads the file as Ansible does and says so.
// Doc: check.md
// Upstream: ansible-core lib/ansible/parsing/yaml/constructor.py (AnsibleConstructor.construct_mapping)
#include <fmt/format.h>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  for (const DuplicateVariable& d : ctx.cluster.duplicate_variables)
    r.report(d.kept, fmt::format("\"{}\" is defined twice in this mapping: Ansible keeps this definition and drops "
                                 "the earlier one",
                                 d.name))
        .related(d.dropped, "dropped definition")
        .fix("keep one definition: merge the two into the last one, or delete the one that is not meant");
}

const CheckRegistration reg{{"ansible-duplicate-key", Severity::warning,
                             "an Ansible variables file defines a key twice; the last one wins", kRke2 | kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
