// etcd's quorum arithmetic, shared by the checks that count etcd members (Kubespray's etcd group,
// RKE2's servers).
#pragma once

#include <cstddef>
#include <string>

namespace kubegate {

/// What `members` etcd members tolerate: "quorum needs 2 of 2 members, so etcd survives 0 failed
/// members, no more than 1 member would".
std::string etcd_quorum_text(std::size_t members);

}  // namespace kubegate
