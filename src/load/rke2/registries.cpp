// registries.yaml as containerd's configuration generator reads it (mirrors, configs).
#include "load/rke2/loader.hpp"

#include <fmt/format.h>

#include "load/common/files.hpp"
#include "load/common/secrets.hpp"
#include "load/common/yaml.hpp"

namespace kubegate {

bool load_registries(SourceManager& sources, const SecretPolicy& secrets, const std::string& path, Registries& out,
                     std::vector<LoadError>& errors) {
  std::string text;
  if (!read_file(path, text)) {
    errors.push_back({path, 0, 0, read_failure(path)});
    return false;
  }
  std::uint32_t file = sources.add(path, std::move(text));
  out.loc = {file, 1, 1};
  Value top;
  if (!parse_yaml(sources, file, top, errors)) return false;
  if (top.is_null()) return true;
  if (top.kind != Value::Kind::map) {
    errors.push_back({path, top.loc.line, top.loc.column, "registries.yaml must be a mapping with mirrors and configs"});
    return false;
  }
  hide_secrets(sources, secrets, "", top);
  mark_templates(top);  // an Ansible template's `{{ ... }}` is not judged
  auto unknown = [&](const std::string& path_to, const MapEntry& e) {
    out.unknown_keys.push_back({path_to + e.key, e.key_loc, Value{}});
  };
  for (const MapEntry& section : top.entries) {
    if (section.key == "mirrors" && section.value.kind == Value::Kind::map) {
      for (const MapEntry& m : section.value.entries) {
        RegistryMirror mirror;
        mirror.name = m.key;
        mirror.loc = m.key_loc;
        for (const MapEntry& f : m.value.entries) {
          if (f.key == "endpoint") {
            if (f.value.kind == Value::Kind::list) {
              mirror.endpoints = f.value.items;
            } else if (!f.value.is_null()) {
              mirror.endpoints.push_back(f.value);
            }
          } else if (f.key != "rewrite") {
            unknown(fmt::format("mirrors.\"{}\".", m.key), f);
          }
        }
        out.mirrors.push_back(std::move(mirror));
      }
    } else if (section.key == "configs" && section.value.kind == Value::Kind::map) {
      for (const MapEntry& h : section.value.entries) {
        RegistryConfig rc;
        rc.host = h.key;
        rc.loc = h.key_loc;
        for (const MapEntry& f : h.value.entries) {
          if (f.key == "auth") {
            rc.auth = f.key_loc;
            for (const MapEntry& a : f.value.entries) {
              if (a.key != "username" && a.key != "password" && a.key != "auth" && a.key != "identitytoken")
                unknown(fmt::format("configs.\"{}\".auth.", h.key), a);
              rc.auth_fields.push_back(a);
            }
          } else if (f.key == "tls") {
            rc.tls = f.key_loc;
            for (const MapEntry& t : f.value.entries) {
              if (t.key == "ca_file") {
                rc.ca_file = t.value;
              } else if (t.key == "cert_file") {
                rc.cert_file = t.value;
              } else if (t.key == "key_file") {
                rc.key_file = t.value;
              } else if (t.key == "insecure_skip_verify") {
                rc.insecure_skip_verify = t.value;
              } else {
                unknown(fmt::format("configs.\"{}\".tls.", h.key), t);
              }
            }
          } else {
            unknown(fmt::format("configs.\"{}\".", h.key), f);
          }
        }
        out.configs.push_back(std::move(rc));
      }
    } else if (section.key != "mirrors" && section.key != "configs") {
      unknown("", section);
    }
  }
  return true;
}

}  // namespace kubegate
