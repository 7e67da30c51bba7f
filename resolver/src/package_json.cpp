#include "package_json.h"

namespace perry::resolver::detail {

std::shared_ptr<const PackageJson> parse_package_json(const std::string& file, std::string text) {
    auto package = std::make_shared<PackageJson>();
    package->file = file;
    package->text = std::move(text);
    try {
        package->json = nlohmann::ordered_json::parse(package->text);
    } catch (const nlohmann::json::parse_error& e) {
        // e.what() carries the byte position: "[json.exception.parse_error.101] parse error at
        // line 3, column 5: ...".
        package->error = "invalid JSON: " + std::string(e.what());
        package->json = nullptr;
        return package;
    }
    if (!package->json.is_object()) {
        package->error = "expected a JSON object at the top level";
        package->json = nullptr;
    }
    return package;
}

const nlohmann::ordered_json* member(const nlohmann::ordered_json& object, const char* key) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

} // namespace perry::resolver::detail
