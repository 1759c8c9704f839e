// cluster-cidr and service-cidr must be valid networks that do not overlap, cluster-dns must lie
// in service-cidr, and a dual-stack cluster needs node-ip of both families. Doc: check.md
// Upstream: rke2-docs reference/server_config.md; k3s-io/k3s#5918; rancher/rke2#870, #3664
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/net.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

struct Net {
  Cidr cidr;
  Value item;
  std::string key;
};

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Node& n : c.nodes) {
    if (!rke2_server(n)) continue;
    std::vector<Net> nets;
    bool dual = false, v4 = false, v6 = false;
    for (const char* key : {"cluster-cidr", "service-cidr"}) {
      Setting s = n.vars.get(key);
      for (const Value& item : rke2_comma_items(s)) {
        if (item.is_unknown() || item.kind != Value::Kind::string) continue;
        std::string why;
        auto cidr = parse_cidr(item.text, &why);
        if (!cidr) {
          r.report(item.loc.known() ? item.loc : s.loc(),
                   fmt::format("{} \"{}\" is not a network: {}", key, item.text, why))
              .fix("write a network in CIDR form, e.g. 10.42.0.0/16 (a comma between the IPv4 and IPv6 networks)");
          continue;
        }
        if (cidr->host_bits_set())
          r.report(item.loc.known() ? item.loc : s.loc(), Severity::warning,
                   fmt::format("{} \"{}\" has host bits set; the network is {}", key, item.text, cidr->network().str()))
              .fix(fmt::format("write \"{}\"", cidr->network().str()));
        (cidr->v6 ? v6 : v4) = true;
        nets.push_back({*cidr, item, key});
      }
      if (std::string(key) == "cluster-cidr") dual = v4 && v6;
    }
    for (std::size_t i = 0; i < nets.size(); ++i)
      for (std::size_t j = i + 1; j < nets.size(); ++j)
        if (nets[i].key != nets[j].key && nets[i].cidr.overlaps(nets[j].cidr))
          r.report(nets[j].item.loc, fmt::format("{} \"{}\" overlaps {} \"{}\": service and pod addresses collide",
                                                 nets[j].key, nets[j].item.text, nets[i].key, nets[i].item.text))
              .related(nets[i].item.loc, fmt::format("{} set here", nets[i].key))
              .fix("pick non-overlapping networks before the cluster is created");
    Setting dns = Rke2Node(n).cluster_dns();
    if (auto text = dns.text(); text && !dns.is_default() && !dns.value.is_unknown()) {  // unset: derived from service-cidr
      if (auto ip = parse_ip(*text)) {
        bool inside = false, family_seen = false;
        for (const Net& net : nets)
          if (net.key == "service-cidr" && net.cidr.v6 == ip->v6) {
            family_seen = true;
            inside = inside || net.cidr.contains(*ip);
          }
        if (family_seen && !inside)
          r.report(dns.loc(),
                   fmt::format("cluster-dns \"{}\" lies outside service-cidr: CoreDNS cannot get that service address "
                               "and pods resolve nothing",
                               *text))
              .fix("set cluster-dns to an address inside service-cidr (the tenth address by convention)");
      }
    }
    if (dual) {
      Setting ip = Rke2Node(n).node_ip();
      bool ip4 = false, ip6 = false, unknown = false;
      for (const Value& v : rke2_comma_items(ip)) {
        if (v.is_unknown()) unknown = true;
        (v.text.find(':') != std::string::npos ? ip6 : ip4) = true;
      }
      if (ip && !unknown && !(ip4 && ip6))
        r.report(ip.loc(), fmt::format("cluster-cidr is dual-stack but node-ip gives only an {} address: RKE2 refuses "
                                       "to start (\"must share the same IP version\")",
                                       ip4 ? "IPv4" : "IPv6"))
            .related(Rke2Node(n).cluster_cidr().loc(), "dual-stack cluster-cidr set here")
            .fix("give node-ip one address of each family: `node-ip: 10.0.0.5,fd00::5`");
    }
  }
}

const CheckRegistration reg{{"rke2-network-cidr", Severity::error,
                             "invalid or overlapping cluster-cidr/service-cidr, cluster-dns outside service-cidr",
                             kRke2},
                            run};

}  // namespace
}  // namespace kubegate
