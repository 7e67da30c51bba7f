// Subpath resolution inside a package. `exports` follows node's algorithm (exact keys, then the
// longest matching `*` pattern; string, array and condition targets; targets must stay inside the
// package) with one change: a `perry` condition is taken first wherever it appears in a
// condition object, so a binding can point perry at its declarations while node keeps its JS.
#include "package_entry.h"

#include "fs_util.h"

namespace perry::resolver::detail {

namespace {

using Json = nlohmann::ordered_json;

// Conditions perry answers to after `perry`, matched in the object's own order as node does.
bool is_active_condition(const std::string& key) {
    return key == "import" || key == "require" || key == "node" || key == "default";
}

struct Target {
    std::optional<std::string> relative; // "./dist/x.js" after pattern substitution
    std::string condition;
    std::string error;
};

// A target must be "./..." with no `.`, `..` or `node_modules` segment after the first, so an
// export can never name a file outside its package.
bool valid_target(const std::string& target) {
    return target.rfind("./", 0) == 0 &&
           for_each_segment(std::string_view(target).substr(2), [](std::string_view segment) {
               return segment != "." && segment != ".." && segment != "node_modules";
           });
}

Target resolve_target(const Json& target, const std::string& pattern_match,
                      const std::string& condition) {
    if (target.is_string()) {
        std::string path = target.get<std::string>();
        if (!pattern_match.empty() || path.find('*') != std::string::npos) {
            for (size_t at = path.find('*'); at != std::string::npos;
                 at = path.find('*', at + pattern_match.size())) {
                path.replace(at, 1, pattern_match);
            }
        }
        if (!valid_target(path)) {
            return {std::nullopt, condition,
                    "invalid `exports` target \"" + target.get<std::string>() +
                        "\" (targets start with \"./\" and stay inside the package)"};
        }
        return {path, condition, ""};
    }
    if (target.is_array()) {
        Target last;
        for (const Json& fallback : target) {
            Target resolved = resolve_target(fallback, pattern_match, condition);
            if (resolved.relative) {
                return resolved;
            }
            last = std::move(resolved);
        }
        return last;
    }
    if (target.is_object()) {
        if (const auto perry = target.find("perry"); perry != target.end()) {
            Target resolved = resolve_target(*perry, pattern_match, "perry");
            if (resolved.relative || !resolved.error.empty()) {
                return resolved;
            }
        }
        for (const auto& [key, value] : target.items()) {
            if (!is_active_condition(key)) {
                continue;
            }
            Target resolved = resolve_target(value, pattern_match, key);
            if (resolved.relative || !resolved.error.empty()) {
                return resolved;
            }
        }
        return {};
    }
    return {}; // null: explicitly not exported
}

// node's PATTERN_KEY_COMPARE: the longer prefix before `*` wins, then the longer key.
bool better_pattern(const std::string& a, const std::string& b) {
    const size_t star_a = a.find('*');
    const size_t star_b = b.find('*');
    if (star_a != star_b) {
        return star_a > star_b;
    }
    return a.size() > b.size();
}

Target resolve_exports(const Json& exports, const std::string& subpath) {
    // A string, an array, or an object of conditions is shorthand for { ".": exports }.
    bool subpath_keys = false;
    if (exports.is_object() && !exports.empty()) {
        size_t dotted = 0;
        for (const auto& [key, value] : exports.items()) {
            dotted += (!key.empty() && key[0] == '.') ? 1 : 0;
        }
        if (dotted != 0 && dotted != exports.size()) {
            return {std::nullopt, "",
                    "invalid `exports`: keys mix subpaths (\"./x\") and conditions"};
        }
        subpath_keys = dotted != 0;
    }
    if (!subpath_keys) {
        return subpath == "." ? resolve_target(exports, "", "") : Target{};
    }
    if (const auto exact = exports.find(subpath);
        exact != exports.end() && exact.key().find('*') == std::string::npos) {
        return resolve_target(*exact, "", "");
    }
    const std::string* best = nullptr;
    std::string best_match;
    for (const auto& [key, value] : exports.items()) {
        const size_t star = key.find('*');
        if (star == std::string::npos || key.find('*', star + 1) != std::string::npos) {
            continue;
        }
        const std::string_view prefix(key.data(), star);
        const std::string_view suffix(key.data() + star + 1, key.size() - star - 1);
        if (subpath.size() >= key.size() && subpath.compare(0, prefix.size(), prefix) == 0 &&
            subpath.compare(subpath.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            (best == nullptr || better_pattern(key, *best))) {
            best = &key;
            best_match =
                subpath.substr(prefix.size(), subpath.size() - prefix.size() - suffix.size());
        }
    }
    if (best == nullptr) {
        return {};
    }
    return resolve_target(exports.at(*best), best_match, "");
}

// Without `exports`: the file itself, then with perry's and node's extensions, then as a directory.
std::optional<std::string> probe_file(const std::string& base,
                                      std::vector<std::string>& looked_in) {
    static const char* const kSuffixes[] = {"",     ".ts",   ".js",       ".mjs",
                                            ".cjs", ".json", "/index.ts", "/index.js"};
    for (const char* suffix : kSuffixes) {
        std::string candidate = base + suffix;
        looked_in.push_back(candidate);
        if (is_regular_file(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

} // namespace

PackageEntry resolve_package_entry(const std::string& dir, const Json& package,
                                   const std::string& subpath) {
    PackageEntry entry;
    if (const Json* exports = member(package, "exports");
        exports != nullptr && !exports->is_null()) {
        Target target = resolve_exports(*exports, subpath);
        if (!target.error.empty()) {
            entry.error = target.error;
        } else if (!target.relative) {
            entry.error = "subpath \"" + subpath + "\" is not exported by the package's `exports`";
        } else {
            entry.file = join(dir, target.relative->substr(2));
            entry.from_exports = true;
            entry.condition = target.condition;
        }
        return entry;
    }
    if (subpath != ".") {
        entry.file = probe_file(join(dir, subpath.substr(2)), entry.looked_in);
        return entry;
    }
    const Json* main = member(package, "main");
    if (main != nullptr && main->is_string() && !main->get<std::string>().empty()) {
        std::string relative = main->get<std::string>();
        if (relative.rfind("./", 0) == 0) {
            relative.erase(0, 2);
        }
        entry.file = probe_file(join(dir, relative), entry.looked_in);
        if (entry.file) {
            return entry;
        }
    }
    entry.file = probe_file(join(dir, "index"), entry.looked_in);
    return entry;
}

} // namespace perry::resolver::detail
