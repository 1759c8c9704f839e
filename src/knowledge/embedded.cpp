#include "knowledge/embedded.hpp"

namespace kubegate::data {

std::string_view find(std::string_view name) {
  for (const EmbeddedFile& f : files())
    if (f.name == name) return f.text;
  return {};
}

}  // namespace kubegate::data
