// GitHub Actions workflow commands: one annotation per finding and load error.
#include <fmt/format.h>

#include "output/output.hpp"

namespace kubegate {

namespace {

/// A workflow command's message: %, CR and LF escaped as GitHub reads them back.
std::string data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

/// A workflow command's property value: the message escapes, plus ':' and ','.
std::string property(std::string_view text) {
  std::string out;
  for (char c : data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

/// "::error file=f,line=l,col=c,endLine=l,title=t::message"; no position when `line` is 0.
void annotate(std::ostream& out, std::string_view level, const std::string& file, std::uint32_t line,
              std::uint32_t column, std::string_view title, std::string_view message) {
  out << "::" << level << " file=" << property(file);
  if (line) out << fmt::format(",line={},col={},endLine={}", line, column ? column : 1, line);
  out << ",title=" << property(title) << "::" << data(message) << '\n';
}

}  // namespace

void write_github(std::ostream& out, const Report& r) {
  for (const LoadError& e : r.errors)
    annotate(out, "error", printable(e.file), e.line, e.column, "load-error", printable(e.message));
  for (const Finding& f : r.findings) {
    const std::string_view level = f.severity == Severity::error     ? "error"
                                   : f.severity == Severity::warning ? "warning"
                                                                     : "notice";
    annotate(out, level, f.loc.known() ? printable(r.sources.path(f.loc.file)) : std::string(), f.loc.line,
             f.loc.column, f.check, printable(f.message) + (f.fix.empty() ? "" : "\nfix: " + printable(f.fix)));
  }
}

}  // namespace kubegate
