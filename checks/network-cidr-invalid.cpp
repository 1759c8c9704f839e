// kube_pods_subnet / kube_service_addresses (and their _ipv6 twins when the IPv6 stack is on)
// that are not a CIDR, hold the wrong address family in a dual-stack cluster, or have host bits
// set (10.233.1.0/16). Doc: network-cidr-invalid.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/roles/validate_inventory/tasks/main.yml
#include "kubegate/check.hpp"

#include <fmt/format.h>

#include "kubegate/net.hpp"

namespace kubegate {
namespace {

/// One network variable and the address family it must hold.
struct NetVar {
  std::string_view name;
  bool v6;
};

/// Whether the IPv4 stack is on: releases before ipv4_stack existed always use IPv4.
std::optional<bool> ipv4_on(const Scope& s) {
  Setting v4 = s.get("ipv4_stack");
  return v4 ? v4.truth() : std::optional<bool>(true);
}

/// Whether the IPv6 stack is on: ipv6_stack where the release has it, else enable_dual_stack_networks.
std::optional<bool> ipv6_on(const Scope& s) {
  Setting v6 = s.get("ipv6_stack");
  if (v6) return v6.truth();
  Setting dual = s.get("enable_dual_stack_networks");
  return dual ? dual.truth() : std::optional<bool>(false);
}

/// True when the targeted release itself defines `s` (some definition comes from its defaults).
bool release_defines(const Setting& s) {
  if (s.is_default()) return true;
  for (const Definition* d : s.overridden)
    if (d->layer == Layer::release_default) return true;
  return false;
}

/// The scalar text a network variable holds; nullopt for lists and maps.
std::optional<std::string> scalar_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null: return std::string();
    case Value::Kind::string:
    case Value::Kind::integer:
    case Value::Kind::real:
    case Value::Kind::boolean: return v.text;
    default: return std::nullopt;
  }
}

void check_var(const Cluster& c, Reporter& r, const NetVar& var, bool dual_stack, bool asserted) {
  Setting s = c.settings.get(var.name);
  if (!s || s.is_default() || s.value.is_unknown()) return;
  std::optional<std::string> text = scalar_text(s.value);
  const std::string shown = text ? *text : s.value.display();
  const std::string kubespray_msg = fmt::format("{} = '{}' is not a valid network range", var.name, shown);
  // Up to v2.31 the asserts test `ipaddr('net')` for truth, which is None (false) for a bare address
  // or an address with host bits. Master's IPv4 asserts test `is not false` (kubespray#13304) and
  // let both through; its IPv6 asserts still test truth.
  const bool lenient = c.release.version == "master" && !var.v6;
  const bool bare_address = text && parse_ip(*text);
  const std::string outcome =
      asserted && !(lenient && bare_address)
          ? fmt::format("Kubespray {} stops with \"{}\"", c.release.version, kubespray_msg)
          : fmt::format("Kubespray {} does not catch it and kubeadm init fails on it", c.release.version);
  const std::string_view family = var.v6 ? "IPv6" : "IPv4";

  std::string why;
  std::optional<Cidr> net = text ? parse_cidr(*text, &why) : std::nullopt;
  if (!text) why = "a network is one string, not a list or a map";
  if (text && text->empty()) why = "it is empty";
  if (!net) {
    r.report(s.loc(), fmt::format("{} \"{}\" is not a CIDR: {}; {}", var.name, shown, why, outcome))
        .fix(fmt::format("write {} as an {} network in CIDR form, e.g. \"{}\"", var.name, family,
                         var.v6 ? "fd85:ee78:d8a6:8607::1:0/112" : "10.233.64.0/18"));
    return;
  }
  if (dual_stack && net->v6 != var.v6) {
    r.report(s.loc(), fmt::format("{} \"{}\" is an {} network but the cluster is dual-stack and this variable "
                                  "holds its {} network: kubeadm rejects two networks of one family (\"expected "
                                  "one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack "
                                  "networking\")",
                                  var.name, shown, net->v6 ? "IPv6" : "IPv4", family))
        .fix(fmt::format("put an {} network in {}", family, var.name));
    return;
  }
  if (!net->host_bits_set()) return;
  const bool rejected = asserted && !lenient;
  const std::string network = net->network().str();
  if (rejected) {
    r.report(s.loc(), fmt::format("{} \"{}\" has host bits set (the network is {}): Kubespray {} stops with \"{}\"",
                                  var.name, shown, network, c.release.version, kubespray_msg))
        .fix(fmt::format("write the network address: {}: \"{}\" (or the prefix length you meant)", var.name, network));
  } else {
    r.report(s.loc(), Severity::warning,
             fmt::format("{} \"{}\" has host bits set: Kubespray {} accepts it, but Kubernetes components silently "
                         "use the network {}, which may not be the range you meant",
                         var.name, shown, c.release.version, network))
        .fix(fmt::format("write the network address: {}: \"{}\" (or the prefix length you meant)", var.name, network));
  }
}

void run(const Cluster& c, Reporter& r) {
  std::optional<bool> v4 = ipv4_on(c.settings);
  std::optional<bool> v6 = ipv6_on(c.settings);
  const bool dual = v4 == true && v6 == true;
  if (v4 == true)
    for (std::string_view name : {"kube_service_addresses", "kube_pods_subnet"})
      check_var(c, r, {name, false}, dual, true);
  if (v6 == true) {
    // Releases before v2.28 (no ipv6_stack) have no assert on the IPv6 networks.
    const bool asserted = release_defines(c.settings.get("ipv6_stack"));
    for (std::string_view name : {"kube_service_addresses_ipv6", "kube_pods_subnet_ipv6"})
      check_var(c, r, {name, true}, dual, asserted);
  }
}

const CheckRegistration reg{{"network-cidr-invalid", Severity::error,
                             "pod or service network is not a CIDR, has the wrong family or has host bits set",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
