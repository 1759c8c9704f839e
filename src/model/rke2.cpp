#include "kubegate/model/rke2.hpp"

#include <cctype>

namespace kubegate {

Setting Rke2Node::server() const { return vars_.get("server"); }
Setting Rke2Node::token() const { return vars_.get("token"); }
Setting Rke2Node::token_file() const { return vars_.get("token-file"); }
Setting Rke2Node::cni() const { return vars_.get("cni"); }
Setting Rke2Node::profile() const { return vars_.get("profile"); }
Setting Rke2Node::tls_san() const { return vars_.get("tls-san"); }
Setting Rke2Node::node_label() const { return vars_.get("node-label"); }
Setting Rke2Node::node_taint() const { return vars_.get("node-taint"); }
Setting Rke2Node::disable() const { return vars_.get("disable"); }
Setting Rke2Node::protect_kernel_defaults() const { return vars_.get("protect-kernel-defaults"); }
Setting Rke2Node::write_kubeconfig_mode() const { return vars_.get("write-kubeconfig-mode"); }
Setting Rke2Node::node_ip() const { return vars_.get("node-ip"); }
Setting Rke2Node::node_external_ip() const { return vars_.get("node-external-ip"); }
Setting Rke2Node::cluster_cidr() const { return vars_.get("cluster-cidr"); }
Setting Rke2Node::cluster_dns() const { return vars_.get("cluster-dns"); }
Setting Rke2Node::cloud_provider_name() const { return vars_.get("cloud-provider-name"); }
Setting Rke2Node::cloud_provider_config() const { return vars_.get("cloud-provider-config"); }
Setting Rke2Node::datastore_endpoint() const { return vars_.get("datastore-endpoint"); }
Setting Rke2Node::disable_etcd() const { return vars_.get("disable-etcd"); }
Setting Rke2Node::ingress_controller() const { return vars_.get("ingress-controller"); }
Setting Rke2Node::system_default_registry() const { return vars_.get("system-default-registry"); }

std::vector<Value> rke2_items(const Setting& s) {
  if (!s) return {};
  if (s.value.kind == Value::Kind::list) return s.value.items;
  if (s.value.is_null()) return {};
  Value v = s.value;
  if (!v.loc.known()) v.loc = s.loc();
  return {v};
}

std::vector<Value> rke2_comma_items(const Setting& s) {
  std::vector<Value> out;
  for (const Value& item : rke2_items(s)) {
    if (item.is_unknown() || item.kind == Value::Kind::list || item.kind == Value::Kind::map) {
      out.push_back(item);
      continue;
    }
    std::size_t pos = 0;
    const std::string& text = item.text;
    while (pos <= text.size()) {
      std::size_t comma = text.find(',', pos);
      std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      std::size_t lead = part.find_first_not_of(' ');
      if (lead != std::string::npos) {
        part = part.substr(lead, part.find_last_not_of(' ') - lead + 1);
        SourceLoc at = item.loc;
        if (at.known()) at.column += static_cast<std::uint32_t>(pos + lead + (item.quoted ? 1 : 0));
        out.push_back(Value::make_string(part, at, item.quoted));
      }
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  return out;
}

bool is_windows_path(std::string_view text) {
  return text.size() >= 3 && std::isalpha(static_cast<unsigned char>(text[0])) && text[1] == ':' &&
         (text[2] == '\\' || text[2] == '/');
}

}  // namespace kubegate
