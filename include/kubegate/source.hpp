// Source files and positions: every value in the model points back into one of these files.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace kubegate {

/// A position in a loaded file; 1-based line and column, file 0 means "no file" (a built-in default).
struct SourceLoc {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  /// True when the position names a real file.
  bool known() const { return file != 0; }
  friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

/// Owns the text of every file read, so that output can quote source lines later.
class SourceManager {
 public:
  SourceManager();
  /// Registers a file (path as the user gave it) with its text; returns its id (>= 1).
  std::uint32_t add(std::string path, std::string text);
  /// A new id with no file yet, for a loader that must know the id before it registers the text
  /// (inventories load in parallel: the id the next add() returns cannot be guessed).
  std::uint32_t reserve();
  /// Registers a file under an id reserve() returned.
  void fill(std::uint32_t file, std::string path, std::string text);
  /// The path of a file id; empty for id 0.
  const std::string& path(std::uint32_t file) const;
  /// The whole text of a file id.
  std::string_view text(std::uint32_t file) const;
  /// The text of one 1-based line, without its line ending; empty when out of range.
  std::string_view line(std::uint32_t file, std::uint32_t line) const;
  /// Overwrites a secret value with '*' from `loc` to the end of its line, and the more indented
  /// lines below it (a block scalar); offsets and line numbers stay as they were.
  void redact(SourceLoc loc);
  /// Overwrites `length` characters from `loc` with '*' (a value among others on its line).
  void redact(SourceLoc loc, std::size_t length);

 private:
  struct File {
    std::string path;
    std::string text;
    std::vector<std::uint32_t> line_starts;
  };
  /// The file of an id, or nullptr. Files never move, so what it points to stays valid while
  /// other threads add theirs; each file is redacted by the loader that added it, before any
  /// other reads it.
  File* find(std::uint32_t file) const;
  /// Guards files_ (inventories load in parallel); held by pointer so that a SourceManager moves.
  std::unique_ptr<std::shared_mutex> mutex_ = std::make_unique<std::shared_mutex>();
  std::vector<std::unique_ptr<File>> files_;
};

}  // namespace kubegate
