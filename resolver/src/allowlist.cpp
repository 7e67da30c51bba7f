#include "perry/resolver/allowlist.h"

#include "fs_util.h"
#include "json_document.h"

#include "perry/resolver/diagnostic.h"

#include <cerrno>

namespace perry::resolver {

using detail::join;

std::string AllowlistError::describe() const {
    if (line > 0) {
        return printable(file + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " +
                         message);
    }
    return printable(file + ": " + (pointer.empty() ? "" : pointer + ": ") + message);
}

namespace {

// A value as a message quotes it: `"a*"`, `3`, `true`, `an array`.
std::string quoted(const detail::JsonValue& value) {
    switch (value.kind()) {
    case detail::JsonKind::Null:
        return "null";
    case detail::JsonKind::True:
        return "true";
    case detail::JsonKind::False:
        return "false";
    case detail::JsonKind::Number:
        return std::string(value.str());
    case detail::JsonKind::String:
        return detail::json_quote(value.str());
    case detail::JsonKind::Array:
        return "an array";
    case detail::JsonKind::Object:
        return "an object";
    }
    return "a value";
}

bool valid_pattern(const std::string& pattern) {
    if (pattern == "*") {
        return true;
    }
    if (pattern.empty() || pattern.find('*') != std::string::npos) {
        // The only wildcard forms are `*` and a whole scope, `@scope/*`.
        return pattern.size() > 3 && pattern[0] == '@' &&
               pattern.compare(pattern.size() - 2, 2, "/*") == 0 &&
               pattern.find('*') == pattern.size() - 1 && pattern.find('/') == pattern.size() - 2;
    }
    return true;
}

} // namespace

namespace {
constexpr std::string_view kListFix =
    "write perry.allow.nativeLibrary as an array of package names, \"@scope/*\" or \"*\"";
} // namespace

std::optional<Allowlist> Allowlist::parse(std::string_view text, const std::string& file,
                                          std::vector<AllowlistError>& errors) {
    detail::JsonDocument document;
    std::string ignored;
    if (!document.parse(text, ignored)) {
        const detail::JsonSyntaxError syntax = detail::describe_syntax_error(text);
        AllowlistError error{file, "", "invalid JSON: " + syntax.what,
                             "correct the JSON syntax at that position"};
        error.line = syntax.line;
        error.column = syntax.column;
        errors.push_back(std::move(error));
        return std::nullopt;
    }
    const detail::JsonValue root = document.root();
    if (!root.is_object()) {
        errors.push_back({file, "", "expected a JSON object at the top level",
                          "the host package.json must be one JSON object"});
        return std::nullopt;
    }
    detail::JsonValue perry = root, allow = root, list = root;
    if (!root.find("perry", perry) || !perry.is_object() || !perry.find("allow", allow)) {
        return std::nullopt;
    }
    if (!allow.is_object()) {
        errors.push_back({file, "/perry/allow",
                          "expected an object like {\"nativeLibrary\": [...]}",
                          std::string(kListFix)});
        return std::nullopt;
    }
    if (!allow.find("nativeLibrary", list)) {
        return std::nullopt;
    }
    if (!list.is_array()) {
        errors.push_back({file, "/perry/allow/nativeLibrary",
                          "expected an array of package names, \"@scope/*\" or \"*\"",
                          std::string(kListFix)});
        return std::nullopt;
    }
    Allowlist allowlist;
    allowlist.file_ = file;
    const size_t errors_before = errors.size();
    size_t i = 0;
    for (detail::JsonValue item : list) {
        const std::string pointer = "/perry/allow/nativeLibrary/" + std::to_string(i++);
        if (!item.is_string() || !valid_pattern(std::string(item.str()))) {
            errors.push_back(
                {file, pointer,
                 "expected a package name, \"@scope/*\" or \"*\", found " + quoted(item),
                 std::string(kListFix)});
            continue;
        }
        allowlist.patterns_.emplace_back(item.str());
    }
    if (errors.size() != errors_before) {
        return std::nullopt;
    }
    return allowlist;
}

std::optional<Allowlist> Allowlist::from_host_package_json(const std::string& file,
                                                           std::vector<AllowlistError>& errors) {
    std::string text;
    if (!detail::read_file(file, text)) {
        errors.push_back(
            {file, "", "cannot read the host package.json: " + detail::describe_read_error(errno),
             "make it a readable JSON file, or remove it"});
        return std::nullopt;
    }
    return parse(text, file, errors);
}

HostAllowlist load_host_allowlist(const std::string& from_dir) {
    HostAllowlist host;
    host.file = find_host_package_json(from_dir);
    if (host.file) {
        host.allowlist = Allowlist::from_host_package_json(*host.file, host.errors);
    }
    return host;
}

bool Allowlist::allows(std::string_view package) const {
    for (const std::string& pattern : patterns_) {
        if (pattern == "*" || pattern == package) {
            return true;
        }
        if (pattern.back() == '*' && package.size() > pattern.size() - 1 &&
            package.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0) {
            return true; // "@scope/*" covers every "@scope/<name>"
        }
    }
    return false;
}

std::string Allowlist::json_to_allow(std::string_view package) const {
    std::string out = "{\"allow\":{\"nativeLibrary\":[";
    for (const std::string& pattern : patterns_) {
        detail::append_json_quoted(out, pattern);
        out += ',';
    }
    detail::append_json_quoted(out, package);
    return out + "]}}";
}

std::optional<std::string> find_host_package_json(const std::string& from_dir) {
    for (std::string dir = from_dir;; dir = std::string(detail::parent_dir(dir))) {
        if (dir.find("/node_modules/") == std::string::npos &&
            detail::base_name(dir) != "node_modules") {
            std::string candidate = join(dir, "package.json");
            if (platform::file_kind(candidate) != platform::FileKind::Missing) {
                return candidate;
            }
        }
        if (dir == "/") {
            return std::nullopt;
        }
    }
}

} // namespace perry::resolver
