// A small JSON Schema validator for the keywords our own schemas use (type, enum, required,
// properties, additionalProperties, items, minimum, $ref into $defs). Test support only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kubegate::test {

/// Appends to `errors` every place where `doc` breaks `schema`; `root` resolves $ref.
inline void validate(const nlohmann::json& doc, const nlohmann::json& schema, const nlohmann::json& root,
                     const std::string& where, std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    std::string ref = schema["$ref"];
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) {
      errors.push_back(where + ": unsupported $ref " + ref);
      return;
    }
    validate(doc, root["$defs"][ref.substr(prefix.size())], root, where, errors);
    return;
  }
  if (schema.contains("type")) {
    std::string type = schema["type"];
    bool ok = (type == "object" && doc.is_object()) || (type == "array" && doc.is_array()) ||
              (type == "string" && doc.is_string()) || (type == "integer" && doc.is_number_integer()) ||
              (type == "number" && doc.is_number()) || (type == "boolean" && doc.is_boolean());
    if (!ok) {
      errors.push_back(where + ": expected " + type + ", got " + doc.dump());
      return;
    }
  }
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), doc) == schema["enum"].end())
    errors.push_back(where + ": " + doc.dump() + " is not one of " + schema["enum"].dump());
  if (schema.contains("minimum") && doc.is_number() && doc.get<double>() < schema["minimum"].get<double>())
    errors.push_back(where + ": below minimum");
  if (doc.is_object()) {
    for (const auto& r : schema.value("required", nlohmann::json::array()))
      if (!doc.contains(r.get<std::string>())) errors.push_back(where + ": missing " + r.get<std::string>());
    const auto props = schema.value("properties", nlohmann::json::object());
    for (const auto& [k, v] : doc.items()) {
      if (props.contains(k)) {
        validate(v, props[k], root, where + "." + k, errors);
      } else if (schema.value("additionalProperties", true) == false) {
        errors.push_back(where + ": unexpected property " + k);
      }
    }
  }
  if (doc.is_array() && schema.contains("items"))
    for (std::size_t i = 0; i < doc.size(); ++i)
      validate(doc[i], schema["items"], root, where + "[" + std::to_string(i) + "]", errors);
}

}  // namespace kubegate::test
