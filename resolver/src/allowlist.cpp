#include "perry/resolver/allowlist.h"

#include "fs_util.h"

#include <nlohmann/json.hpp>

namespace perry::resolver {

using detail::join;

std::string AllowlistError::describe() const {
    return file + ": " + (pointer.empty() ? "" : pointer + ": ") + message;
}

namespace {

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

std::optional<Allowlist> Allowlist::parse(std::string_view text, const std::string& file,
                                          std::vector<AllowlistError>& errors) {
    const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        errors.push_back({file, "", "not a JSON object; the host package.json must parse"});
        return std::nullopt;
    }
    const auto perry = json.find("perry");
    if (perry == json.end() || !perry->is_object()) {
        return std::nullopt;
    }
    const auto allow = perry->find("allow");
    if (allow == perry->end()) {
        return std::nullopt;
    }
    if (!allow->is_object()) {
        errors.push_back(
            {file, "/perry/allow", "expected an object like {\"nativeLibrary\": [...]}"});
        return std::nullopt;
    }
    const auto list = allow->find("nativeLibrary");
    if (list == allow->end()) {
        return std::nullopt;
    }
    if (!list->is_array()) {
        errors.push_back({file, "/perry/allow/nativeLibrary",
                          "expected an array of package names, \"@scope/*\" or \"*\""});
        return std::nullopt;
    }
    Allowlist allowlist;
    allowlist.file_ = file;
    const size_t errors_before = errors.size();
    for (size_t i = 0; i < list->size(); ++i) {
        const nlohmann::json& item = (*list)[i];
        const std::string pointer = "/perry/allow/nativeLibrary/" + std::to_string(i);
        if (!item.is_string() || !valid_pattern(item.get<std::string>())) {
            errors.push_back(
                {file, pointer,
                 "expected a package name, \"@scope/*\" or \"*\", found " + item.dump()});
            continue;
        }
        allowlist.patterns_.push_back(item.get<std::string>());
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
        errors.push_back({file, "", "cannot read the host package.json"});
        return std::nullopt;
    }
    return parse(text, file, errors);
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
    nlohmann::json names = patterns_;
    names.push_back(package);
    return nlohmann::json{{"allow", {{"nativeLibrary", names}}}}.dump();
}

std::optional<std::string> find_host_package_json(const std::string& from_dir) {
    for (std::string dir = from_dir;; dir = std::string(detail::parent_dir(dir))) {
        if (dir.find("/node_modules/") == std::string::npos &&
            detail::base_name(dir) != "node_modules") {
            std::string candidate = join(dir, "package.json");
            if (detail::is_regular_file(candidate)) {
                return candidate;
            }
        }
        if (dir == "/") {
            return std::nullopt;
        }
    }
}

} // namespace perry::resolver
