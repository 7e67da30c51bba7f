// Subpath resolution inside a package. `exports` follows node's algorithm (exact keys, then the
// longest matching `*` pattern; string, array and condition targets; targets must stay inside the
// package) with one change: a `perry` condition is taken first wherever it appears in a
// condition object, so a binding can point perry at its declarations while node keeps its JS.
#include "package_entry.h"

#include "fs_util.h"

namespace perry::resolver::detail {

namespace {

// Conditions perry answers to after `perry`, matched in the object's own order as node does; the
// index is a bit in the set of conditions already tried.
int active_condition(std::string_view key) {
    static constexpr std::string_view kActive[] = {"import", "require", "node", "default"};
    for (int i = 0; i < 4; ++i) {
        if (key == kActive[i]) {
            return i;
        }
    }
    return -1;
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

Target resolve_target(const JsonValue& target, std::string_view pattern_match,
                      std::string_view condition) {
    if (target.is_string()) {
        std::string path(target.str());
        if (!pattern_match.empty() || path.find('*') != std::string::npos) {
            for (size_t at = path.find('*'); at != std::string::npos;
                 at = path.find('*', at + pattern_match.size())) {
                path.replace(at, 1, pattern_match);
            }
        }
        if (!valid_target(path)) {
            return {std::nullopt, std::string(condition),
                    "invalid `exports` target \"" + std::string(target.str()) +
                        "\" (targets start with \"./\" and stay inside the package)"};
        }
        return {std::move(path), std::string(condition), ""};
    }
    if (target.is_array()) {
        Target last;
        for (const JsonValue fallback : target) {
            Target resolved = resolve_target(fallback, pattern_match, condition);
            if (resolved.relative) {
                return resolved;
            }
            last = std::move(resolved);
        }
        return last;
    }
    if (target.is_object()) {
        JsonValue chosen = target;
        if (target.find("perry", chosen)) {
            Target resolved = resolve_target(chosen, pattern_match, "perry");
            if (resolved.relative || !resolved.error.empty()) {
                return resolved;
            }
        }
        // A condition named twice is tried once, at its first place, with its last value: the
        // object JSON.parse (and nlohmann's ordered_json, which this replaced) builds.
        unsigned tried = 0;
        for (const JsonValue member : target) {
            const int condition_index = active_condition(member.key());
            if (condition_index < 0 || (tried & (1u << condition_index)) != 0) {
                continue;
            }
            tried |= 1u << condition_index;
            target.find(member.key(), chosen);
            Target resolved = resolve_target(chosen, pattern_match, member.key());
            if (resolved.relative || !resolved.error.empty()) {
                return resolved;
            }
        }
        return {};
    }
    return {}; // null: explicitly not exported
}

// node's PATTERN_KEY_COMPARE: the longer prefix before `*` wins, then the longer key.
bool better_pattern(std::string_view a, std::string_view b) {
    const size_t star_a = a.find('*');
    const size_t star_b = b.find('*');
    if (star_a != star_b) {
        return star_a > star_b;
    }
    return a.size() > b.size();
}

Target resolve_exports(const JsonValue& exports, const std::string& subpath) {
    // A string, an array, or an object of conditions is shorthand for { ".": exports }. A key
    // named twice counts as one everywhere below: its last value is the one found by name.
    bool subpath_keys = false;
    if (exports.is_object() && exports.size() != 0) {
        size_t dotted = 0;
        for (const JsonValue member : exports) {
            dotted += (!member.key().empty() && member.key()[0] == '.') ? 1 : 0;
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
    JsonValue value = exports;
    if (subpath.find('*') == std::string::npos && exports.find(subpath, value)) {
        return resolve_target(value, "", "");
    }
    std::string_view best;
    std::string_view best_match;
    for (const JsonValue member : exports) {
        const std::string_view key = member.key();
        const size_t star = key.find('*');
        if (star == std::string_view::npos || key.find('*', star + 1) != std::string_view::npos) {
            continue;
        }
        const std::string_view prefix = key.substr(0, star);
        const std::string_view suffix = key.substr(star + 1);
        if (subpath.size() >= key.size() && subpath.compare(0, prefix.size(), prefix) == 0 &&
            subpath.compare(subpath.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            (best.empty() || better_pattern(key, best))) {
            best = key;
            best_match = std::string_view(subpath).substr(
                prefix.size(), subpath.size() - prefix.size() - suffix.size());
        }
    }
    if (best.empty()) {
        return {};
    }
    exports.find(best, value);
    return resolve_target(value, best_match, "");
}

// Without `exports`: the file itself, then with perry's and node's extensions, then as a
// directory. The names tried are listed only when none exists: that is when they are reported.
std::optional<std::string> probe_file(const PackageFiles& files, std::string_view base,
                                      std::vector<std::string>& looked_in) {
    static constexpr std::string_view kSuffixes[] = {"",     ".ts",   ".js",       ".mjs",
                                                     ".cjs", ".json", "/index.ts", "/index.js"};
    for (const std::string_view suffix : kSuffixes) {
        if (files.is_regular_file(base, suffix)) {
            std::string found;
            found.reserve(files.dir().size() + base.size() + suffix.size() + 1);
            found.append(files.dir()).append("/").append(base).append(suffix);
            return found;
        }
    }
    const std::string absolute_base = join(files.dir(), base);
    for (const std::string_view suffix : kSuffixes) {
        looked_in.push_back(absolute_base + std::string(suffix));
    }
    return std::nullopt;
}

} // namespace

bool PackageFiles::is_regular_file(std::string_view relative, std::string_view suffix) const {
    path_.assign(dir_).append("/").append(relative).append(suffix);
    return platform::file_kind(path_) == platform::FileKind::Regular;
}

PackageEntry resolve_package_entry(const PackageFiles& files, const JsonValue& package,
                                   const std::string& subpath) {
    PackageEntry entry;
    JsonValue value = package;
    if (package.find("exports", value) && value.kind() != JsonKind::Null) {
        Target target = resolve_exports(value, subpath);
        if (!target.error.empty()) {
            entry.error = target.error;
        } else if (!target.relative) {
            entry.error = "subpath \"" + subpath + "\" is not exported by the package's `exports`";
        } else {
            const std::string_view relative = std::string_view(*target.relative).substr(2);
            entry.file = join(files.dir(), relative);
            entry.from_exports = true;
            entry.missing = !files.is_regular_file(relative);
            entry.condition = target.condition;
        }
        return entry;
    }
    if (subpath != ".") {
        entry.file = probe_file(files, std::string_view(subpath).substr(2), entry.looked_in);
        return entry;
    }
    if (package.find("main", value) && value.is_string() && !value.str().empty()) {
        std::string_view relative = value.str();
        if (relative.substr(0, 2) == "./") {
            relative.remove_prefix(2);
        }
        entry.file = probe_file(files, relative, entry.looked_in);
        if (entry.file) {
            return entry;
        }
    }
    entry.file = probe_file(files, "index", entry.looked_in);
    return entry;
}

} // namespace perry::resolver::detail
