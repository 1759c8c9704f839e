// IP networks as Kubernetes components read them (IPv4 and IPv6 CIDRs).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kubegate {

/// An IP network: address bytes (IPv4 in the first 4) and a prefix length.
struct Cidr {
  std::array<std::uint8_t, 16> addr{};
  int prefix = 0;
  bool v6 = false;

  /// Total address bits: 32 or 128.
  int bits() const { return v6 ? 128 : 32; }
  /// True when bits beyond the prefix are set (10.233.1.0/16).
  bool host_bits_set() const;
  /// The network with host bits cleared.
  Cidr network() const;
  /// True when `other` lies entirely within this network.
  bool contains(const Cidr& other) const;
  /// True when the two networks share any address.
  bool overlaps(const Cidr& other) const;
  /// Canonical text, e.g. "10.233.0.0/18".
  std::string str() const;
};

/// Parses "a.b.c.d/n" or an IPv6 CIDR; nullopt with `why` set when it is not one.
std::optional<Cidr> parse_cidr(std::string_view text, std::string* why = nullptr);
/// Parses a bare IPv4 or IPv6 address as a host network (/32 or /128).
std::optional<Cidr> parse_ip(std::string_view text);

}  // namespace kubegate
