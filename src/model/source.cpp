#include "kubegate/source.hpp"

#include <mutex>

namespace kubegate {

SourceManager::SourceManager() { files_.push_back(std::make_unique<File>()); }

std::uint32_t SourceManager::add(std::string path, std::string text) {
  const std::uint32_t file = reserve();
  fill(file, std::move(path), std::move(text));
  return file;
}

std::uint32_t SourceManager::reserve() {
  std::unique_lock lock(*mutex_);
  files_.push_back(std::make_unique<File>());
  return static_cast<std::uint32_t>(files_.size() - 1);
}

void SourceManager::fill(std::uint32_t file, std::string path, std::string text) {
  File& f = *find(file);  // only the loader that reserved the id writes it
  f.path = std::move(path);
  f.text = std::move(text);
  f.line_starts = {0};
  for (std::uint32_t i = 0; i < f.text.size(); ++i)
    if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
}

SourceManager::File* SourceManager::find(std::uint32_t file) const {
  std::shared_lock lock(*mutex_);
  return file < files_.size() ? files_[file].get() : nullptr;
}

const std::string& SourceManager::path(std::uint32_t file) const {
  const File* f = find(file);
  return (f ? f : find(0))->path;
}

std::string_view SourceManager::text(std::uint32_t file) const {
  const File* f = find(file);
  return f ? std::string_view(f->text) : std::string_view();
}

std::string_view SourceManager::line(std::uint32_t file, std::uint32_t line) const {
  const File* found = file == 0 ? nullptr : find(file);
  if (!found || line == 0) return {};
  const File& f = *found;
  if (line > f.line_starts.size()) return {};
  std::size_t begin = f.line_starts[line - 1];
  std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  std::string_view sv(f.text.data() + begin, end - begin);
  if (!sv.empty() && sv.back() == '\r') sv.remove_suffix(1);
  return sv;
}

void SourceManager::redact(SourceLoc loc) {
  File* found = loc.known() ? find(loc.file) : nullptr;
  if (!found || loc.line == 0) return;
  File& f = *found;
  if (loc.line > f.line_starts.size()) return;
  auto line_end = [&](std::size_t line) {  // 1-based line -> offset of its '\n' (or the end)
    return line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  };
  auto indent_of = [&](std::size_t line) {
    std::size_t b = f.line_starts[line - 1], i = b;
    while (i < f.text.size() && f.text[i] == ' ') ++i;
    return i - b;
  };
  std::size_t begin = f.line_starts[loc.line - 1] + loc.column - 1;
  for (std::size_t i = begin; i < line_end(loc.line); ++i)
    if (f.text[i] != '\r') f.text[i] = '*';
  const std::size_t base = indent_of(loc.line);
  for (std::size_t line = loc.line + 1; line <= f.line_starts.size(); ++line) {
    std::size_t b = f.line_starts[line - 1], e = line_end(line);
    bool blank = f.text.find_first_not_of(" \t\r", b) >= e;
    if (!blank && indent_of(line) <= base) break;
    for (std::size_t i = b + indent_of(line); i < e; ++i)
      if (f.text[i] != '\r') f.text[i] = '*';
  }
}

void SourceManager::redact(SourceLoc loc, std::size_t length) {
  File* found = loc.known() ? find(loc.file) : nullptr;
  if (!found || loc.line == 0) return;
  File& f = *found;
  if (loc.line > f.line_starts.size()) return;
  const std::size_t line_end = loc.line < f.line_starts.size() ? f.line_starts[loc.line] - 1 : f.text.size();
  const std::size_t begin = f.line_starts[loc.line - 1] + loc.column - 1;
  for (std::size_t i = begin; i < begin + length && i < line_end; ++i)
    if (f.text[i] != '\r') f.text[i] = '*';
}

}  // namespace kubegate
