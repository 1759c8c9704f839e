#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "output/output.hpp"

namespace kubegate {

namespace {

struct Style {
  bool on;
  std::string operator()(std::string_view code, std::string_view text) const {
    return on ? fmt::format("\033[{}m{}\033[0m", code, text) : std::string(text);
  }
};

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::error: return "1;31";
    case Severity::warning: return "1;35";
    case Severity::info: return "1;36";
  }
  return "0";
}

std::string where(const SourceManager& s, SourceLoc loc) {
  if (!loc.known()) return "<kubegate>";
  return fmt::format("{}:{}:{}", printable(s.path(loc.file)), loc.line, loc.column);
}

/// The source line with a caret under the column, like a compiler.
void snippet(std::ostream& out, const SourceManager& s, SourceLoc loc, const Style& style) {
  if (!loc.known() || loc.line == 0) return;
  std::string_view line = s.line(loc.file, loc.line);
  if (line.empty()) return;
  std::string gutter = fmt::format("{:>5} | ", loc.line);
  std::string pad;
  for (char c : printable(line.substr(0, std::min<std::size_t>(loc.column - 1, line.size())))) pad += c == '\t' ? '\t' : ' ';
  // Underline the word that starts at the column (a key, a host name, a value).
  std::size_t end = loc.column - 1;
  while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) ||
                               std::string_view("_-./[]:").find(line[end]) != std::string_view::npos) &&
         !(line[end] == ':' && (end + 1 == line.size() || line[end + 1] == ' ')))
    ++end;
  std::string mark(end > loc.column ? end - loc.column + 1 : 1, '~');
  mark[0] = '^';
  out << gutter << printable(line) << '\n' << std::string(gutter.size() - 2, ' ') << "| " << pad << style("1;32", mark) << '\n';
}

}  // namespace

void write_text(std::ostream& out, const Report& r, bool color) {
  Style style{color};
  for (const LoadError& e : r.errors) {
    std::string pos = e.line ? fmt::format("{}:{}:{}", printable(e.file), e.line, e.column) : printable(e.file);
    out << style("1", pos + ":") << ' ' << style(severity_color(Severity::error), "error:") << ' ' << printable(e.message)
        << " [load-error]\n";
  }
  for (const Finding& f : r.findings) {
    out << style("1", where(r.sources, f.loc) + ":") << ' '
        << style(severity_color(f.severity), fmt::format("{}:", to_string(f.severity))) << ' ' << printable(f.message) << ' '
        << style("2", fmt::format("[{}]", f.check)) << '\n';
    snippet(out, r.sources, f.loc, style);
    for (const Related& rel : f.related)
      out << "  " << style("1", where(r.sources, rel.loc) + ":") << ' ' << style("1;36", "note:") << ' ' << printable(rel.message)
          << '\n';
    if (!f.fix.empty()) out << "  " << style("1;32", "fix:") << ' ' << printable(f.fix) << '\n';
  }
  std::size_t counts[3] = {};
  for (const Finding& f : r.findings) ++counts[static_cast<int>(f.severity)];
  if (!r.findings.empty() || !r.errors.empty())
    out << fmt::format("{} error(s), {} warning(s), {} info, {} load error(s)\n", counts[2], counts[1], counts[0],
                       r.errors.size());
}

}  // namespace kubegate
