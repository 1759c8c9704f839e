// Files from schemas/ and checks/ compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <span>
#include <string_view>

namespace kubegate::data {

/// One embedded file, named by its path from the project root ("schemas/kubespray/v2.24.0.json").
struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

/// Every embedded file.
std::span<const EmbeddedFile> files();
/// The text of an embedded file; empty when there is none by that name.
std::string_view find(std::string_view name);

}  // namespace kubegate::data
