// Parsing of well_known_bindings.toml. The table is ours, so it is read strictly: an unknown key,
// a wrong type or a dangling alias is an error naming the file, the line and the key, rather than
// an entry that silently half-works.
#include "perry/resolver/well_known.h"

#include "perry/resolver/diagnostic.h"

#include "fs_util.h"
#include "toml_guard.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>

namespace perry::resolver {

std::string WellKnownError::describe() const {
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
    }
    if (column > 0) {
        out += ':' + std::to_string(column);
    }
    out += ": ";
    if (!key.empty()) {
        out += key + ": ";
    }
    // Keys and values come from the file: printed escaped, like manifest text.
    return printable(out + message);
}

namespace {

// Keys of `[bindings.<name>]` and of its `upstream` sub-table (provenance of a port).
constexpr std::string_view kStringKeys[] = {"crate",    "lib",    "tracking",
                                            "alias-of", "compat", "source"};
constexpr std::string_view kUpstreamKeys[] = {"version", "sha256",    "repo",
                                              "ref",     "ported-at", "date"};

int line_of(const toml::node& node) {
    return static_cast<int>(node.source().begin.line);
}

// TOML keys are quoted when they are not bare keys ("mysql2/promise", "@scope/pkg").
std::string dotted(std::string_view parent, std::string_view key) {
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
    std::string out(parent);
    out += '.';
    if (bare) {
        out += key;
    } else {
        out += '"';
        out += key;
        out += '"';
    }
    return out;
}

class TableReader {
  public:
    TableReader(std::string file, std::vector<WellKnownError>& errors)
        : file_(std::move(file)), errors_(errors) {}

    void error(int line, std::string key, std::string message) {
        errors_.push_back({file_, line, 0, std::move(key), std::move(message)});
    }

    std::vector<WellKnownBinding> read(const toml::table& root) {
        std::vector<WellKnownBinding> entries;
        for (auto&& [key, node] : root) {
            if (key.str() != "bindings") {
                error(line_of(node), std::string(key.str()),
                      "unknown top-level key (only [bindings.<npm-name>] tables are allowed)");
            }
        }
        const toml::node* bindings = root.get("bindings");
        if (bindings == nullptr) {
            return entries;
        }
        const toml::table* table = bindings->as_table();
        if (table == nullptr) {
            error(line_of(*bindings), "bindings", "expected a table of [bindings.<npm-name>]");
            return entries;
        }
        for (auto&& [key, node] : *table) {
            const std::string where = dotted("bindings", key.str());
            const toml::table* entry = node.as_table();
            if (entry == nullptr) {
                error(line_of(node), where, "expected a table ([" + where + "])");
                continue;
            }
            entries.push_back(read_entry(std::string(key.str()), where, *entry));
        }
        check_aliases(entries);
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        return entries;
    }

  private:
    WellKnownBinding read_entry(std::string name, const std::string& where,
                                const toml::table& entry) {
        WellKnownBinding binding;
        binding.name = std::move(name);
        binding.line = line_of(entry);
        binding.compat = "partial";
        bool lib_refused = false; // reported once: not again as missing
        if (binding.name.empty()) {
            error(binding.line, where, "the npm name may not be empty");
        }
        for (auto&& [key, node] : entry) {
            const std::string key_path = dotted(where, key.str());
            const std::string_view k = key.str();
            if (k == "upstream") {
                read_upstream(key_path, node);
            } else if (k == "node-builtin") {
                if (const auto value = node.value<bool>(); node.is_boolean() && value) {
                    binding.node_builtin = *value;
                } else {
                    error(line_of(node), key_path, "expected true or false");
                }
            } else if (std::find(std::begin(kStringKeys), std::end(kStringKeys), k) !=
                       std::end(kStringKeys)) {
                const std::string* value = string_value(key_path, node);
                if (value == nullptr) {
                    continue;
                }
                if (k == "crate") {
                    binding.crate = *value;
                } else if (k == "lib") {
                    if (*value == "." || *value == ".." ||
                        value->find_first_of("/\\") != std::string::npos) {
                        error(line_of(node), key_path,
                              "expected a library stem such as \"perry_ext_x\", found the path \"" +
                                  *value + "\"");
                        lib_refused = true;
                        continue;
                    }
                    binding.lib = *value;
                } else if (k == "source") {
                    // A folder beside the table, never one outside it: the table is trusted as
                    // perry's own data, the folder it names is built like any package.
                    const std::filesystem::path source(*value);
                    const bool escapes =
                        source.is_absolute() ||
                        std::any_of(source.begin(), source.end(),
                                    [](const std::filesystem::path& part) { return part == ".."; });
                    if (escapes) {
                        error(line_of(node), key_path,
                              "expected a folder relative to the table's directory, found \"" +
                                  *value + "\"");
                        continue;
                    }
                    binding.source = *value;
                } else if (k == "tracking") {
                    binding.tracking = *value;
                } else if (k == "alias-of") {
                    binding.alias_of = *value;
                } else if (*value == "full" || *value == "partial") {
                    binding.compat = *value;
                } else {
                    error(line_of(node), key_path,
                          "expected \"full\" or \"partial\", found \"" + *value + "\"");
                }
            } else {
                error(line_of(node), key_path,
                      "unknown key (known: crate, lib, source, tracking, alias-of, compat, "
                      "node-builtin, upstream)");
            }
        }
        for (const auto& [required, value] :
             {std::pair{"crate", &binding.crate}, std::pair{"lib", &binding.lib}}) {
            if (value->empty() && !(lib_refused && value == &binding.lib)) {
                error(binding.line, dotted(where, required),
                      "missing (every entry names its crate and its library stem)");
            }
        }
        return binding;
    }

