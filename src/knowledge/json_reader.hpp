// Knowledge documents are JSON, read into nlohmann's DOM by RapidJSON's reader. A lint reads
// 150 KB of documents (the release defaults and the release index) before its first check:
// nlohmann's parser spends about 90 instructions a byte on them (its lexer two thirds), RapidJSON's
// reader feeding the same DOM about 40.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace kubegate {

/// The JSON document `text`, as nlohmann::json::parse would build it: the last of duplicated keys
/// wins, integers are unsigned unless negative. Throws nlohmann::json::parse_error on malformed
/// text. UTF-8 is not validated: the documents are kubegate's own, and a test reads every one
/// with nlohmann's parser, which validates, and compares.
nlohmann::json read_json(std::string_view text);

}  // namespace kubegate
