#include "package_json.h"

#include <nlohmann/json.hpp>

namespace perry::resolver::detail {

namespace {

// Why nlohmann refuses `text`, as resolution has always reported it, or nothing when it accepts
// it. Only called for a text our reader refused, so its cost is paid only for broken files.
std::optional<std::string> nlohmann_error(std::string_view text) {
    try {
        const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);
        (void)parsed;
    } catch (const nlohmann::json::exception& e) {
        // e.what() carries the position: "[json.exception.parse_error.101] parse error at line
        // 3, column 5: ...".
        return "invalid JSON: " + std::string(e.what());
    }
    return std::nullopt;
}

bool parse(std::string_view text, JsonDocument& document, std::string& error) {
    std::size_t offset = 0;
    std::string what;
    if (document.parse(text, offset, what)) {
        return true;
    }
    error = "invalid JSON at byte " + std::to_string(offset) + ": " + what;
    return false;
}

} // namespace

void parse_package_json(std::string_view text, PackageJson& package, JsonDocument& document) {
    if (!parse(text, document, package.error)) {
        std::optional<std::string> refused = nlohmann_error(text);
        if (refused) {
            package.error = std::move(*refused);
            return;
        }
        // The two readers differ in one known place: nlohmann takes a NUL byte outside a string
        // as the end of the input and ignores what follows. Read what it read.
        const std::string_view before_nul = text.substr(0, text.find('\0'));
        if (before_nul.size() == text.size() || !parse(before_nul, document, package.error)) {
            return;
        }
        package.error.clear();
    }
    const JsonValue root = document.root();
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

void reparse_package_json(std::string_view text, JsonDocument& document) {
    std::string ignored;
    // Cannot fail: the same text (cut at a NUL byte when the first parse needed it) was read.
    if (!parse(text, document, ignored)) {
        parse(text.substr(0, text.find('\0')), document, ignored);
    }
}

} // namespace perry::resolver::detail