    const std::string* string_value(const std::string& key_path, const toml::node& node) {
        const auto* value = node.as_string();
        if (value == nullptr || value->get().empty()) {
            error(line_of(node), key_path, "expected a non-empty string");
            return nullptr;
        }
        return &value->get();
    }

    void read_upstream(const std::string& key_path, const toml::node& node) {
        const toml::table* upstream = node.as_table();
        if (upstream == nullptr) {
            error(line_of(node), key_path, "expected a table ([" + key_path + "])");
            return;
        }
        for (auto&& [key, value] : *upstream) {
            const std::string path = dotted(key_path, key.str());
            if (std::find(std::begin(kUpstreamKeys), std::end(kUpstreamKeys), key.str()) ==
                std::end(kUpstreamKeys)) {
                error(line_of(value), path,
                      "unknown key (known: version, sha256, repo, ref, ported-at, date)");
            } else {
                string_value(path, value);
            }
        }
    }

    // An alias names an entry that is not itself an alias, so lookups never chase chains.
    void check_aliases(const std::vector<WellKnownBinding>& entries) {
        for (const WellKnownBinding& entry : entries) {
            if (entry.alias_of.empty()) {
                continue;
            }
            const std::string key = dotted(dotted("bindings", entry.name), "alias-of");
            const auto target =
                std::find_if(entries.begin(), entries.end(),
                             [&](const WellKnownBinding& e) { return e.name == entry.alias_of; });
            if (entry.name == entry.alias_of) {
                error(entry.line, key, "an entry cannot be an alias of itself");
            } else if (target == entries.end()) {
                error(entry.line, key, "names \"" + entry.alias_of + "\", which has no entry");
            } else if (!target->alias_of.empty()) {
                error(entry.line, key,
                      "names \"" + entry.alias_of + "\", which is itself an alias (of \"" +
                          target->alias_of + "\"); point at \"" + target->alias_of + "\"");
            }
        }
    }

    std::string file_;
    std::vector<WellKnownError>& errors_;
};

} // namespace

WellKnownTable WellKnownTable::parse(std::string_view text, const std::string& file,
                                     std::vector<WellKnownError>& errors) {
    WellKnownTable table;
    table.file_ = file;
    if (const auto hazard = detail::find_toml_hazard(text)) {
        errors.push_back({file, hazard->line, hazard->column, "", hazard->message});
        return table;
    }
    toml::table root;
    try {
        if (const auto masked = detail::mask_toml_hazards(text)) {
            (void)toml::parse(*masked, file); // throws on the same syntax errors, safely
        }
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        errors.push_back({file, static_cast<int>(e.source().begin.line),
                          static_cast<int>(e.source().begin.column), "",
                          std::string(e.description())});
        return table;
    }
    const size_t errors_before = errors.size();
    std::vector<WellKnownBinding> entries = TableReader(file, errors).read(root);
    if (errors.size() == errors_before) {
        table.entries_ = std::move(entries);
    }
    // toml++ iterates tables in key order; report in the order of the file instead.
    std::stable_sort(
        errors.begin() + static_cast<std::ptrdiff_t>(errors_before), errors.end(),
        [](const WellKnownError& a, const WellKnownError& b) { return a.line < b.line; });
    return table;
}

WellKnownTable WellKnownTable::load(const std::filesystem::path& file,
                                    std::vector<WellKnownError>& errors) {
    std::string text;
    if (!detail::read_file(file.string(), text)) {
        WellKnownTable table;
        table.file_ = file.string();
        errors.push_back(
            {file.string(), 0, 0, "",
             "cannot read the well-known table: " + detail::describe_read_error(errno)});
        return table;
    }
    return parse(text, file.string(), errors);
}

const WellKnownBinding* WellKnownTable::find(std::string_view specifier) const {
    const auto it = std::lower_bound(
        entries_.begin(), entries_.end(), specifier,
        [](const WellKnownBinding& entry, std::string_view name) { return entry.name < name; });
    return it != entries_.end() && it->name == specifier ? &*it : nullptr;
}

WellKnownLocation locate_well_known_table(const std::optional<std::filesystem::path>& explicit_path,
                                          const std::filesystem::path& executable) {
    namespace fs = std::filesystem;
    if (explicit_path) {
        return {*explicit_path, "--well-known"};
    }
    if (const char* env = std::getenv("PERRY_WELL_KNOWN"); env != nullptr && *env != '\0') {
        return {fs::path(env), "PERRY_WELL_KNOWN"};
    }
    std::error_code ec;
    if (!executable.empty()) {
        const fs::path installed =
            executable.parent_path().parent_path() / "share" / "perry" / "well_known_bindings.toml";
        if (fs::is_regular_file(installed, ec)) {
            return {installed, "installed"};
        }
    }
#ifdef PERRY_WELL_KNOWN_SOURCE
    return {fs::path(PERRY_WELL_KNOWN_SOURCE), "source tree"};
#else
    return {executable.parent_path().parent_path() / "share" / "perry" / "well_known_bindings.toml",
            "installed"};
#endif
}

} // namespace perry::resolver
