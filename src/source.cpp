#include "kubegate/source.hpp"

namespace kubegate {

SourceManager::SourceManager() { files_.push_back(std::make_unique<File>()); }

std::uint32_t SourceManager::add(std::string path, std::string text) {
  auto f = std::make_unique<File>();
  f->path = std::move(path);
  f->text = std::move(text);
  f->line_starts.push_back(0);
  for (std::uint32_t i = 0; i < f->text.size(); ++i)
    if (f->text[i] == '\n') f->line_starts.push_back(i + 1);
  files_.push_back(std::move(f));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

const std::string& SourceManager::path(std::uint32_t file) const {
  return files_.at(file < files_.size() ? file : 0)->path;
}

std::string_view SourceManager::text(std::uint32_t file) const {
  return file < files_.size() ? std::string_view(files_[file]->text) : std::string_view();
}

std::string_view SourceManager::line(std::uint32_t file, std::uint32_t line) const {
  if (file == 0 || file >= files_.size() || line == 0) return {};
  const File& f = *files_[file];
  if (line > f.line_starts.size()) return {};
  std::size_t begin = f.line_starts[line - 1];
  std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  std::string_view sv(f.text.data() + begin, end - begin);
  if (!sv.empty() && sv.back() == '\r') sv.remove_suffix(1);
  return sv;
}

}  // namespace kubegate
