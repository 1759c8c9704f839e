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
  // containerd's generator decodes the file into typed structs: a section of another type stops
  // RKE2. A templated or secret value is not judged.
  bool ok = true;
  const auto is = [](const Value& v, Value::Kind kind) { return v.kind == kind || v.is_null() || v.is_unknown(); };
  const auto scalar = [](const Value& v) { return v.kind != Value::Kind::list && v.kind != Value::Kind::map; };
  const auto wrong = [&](const Value& v, const std::string& where, const char* expected) {
    errors.push_back({path, v.loc.line, v.loc.column,
                      fmt::format("registries.yaml: {} must be {}; RKE2 cannot read this file", where, expected)});
    ok = false;
  };
  const Value none;
  const auto entries = [&](const Value& v) -> const std::vector<MapEntry>& {
    return v.kind == Value::Kind::map ? v.entries : none.entries;
  };
  for (const MapEntry& section : top.entries) {
    if (section.key == "mirrors" || section.key == "configs") {
      if (!is(section.value, Value::Kind::map)) wrong(section.value, section.key, "a mapping of registry names");
    }
    if (section.key == "mirrors") {
      for (const MapEntry& m : entries(section.value)) {
        const std::string where = fmt::format("mirrors.\"{}\"", m.key);
        if (!is(m.value, Value::Kind::map)) wrong(m.value, where, "a mapping (endpoint, rewrite)");
        RegistryMirror mirror;
        mirror.name = m.key;
        mirror.loc = m.key_loc;
        for (const MapEntry& f : entries(m.value)) {
          if (f.key == "endpoint") {
            if (f.value.kind == Value::Kind::list) {
              for (const Value& item : f.value.items)
                if (!scalar(item)) wrong(item, where + ".endpoint[]", "a URL");
              mirror.endpoints = f.value.items;
            } else if (f.value.kind == Value::Kind::map) {
              wrong(f.value, where + ".endpoint", "a list of URLs");
            } else if (!f.value.is_null()) {
              mirror.endpoints.push_back(f.value);
            }
          } else if (f.key == "rewrite") {
            if (!is(f.value, Value::Kind::map))
              wrong(f.value, where + ".rewrite", "a mapping of patterns to replacements");
          } else {
            unknown(fmt::format("mirrors.\"{}\".", m.key), f);
          }
        }
        out.mirrors.push_back(std::move(mirror));
      }
    } else if (section.key == "configs") {
      for (const MapEntry& h : entries(section.value)) {
        const std::string where = fmt::format("configs.\"{}\"", h.key);
        if (!is(h.value, Value::Kind::map)) wrong(h.value, where, "a mapping (auth, tls)");
        RegistryConfig rc;
        rc.host = h.key;
        rc.loc = h.key_loc;
        for (const MapEntry& f : entries(h.value)) {
          if (f.key == "auth") {
            if (!is(f.value, Value::Kind::map)) wrong(f.value, where + ".auth", "a mapping (username, password, ...)");
            rc.auth = f.key_loc;
            for (const MapEntry& a : entries(f.value)) {
              if (a.key != "username" && a.key != "password" && a.key != "auth" && a.key != "identitytoken")
                unknown(fmt::format("configs.\"{}\".auth.", h.key), a);
              rc.auth_fields.push_back(a);
            }
          } else if (f.key == "tls") {
            if (!is(f.value, Value::Kind::map)) wrong(f.value, where + ".tls", "a mapping (ca_file, cert_file, ...)");
            rc.tls = f.key_loc;
            for (const MapEntry& t : entries(f.value)) {
              if (!scalar(t.value)) wrong(t.value, fmt::format("{}.tls.{}", where, t.key), "a single value");
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
    } else {
      unknown("", section);
    }
  }
  return ok;
}

}  // namespace kubegate
