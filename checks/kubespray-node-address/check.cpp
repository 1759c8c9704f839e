// Node addresses Kubespray cannot deploy: an `ip` that is not an address, one address on two
// machines, two etcd members with one peer address or one member name, node addresses inside
// the pod or service network, and the NodeLocal DNSCache address inside the pod network. Doc: check.md
// Upstream: roles/kubernetes/preinstall/tasks/0040-verify-settings.yml ("Stop if ip var does not
// match local ips"), etcd's VerifyBootstrap ("initial cluster ... has duplicate url").
#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"

#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "kubegate/net.hpp"

namespace kubegate {
namespace {

/// One host's address setting, read as an address.
struct Address {
  const Node* node;
  Setting setting;
  Cidr addr;
};

/// The address alone ("10.0.0.1", not "10.0.0.1/32").
std::string text_of(const Cidr& a) {
  std::string s = a.str();
  return s.substr(0, s.find('/'));
}

/// The address family the cluster's components use: IPv4, or IPv6 on an IPv6-only cluster.
bool ipv6_only(const Cluster& c) { return c.ipv4.enabled == false && c.ipv6.enabled == true; }

/// The host's `ip` (`ip6` on an IPv6-only cluster) or its `access_ip`, when the inventory sets it.
Setting own(const Node& n, bool v6, bool access) {
  const KubesprayHost h(n.vars);
  Setting s = access ? (v6 ? h.access_ip6() : h.access_ip()) : (v6 ? h.ip6() : h.ip());
  return s && !s.is_default() ? s : Setting{};
}

/// The machine Ansible connects to for `n`.
std::string connection(const Node& n) {
  const std::optional<std::string> host = KubesprayHost(n.vars).ansible_host().text();
  return host ? *host : n.name;
}

/// "\"a\", \"b\" and \"c\"".
std::string names(const std::vector<Address>& hosts) {
  std::string out;
  for (std::size_t i = 0; i < hosts.size(); ++i)
    out += fmt::format("{}\"{}\"", i == 0 ? "" : i + 1 == hosts.size() ? " and " : ", ", hosts[i].node->name);
  return out;
}

/// Calls `report` with each group of two or more of `hosts` that share an address.
template <class Report>
void same_address(const std::vector<Address>& hosts, Report report) {
  std::map<std::string, std::vector<Address>> by;
  for (const Address& a : hosts) by[text_of(a.addr)].push_back(a);
  for (const auto& [_, group] : by)
    if (group.size() > 1) report(group);
}

/// Points a finding about a group at its first definition, and at the others.
FindingBuilder report_group(Reporter& r, const std::vector<Address>& group, Severity severity, std::string message) {
  auto f = r.report(group.front().setting.loc(), severity, std::move(message));
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen{
      {group.front().setting.loc().file, group.front().setting.loc().line}};
  for (const Address& a : group)
    if (seen.insert({a.setting.loc().file, a.setting.loc().line}).second)
      f.related(a.setting.loc(), fmt::format("{} of \"{}\" set here", a.setting.name, a.node->name));
  return f;
}

/// `ip` values that are not addresses, and one `ip` on two machines.
std::set<std::string> check_ips(const Cluster& c, bool v6, std::vector<Address>& ips, Reporter& r) {
  const bool stops = c.kubespray.ignore_assert_errors.truth() != true;
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, std::vector<Address>> malformed;  // by definition
  for (const Node& n : c.nodes) {
    if (n.roles == role_none) continue;
    const Setting s = own(n, v6, false);
    const std::optional<std::string> text = s.text();
    if (!text) continue;
    if (std::optional<Cidr> a = parse_ip(*text))
      ips.push_back({&n, s, *a});
    else
      malformed[{s.loc().file, s.loc().line, s.loc().column}].push_back({&n, s, Cidr{}});
  }
  for (const auto& [_, hosts] : malformed) {
    const Setting& s = hosts.front().setting;
    r.report(s.loc(), fmt::format("{} \"{}\" of host{} {} is not an IP address: {}", s.name, *s.text(),
                                  hosts.size() == 1 ? "" : "s", names(hosts),
                                  stops ? "Kubespray stops with \"Stop if ip var does not match local ips\""
                                        : "kubelet, etcd and the API server cannot bind or advertise it"))
        .fix(fmt::format("set {} to the address of one of the host's interfaces", s.name));
  }
  std::set<std::string> reported;
  same_address(ips, [&](const std::vector<Address>& group) {
    std::set<std::string> machines;
    for (const Address& a : group) machines.insert(connection(*a.node));
    if (machines.size() < 2) return;  // one machine under two names
    reported.insert(text_of(group.front().addr));
    report_group(r, group, Severity::error,
                 fmt::format("hosts {} are different machines with the same {} {}: a machine can only own it "
                             "once, so {}",
                             names(group), group.front().setting.name, text_of(group.front().addr),
                             stops ? "Kubespray stops with \"Stop if ip var does not match local ips\" on the "
                                     "others"
                                   : "the kubelets and etcd members of the others advertise an address that is "
                                     "not theirs"))
        .fix(fmt::format("give each host its own address in {}", group.front().setting.name));
  });
  return reported;
}

/// Two etcd members with one peer address or one member name.
void check_etcd(const Cluster& c, bool v6, const std::set<std::string>& reported, Reporter& r) {
  std::optional<std::string> mode = c.kubespray.etcd_deployment_type.text();
  if (!mode) return;
  const bool kubeadm = *mode == "kubeadm";
  std::vector<Address> peers;
  std::map<std::string, std::vector<Address>> by_name;
  for (const Node* n : c.with_role(kubeadm ? role_control_plane : role_etcd)) {
    const KubesprayHost h(n->vars);
    // Up to v2.27.x a host's own etcd_access_address is its peer address; later releases ignore it.
    if (const Setting e = h.etcd_access_address(); e && !e.is_default()) return;
    Setting s = kubeadm ? Setting{} : own(*n, v6, true);  // kubeadm's members advertise `ip`
    if (!s) s = own(*n, v6, false);
    if (std::optional<std::string> t = s.text())
      if (std::optional<Cidr> a = parse_ip(*t)) peers.push_back({n, s, *a});
    if (const Setting name = h.etcd_member_name(); !kubeadm && name && !name.is_default())
      if (std::optional<std::string> t = name.text()) by_name[*t].push_back({n, name, Cidr{}});
  }
  same_address(peers, [&](const std::vector<Address>& group) {
    if (reported.count(text_of(group.front().addr))) return;
    report_group(r, group, Severity::error,
                 fmt::format("etcd members {} have the same peer address {} ({}): {}", names(group),
                             text_of(group.front().addr), group.front().setting.name,
                             kubeadm ? "kubeadm cannot add the second member, etcd refuses a peer URL it already has"
                                     : "etcd refuses to start with \"initial cluster ... has duplicate url\""))
        .fix(kubeadm ? "give each control-plane host its own ip"
                     : "give each etcd host its own access_ip (or remove access_ip to use ip)");
  });
  for (const auto& [name, group] : by_name)
    if (group.size() > 1)
      report_group(r, group, Severity::error,
                   fmt::format("etcd members {} have the same etcd_member_name \"{}\": etcd reads both peer "
                               "addresses as one member's and refuses to start, its advertised URLs not matching "
                               "the initial cluster",
                               names(group), name))
          .fix("give each etcd host its own etcd_member_name (etcd1, etcd2, etcd3)");
}

/// Node addresses inside the pod or service network, and the NodeLocal DNSCache address inside the pod network.
void check_networks(const Cluster& c, const IpFamily& nets, const std::vector<Address>& ips, Reporter& r) {
  struct Net {
    const Fact<Cidr>& cidr;
    Severity severity;
    const char* why;
  };
  const Net all[] = {
      {nets.pods, Severity::error,
       "the network plugin routes the pod network into the cluster network, so traffic to the node goes to pods "
       "instead and the nodes lose each other"},
      {nets.services, Severity::warning,
       "kube-proxy captures the service network's ClusterIPs, so traffic to a node whose address is allocated as a "
       "ClusterIP goes to that Service instead"},
  };
  for (const Net& net : all) {
    if (!net.cidr.typed) continue;
    std::vector<Address> inside;
    for (const Address& a : ips)
      if (a.addr.v6 == net.cidr.typed->v6 && net.cidr.typed->contains(a.addr)) inside.push_back(a);
    if (inside.empty()) continue;
    report_group(r, inside, net.severity,
                 fmt::format("{} of host{} {} {} inside {} \"{}\", which must be unused in the machines' network: {}",
                             inside.front().setting.name, inside.size() == 1 ? "" : "s", names(inside),
                             inside.size() == 1 ? "is" : "are", net.cidr.name, net.cidr.typed->str(), net.why))
        .related(net.cidr.user_loc(), fmt::format("{} set here", net.cidr.name))
        .fix(fmt::format("move {} to a range none of the machines uses", net.cidr.name));
  }
  const KubesprayHost cluster(c.settings);
  const Setting dns = cluster.nodelocaldns_ip();
  const std::optional<std::string> text = dns.text();
  const std::optional<Cidr> addr = text ? parse_ip(*text) : std::nullopt;
  const Fact<Cidr>& pods = nets.pods;
  // Inside the service network it is harmless in practice: dynamic ClusterIPs avoid the low band.
  if (cluster.enable_nodelocaldns().truth() != true || !addr || !pods.typed || pods.typed->v6 != addr->v6 ||
      !pods.typed->contains(*addr))
    return;
  r.report(dns.user_loc().known() ? dns.loc() : pods.loc(), Severity::warning,
           fmt::format("nodelocaldns_ip \"{}\" is inside {} \"{}\": NodeLocal DNSCache binds it on every node, so "
                       "the pod that gets this address on the node owning that block is unreachable from every node",
                       *text, pods.name, pods.typed->str()))
      .related(pods.user_loc(), fmt::format("{} set here", pods.name))
      .fix("keep nodelocaldns_ip a link-local address (the default 169.254.25.10) outside the pod network");
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  if (!c.topology_known) return;
  const bool v6 = ipv6_only(c);
  std::vector<Address> ips;
  const std::set<std::string> reported = check_ips(c, v6, ips, r);
  check_etcd(c, v6, reported, r);
  check_networks(c, v6 ? c.ipv6 : c.ipv4, ips, r);
}

const CheckRegistration reg{
    {"kubespray-node-address", Severity::error,
     "a node or etcd address that is malformed, shared, or inside the pod or service network", kKubespray},
    run};

}  // namespace
}  // namespace kubegate
