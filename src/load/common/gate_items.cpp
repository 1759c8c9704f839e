#include "load/common/gate_items.hpp"

#include "util/text.hpp"

namespace kubegate {

FeatureGate parse_feature_gate(std::string_view item, std::string component, std::string source, SourceLoc loc) {
  FeatureGate g;
  g.text = std::string(text::trim_blanks(item));
  g.component = std::move(component);
  g.source = std::move(source);
  g.loc = loc;
  auto eq = g.text.find('=');
  g.name = std::string(text::trim_blanks(std::string_view(g.text).substr(0, eq)));
  if (eq == std::string::npos) return g;
  std::string_view v = text::trim_blanks(std::string_view(g.text).substr(eq + 1));
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"})
    if (v == t) g.enabled = true;
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"})
    if (v == f) g.enabled = false;
  return g;
}

std::vector<FeatureGate> parse_feature_gate_list(std::string_view list, const std::string& component,
                                                 const std::string& source, SourceLoc loc) {
  std::vector<FeatureGate> out;
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    std::string_view item = list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (!text::trim_blanks(item).empty()) {
      SourceLoc at = loc;
      if (at.known()) at.column += static_cast<std::uint32_t>(pos + item.find_first_not_of(" \t"));
      out.push_back(parse_feature_gate(item, component, source, at));
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

}  // namespace kubegate
