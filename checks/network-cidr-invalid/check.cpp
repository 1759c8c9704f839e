// kube_pods_subnet / kube_service_addresses (and their _ipv6 twins when the IPv6 stack is on)
// that are not a CIDR, hold the wrong address family in a dual-stack cluster, or have host bits
// set (10.233.1.0/16). Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/roles/validate_inventory/tasks/main.yml
#include "kubegate/check.hpp"
#include "lib/kubespray_validation.hpp"

#include <fmt/format.h>

#include "kubegate/net.hpp"

namespace kubegate {
namespace {

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

/// Checks one network variable `s`, which must hold an IPv6 network when `v6`, else an IPv4 one.
void check_var(const Cluster& c, const InventoryValidation& validation, Reporter& r, const Setting& s, bool v6,
               bool dual_stack, bool asserted) {
  if (!s || s.is_default() || s.value.is_unknown()) return;
  std::optional<std::string> text = scalar_text(s.value);
  const std::string shown = text ? *text : s.value.display();
  const std::string kubespray_msg = fmt::format("{} = '{}' is not a valid network range", s.name, shown);
  // Up to v2.31 the asserts test `ipaddr('net')` for truth, which is None (false) for a bare address
  // or an address with host bits. Master's IPv4 asserts test `is not false` (kubespray#13304) and
  // let both through; its IPv6 asserts still test truth.
  const bool lenient = validation.ipv4_network_accepts_host_bits && !v6;
  const bool bare_address = text && parse_ip(*text);
  const std::string outcome =
      asserted && !(lenient && bare_address)
          ? fmt::format("Kubespray {} stops with \"{}\"", c.release.version, kubespray_msg)
          : fmt::format("Kubespray {} does not catch it and kubeadm init fails on it", c.release.version);
  const std::string_view family = v6 ? "IPv6" : "IPv4";

  std::string why;
  std::optional<Cidr> net = text ? parse_cidr(*text, &why) : std::nullopt;
  if (!text) why = "a network is one string, not a list or a map";
  if (text && text->empty()) why = "it is empty";
  if (!net) {
    r.report(s.loc(), fmt::format("{} \"{}\" is not a CIDR: {}; {}", s.name, shown, why, outcome))
        .fix(fmt::format("write {} as an {} network in CIDR form, e.g. \"{}\"", s.name, family,
                         v6 ? "fd85:ee78:d8a6:8607::1:0/112" : "10.233.64.0/18"));
    return;
  }
  if (dual_stack && net->v6 != v6) {
    r.report(s.loc(), fmt::format("{} \"{}\" is an {} network but the cluster is dual-stack and this variable "
                                  "holds its {} network: kubeadm rejects two networks of one family (\"expected "
                                  "one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack "
                                  "networking\")",
                                  s.name, shown, net->v6 ? "IPv6" : "IPv4", family))
        .fix(fmt::format("put an {} network in {}", family, s.name));
    return;
  }
  if (!net->host_bits_set()) return;
  const bool rejected = asserted && !lenient;
  const std::string network = net->network().str();
  if (rejected) {
    r.report(s.loc(), fmt::format("{} \"{}\" has host bits set (the network is {}): Kubespray {} stops with \"{}\"",
                                  s.name, shown, network, c.release.version, kubespray_msg))
        .fix(fmt::format("write the network address: {}: \"{}\" (or the prefix length you meant)", s.name, network));
  } else {
    r.report(s.loc(), Severity::warning,
             fmt::format("{} \"{}\" has host bits set: Kubespray {} accepts it, but Kubernetes components silently "
                         "use the network {}, which may not be the range you meant",
                         s.name, shown, c.release.version, network))
        .fix(fmt::format("write the network address: {}: \"{}\" (or the prefix length you meant)", s.name, network));
  }
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const ValidationData* d = ctx.release_data<ValidationData>();
  if (!d) return;
  const bool dual = c.ipv4.enabled == true && c.ipv6.enabled == true;
  if (c.ipv4.enabled == true)
    for (const Setting* s : {&c.ipv4.services, &c.ipv4.pods}) check_var(c, d->validation, r, *s, false, dual, true);
  if (c.ipv6.enabled == true)
    for (const Setting* s : {&c.ipv6.services, &c.ipv6.pods})
      check_var(c, d->validation, r, *s, true, dual, d->validation.ipv6_networks);
}

const CheckRegistration reg{{"network-cidr-invalid", Severity::error,
                             "pod or service network is not a CIDR, has the wrong family or has host bits set",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
