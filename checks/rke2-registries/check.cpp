// registries.yaml is read leniently: misspelled fields are ignored, a `configs` entry keyed by a
// name no mirror endpoint uses never applies, an endpoint without a scheme is https, and
// insecure_skip_verify beside a CA makes the CA moot. Doc: check.md
// Upstream: rancher/rke2#9439, #5658; k3s-io/k3s#13215, #9983
#include <set>

#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "kubegate/model/rke2.hpp"

namespace kubegate {
namespace {

/// host[:port] of an endpoint URL (the key `configs` must use).
std::string endpoint_host(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url = url.substr(scheme + 3);
  return std::string(url.substr(0, url.find('/')));
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const Registries& reg : c.registries) {
    for (const MapEntry& k : reg.unknown_keys) {
      std::string hint;
      std::string_view last = std::string_view(k.key).substr(k.key.rfind('.') + 1);
      if (last == "endpoints" || last == "mirror") hint = "; did you mean \"endpoint\"?";
      if (last == "insecure-skip-verify") hint = "; did you mean \"insecure_skip_verify\"?";
      if (last == "ca" || last == "cafile" || last == "ca-file") hint = "; did you mean \"ca_file\"?";
      if (last == "token") hint = "; did you mean \"identitytoken\"?";
      r.report(k.key_loc, Severity::warning,
               fmt::format("registries.yaml key \"{}\" is not one RKE2 reads; it is ignored{}", k.key, hint))
          .fix("use the fields of the registries.yaml reference (endpoint, rewrite; auth.username, password, auth, "
               "identitytoken; tls.ca_file, cert_file, key_file, insecure_skip_verify)");
    }
    std::set<std::string> hosts;
    bool templated = false;  // a `{{ ... }}` endpoint or name: the hosts cannot be told
    for (const RegistryMirror& m : reg.mirrors) {
      if (m.name.find("{{") != std::string::npos) templated = true;
      if (m.endpoints.empty()) hosts.insert(m.name);  // the registry itself is the endpoint
      for (const Value& e : m.endpoints) {
        if (e.is_unknown()) templated = true;
        if (e.is_unknown() || e.kind != Value::Kind::string) continue;
        hosts.insert(endpoint_host(e.text));
        if (e.text.find("://") == std::string::npos)
          r.report(e.loc, Severity::warning,
                   fmt::format("mirror endpoint \"{}\" has no scheme: containerd uses https://{}", e.text, e.text))
              .fix(fmt::format("write the scheme: \"https://{}\" (or \"http://{}\" for a plain-HTTP registry)", e.text,
                               e.text));
      }
    }
    for (const RegistryConfig& rc : reg.configs) {
      if (rc.host != "*" && !reg.mirrors.empty() && !templated && rc.host.find("{{") == std::string::npos &&
          !hosts.count(rc.host)) {
        std::string endpoints;
        for (const std::string& h : hosts) endpoints += (endpoints.empty() ? "" : ", ") + h;
        r.report(rc.loc, Severity::warning,
                 fmt::format("configs entry \"{}\" matches no mirror and no mirror endpoint host ({}): its auth and "
                             "tls apply only to pulls straight from \"{}\"",
                             rc.host, endpoints, rc.host))
            .fix("key configs by the host[:port] of the endpoint containerd contacts, exactly as in the endpoint URL");
      }
      if (rc.insecure_skip_verify.kind == Value::Kind::boolean && rc.insecure_skip_verify.boolean &&
          rc.ca_file.kind == Value::Kind::string)
        r.report(rc.insecure_skip_verify.loc, Severity::warning,
                 fmt::format("registry \"{}\" sets insecure_skip_verify together with ca_file: certificates are not "
                             "verified, the CA is never used",
                             rc.host))
            .related(rc.ca_file.loc, "ca_file set here")
            .fix("remove insecure_skip_verify and keep ca_file");
    }
  }
}

const CheckRegistration reg{{"rke2-registries", Severity::warning,
                             "registries.yaml fields, keys and endpoints RKE2 ignores or reads otherwise", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
