// Every bound kubegate puts on its input, in one place. A pull request written by a stranger is
// the input: past each bound the file is a load error that names the bound, never a crash, a
// hang or a machine out of memory. Each is far above what the largest real inventories need
// (100,000 hosts). README.md ("Limits") lists them; keep the two in step.
#pragma once

#include <cstddef>

namespace kubegate::limits {

/// The largest file kubegate reads (inventories are text; the largest real one seen is 200 KB).
inline constexpr std::size_t kFileBytes = 16u << 20;
/// Nesting yaml-cpp 0.7's parser reads (its DepthGuard, not configurable): deeper is its "bad file" error.
inline constexpr int kYamlParserDepth = 500;
/// Nesting of YAML collections in one file, checked by kubegate below the parser's own bound.
inline constexpr int kYamlDepth = 400;
/// YAML nodes (scalars and collections, alias expansions included) one file may produce.
inline constexpr std::size_t kYamlNodes = 2'000'000;
/// Nodes one file may produce by expanding aliases (`*name`), counting a repeated target each time.
inline constexpr std::size_t kYamlAliasNodes = 1'000'000;
/// Hosts the host patterns (`node[01:20]`) of one hosts file may expand to, all patterns together.
inline constexpr std::size_t kHostsPerFile = 1'000'000;
/// Depth of the group tree of one inventory (`all` is 0; a child is one deeper than its parent).
inline constexpr int kGroupDepth = 64;
/// Variable lookups one Jinja resolution may make, references followed through other variables included.
inline constexpr int kTemplateSteps = 10'000;
/// Variables one Jinja resolution may follow through each other (`a: "{{ b }}"`, `b: "{{ c }}"`, ...).
inline constexpr int kTemplateDepth = 24;
/// Nesting of parentheses, brackets and filter arguments in one Jinja expression.
inline constexpr int kJinjaNesting = 200;
/// Nesting of `${...}`, `$(...)` and quotes in one env file word.
inline constexpr int kEnvNesting = 200;

}  // namespace kubegate::limits
