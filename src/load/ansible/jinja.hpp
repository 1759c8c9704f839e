// A deliberately small, side-effect-free reading of Ansible's Jinja templates.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "kubegate/value.hpp"

namespace kubegate::jinja {

/// Looks a variable up; nullopt when it is undefined.
using Lookup = std::function<std::optional<Value>(std::string_view name)>;

/// True when the text holds a template (`{{`, `{%` or `{#`).
bool is_template(std::string_view text);

/// Renders `text` without executing anything: plain references and the filters default/d,
/// bool, int, string, lower, upper and trim are followed; everything else (operators,
/// tests, lookups, statements) yields Kind::unknown. A text that is one expression keeps the
/// type of its result, as Ansible does.
Value render(std::string_view text, SourceLoc loc, const Lookup& lookup);

}  // namespace kubegate::jinja
