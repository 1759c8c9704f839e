#include "kubegate/model/rke2.hpp"

#include <cctype>

namespace kubegate {

Rke2NodeFacts rke2_node(const Node& n) {
  Rke2NodeFacts f;
  f.server = n.vars.get("server");
  f.token = n.vars.get("token");
  f.token_file = n.vars.get("token-file");
  f.cni = n.vars.get("cni");
  f.profile = n.vars.get("profile");
  f.tls_san = n.vars.get("tls-san");
  f.disable = n.vars.get("disable");
  f.protect_kernel_defaults = n.vars.get("protect-kernel-defaults");
  f.write_kubeconfig_mode = n.vars.get("write-kubeconfig-mode");
  f.node_ip = n.vars.get("node-ip");
  f.node_external_ip = n.vars.get("node-external-ip");
  f.cluster_cidr = n.vars.get("cluster-cidr");
  f.cluster_dns = n.vars.get("cluster-dns");
  f.cloud_provider_name = n.vars.get("cloud-provider-name");
  f.cloud_provider_config = n.vars.get("cloud-provider-config");
  return f;
}

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
