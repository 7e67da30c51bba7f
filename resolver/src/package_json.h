// Internal: a package's package.json, parsed once per resolver (the JSON type stays out of the
// public headers). Key order is kept because `exports` conditions are matched in object order.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace perry::resolver::detail {

struct PackageJson {
    std::string file;            // the package.json path it was read from
    std::string text;            // the raw text, for the manifest parser
    nlohmann::ordered_json json; // an object when `error` is empty
    std::string error;           // why it could not be read or parsed; empty when fine
};

// Parses package.json text already read (the walk reads it while checking that it exists).
std::shared_ptr<const PackageJson> parse_package_json(const std::string& file, std::string text);

// The member `key` of a JSON object, or nullptr when absent or not an object (never throws).
const nlohmann::ordered_json* member(const nlohmann::ordered_json& object, const char* key);

} // namespace perry::resolver::detail
