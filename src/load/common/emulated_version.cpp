#include "load/common/emulated_version.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace kubegate {

EmulatedVersion parse_emulated_version(std::string_view value, std::string component, std::string source,
                                       SourceLoc loc) {
  EmulatedVersion e;
  e.text = std::string(text::trim_blanks(value));
  e.component = std::move(component);
  e.source = std::move(source);
  e.loc = loc;
  std::string_view rest = e.text;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = text::trim_blanks(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    std::string_view name = "kube";
    if (const std::size_t eq = item.find('='); eq != std::string_view::npos) {
      name = text::trim_blanks(item.substr(0, eq));
      item = text::trim_blanks(item.substr(eq + 1));
    }
    if (name != "kube") continue;  // another component's (an aggregated API server's)
    const auto v = parse_kube_version(item);
    if (!v)
      e.problem = fmt::format("\"{}\" is not a major.minor version", item);
    else if (v->patch.value_or(0) != 0)
      e.problem = fmt::format("patch version not allowed, got: kube={}", item);
    else if (e.version)
      e.problem = fmt::format("duplicate version flag, kube={} and kube={}", e.version->str(), item);
    else
      e.version = v->minor_version();  // the component keeps major.minor only
    if (!e.problem.empty()) {
      e.version.reset();
      break;
    }
  }
  return e;
}

std::vector<EmulatedVersion> emulated_versions_in_flags(std::string_view flags, const std::string& component,
                                                        const std::string& source, SourceLoc loc) {
  static constexpr std::string_view kFlag = "--emulated-version";
  std::vector<EmulatedVersion> out;
  std::size_t pos = 0;
  while ((pos = flags.find(kFlag, pos)) != std::string_view::npos) {
    std::size_t start = pos + kFlag.size();
    const bool at_word = pos == 0 || flags[pos - 1] == ' ' || flags[pos - 1] == '\t';
    pos = start;
    if (!at_word || start >= flags.size()) continue;
    if (flags[start] == '=') {
      ++start;
    } else if (flags[start] == ' ') {
      start = flags.find_first_not_of(' ', start);
      if (start == std::string_view::npos) break;
    } else {
      continue;  // a longer flag name
    }
    const std::size_t end = flags.find_first_of(" \t", start);
    SourceLoc at = loc;
    if (at.known()) at.column += static_cast<std::uint32_t>(start);
    out.push_back(parse_emulated_version(flags.substr(start, end - start), component, source, at));
  }
  return out;
}

}  // namespace kubegate
