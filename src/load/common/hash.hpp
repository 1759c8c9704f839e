// FNV-1a, 64 bits: the fingerprint of secrets (RKE2) and of stock sample files (releases.json).
#pragma once

#include <cstdint>
#include <string_view>

namespace kubegate {

/// FNV-1a 64-bit hash of `bytes`.
inline std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char ch : bytes) h = (h ^ ch) * 1099511628211ull;
  return h;
}

}  // namespace kubegate
