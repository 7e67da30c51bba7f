#include "package_json.h"

namespace perry::resolver::detail {

void parse_package_json(std::string_view text, PackageJson& package) {
    std::string ignored;
    if (!package.document.parse(text, ignored)) {
        const JsonSyntaxError syntax = describe_syntax_error(text);
        package.error = "invalid JSON: " + syntax.what;
        package.line = syntax.line;
        package.column = syntax.column;
        return;
    }
    const JsonValue root = package.document.root();
    if (!root.is_object()) {
        package.error = "expected a JSON object at the top level";
        return;
    }
    JsonValue value = root;
    if (root.find("version", value) && value.is_string()) {
        package.version = std::string(value.str());
    }
    JsonValue perry = root;
    package.native = root.find("perry", perry) && perry.find("nativeLibrary", value);
}

std::string PackageJson::error_about(const std::string& file) const {
    if (line == 0)
        return file + ": " + error;
    return file + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " + error;
}

} // namespace perry::resolver::detail
