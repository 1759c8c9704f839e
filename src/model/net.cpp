#include "kubegate/net.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <string>

#include <fmt/format.h>

namespace kubegate {

namespace {

bool bit(const Cidr& c, int i) { return (c.addr[i / 8] >> (7 - i % 8)) & 1; }

}  // namespace

bool Cidr::host_bits_set() const {
  for (int i = prefix; i < bits(); ++i)
    if (bit(*this, i)) return true;
  return false;
}

Cidr Cidr::network() const {
  Cidr n = *this;
  for (int i = prefix; i < bits(); ++i) n.addr[i / 8] &= static_cast<std::uint8_t>(~(1u << (7 - i % 8)));
  return n;
}

bool Cidr::contains(const Cidr& other) const {
  if (v6 != other.v6 || other.prefix < prefix) return false;
  for (int i = 0; i < prefix; ++i)
    if (bit(*this, i) != bit(other, i)) return false;
  return true;
}

bool Cidr::overlaps(const Cidr& other) const { return contains(other) || other.contains(*this); }

std::string Cidr::str() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, addr.data(), buf, sizeof buf);
  return fmt::format("{}/{}", buf, prefix);
}

std::optional<Cidr> parse_ip(std::string_view text) {
  std::string s(text);
  Cidr c;
  if (inet_pton(AF_INET, s.c_str(), c.addr.data()) == 1) {
    c.prefix = 32;
    return c;
  }
  if (inet_pton(AF_INET6, s.c_str(), c.addr.data()) == 1) {
    c.v6 = true;
    c.prefix = 128;
    return c;
  }
  return std::nullopt;
}

std::optional<Cidr> parse_cidr(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<Cidr> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return fail("no prefix length (\"/N\")");
  auto ip = parse_ip(text.substr(0, slash));
  if (!ip) return fail(fmt::format("\"{}\" is not an IP address", text.substr(0, slash)));
  std::string_view len = text.substr(slash + 1);
  int prefix = -1;
  auto [p, ec] = std::from_chars(len.data(), len.data() + len.size(), prefix);
  if (len.empty() || ec != std::errc() || p != len.data() + len.size() || prefix < 0 || prefix > ip->bits())
    return fail(fmt::format("prefix length \"{}\" is not between 0 and {}", len, ip->bits()));
  ip->prefix = prefix;
  return ip;
}

}  // namespace kubegate
