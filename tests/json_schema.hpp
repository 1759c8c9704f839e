// A small JSON Schema validator for the keywords our own schemas and the SARIF 2.1.0 schema use
// (type, enum, required, properties, additionalProperties, items, minimum, minItems, pattern,
// anyOf, oneOf, $ref into $defs or definitions); format and uniqueItems are not checked. Test
// support only.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kubegate::test {

/// Appends to `errors` every place where `doc` breaks `schema`; `root` resolves $ref.
inline void validate(const nlohmann::json& doc, const nlohmann::json& schema, const nlohmann::json& root,
                     const std::string& where, std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    std::string ref = schema["$ref"];
    for (const std::string section : {"$defs", "definitions"})
      if (ref.rfind("#/" + section + "/", 0) == 0)
        return validate(doc, root[section][ref.substr(section.size() + 3)], root, where, errors);
    errors.push_back(where + ": unsupported $ref " + ref);
    return;
  }
  for (const char* choice : {"anyOf", "oneOf"}) {
    if (!schema.contains(choice)) continue;
    int matching = 0;
    for (const auto& option : schema[choice]) {
      std::vector<std::string> tried;
      validate(doc, option, root, where, tried);
      matching += tried.empty();
    }
    if (matching == 0 || (std::string(choice) == "oneOf" && matching > 1))
      errors.push_back(where + ": matches " + std::to_string(matching) + " of the " + choice + " schemas");
  }
  if (schema.contains("type") && schema["type"].is_string()) {
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
  if (schema.contains("minItems") && doc.is_array() && doc.size() < schema["minItems"].get<std::size_t>())
    errors.push_back(where + ": fewer items than " + schema["minItems"].dump());
  if (schema.contains("pattern") && doc.is_string() &&
      !std::regex_search(doc.get<std::string>(), std::regex(schema["pattern"].get<std::string>())))
    errors.push_back(where + ": " + doc.dump() + " does not match " + schema["pattern"].dump());
  if (doc.is_object()) {
    for (const auto& r : schema.value("required", nlohmann::json::array()))
      if (!doc.contains(r.get<std::string>())) errors.push_back(where + ": missing " + r.get<std::string>());
    const auto props = schema.value("properties", nlohmann::json::object());
    for (const auto& [k, v] : doc.items()) {
      if (props.contains(k)) {
        validate(v, props[k], root, where + "." + k, errors);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
        validate(v, schema["additionalProperties"], root, where + "." + k, errors);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        errors.push_back(where + ": unexpected property " + k);
      }
    }
  }
  if (doc.is_array() && schema.contains("items"))
    for (std::size_t i = 0; i < doc.size(); ++i)
      validate(doc[i], schema["items"], root, where + "[" + std::to_string(i) + "]", errors);
}

}  // namespace kubegate::test
