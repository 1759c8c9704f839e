// Kubernetes' name rules (k8s.io/apimachinery/pkg/util/validation), shared by the checks that
// judge host names, label keys and label values.
#pragma once

#include <string_view>

namespace kubegate {

/// A DNS-1123 subdomain: dot-separated lower-case labels of [a-z0-9-], each at most 63 characters
/// and alphanumeric at both ends, 253 characters in all.
bool is_dns1123_subdomain(std::string_view s);

/// A label value: at most 63 of [A-Za-z0-9_.-], alphanumeric at both ends; empty when `empty_ok`.
bool is_label_value(std::string_view s, bool empty_ok = true);

/// A qualified name (label and taint keys): [prefix/]name, the prefix a DNS-1123 subdomain, the name
/// a non-empty label value.
bool is_qualified_name(std::string_view key);

}  // namespace kubegate
