#include "package_json.h"

#include "fs_util.h"

namespace perry::resolver::detail {

std::shared_ptr<const PackageJson> read_package_json(const std::string& file) {
    auto package = std::make_shared<PackageJson>();
    package->file = file;
    if (!read_file(file, package->text)) {
        package->error = "cannot read the file";
        return package;
    }
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
