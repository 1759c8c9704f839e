#include "lib/etcd_quorum.hpp"

#include <fmt/format.h>

namespace kubegate {

std::string etcd_quorum_text(std::size_t n) {
  const std::size_t tolerated = (n - 1) / 2, fewer = n - 1;
  return fmt::format(
      "quorum needs {} of {} members, so etcd survives {} failed member{}, no more than {} member{} "
      "would",
      n / 2 + 1, n, tolerated, tolerated == 1 ? "" : "s", fewer, fewer == 1 ? "" : "s");
}

}  // namespace kubegate
