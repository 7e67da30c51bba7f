#include "scaffold_inputs.h"

#include <toml++/toml.h>

#include <cctype>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;

bool has_control_character(std::string_view text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F)
            return true;
    }
    return false;
}

bool is_ascii_printable(std::string_view text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F)
            return false;
    }
    return true;
}

// GitHub's rule for user and organisation names: 1-39 letters, digits and single hyphens, not
// starting or ending with a hyphen.
bool is_github_owner(std::string_view owner) {
    if (owner.empty() || owner.size() > 39 || owner.front() == '-' || owner.back() == '-') {
        return false;
    }
    for (std::size_t i = 0; i < owner.size(); ++i) {
        const char c = owner[i];
        if (c == '-' ? owner[i + 1] == '-' : !std::isalnum(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

// One `name = value` line of Cargo's [dependencies] table. toml++ reads it (after the ASCII
// check: toml++ 3.3 misbehaves on some non-ASCII input); the value's meaning is cargo's business.
std::optional<std::string> upstream_dep_problem(std::string_view spec) {
    if (!is_ascii_printable(spec)) {
        return std::string("it must be one line of printable ASCII");
    }
    toml::table table;
    try {
        table = toml::parse(spec);
    } catch (const toml::parse_error& failure) {
        return "it is not a TOML `name = value` line (" + std::string(failure.description()) + ")";
    }
    if (table.size() != 1)
        return std::string("it must declare exactly one dependency");
    const auto entry = table.begin();
    const std::string key(entry->first.str());
    if (!entry->second.is_string() && !entry->second.is_table()) {
        return std::string("the value must be a version string or an inline table");
    }
    if (key == "perry-ffi" || key == "perry-ffi-sys") {
        return "`" + key + "` is already a dependency of the template";
    }
    return std::nullopt;
}

// A double-quoted string that JSON and TOML read alike: `"` and `\` escaped, control
// characters as \u00XX (both languages accept that form).
std::string quoted(const std::string& text) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace

bool check_inputs(const ScaffoldOptions& options, ScaffoldValues& values, ScaffoldResult& result) {
    auto error = [&](std::string what, std::string fix) {
        result.errors.push_back({std::move(what), std::move(fix)});
    };
    for (const std::string& rule : npm_name_problems(options.name)) {
        error("invalid package name \"" + options.name + "\": " + rule + " (npm's naming rules)",
              "use lowercase letters, digits, `-`, `.` and `_`, optionally scoped as "
              "@scope/name, e.g. `my-bindings` or `@acme/pdf-tools`");
    }
    if (result.errors.empty()) {
        const std::string stem = symbol_stem(options.name);
        if (stem.empty()) {
            error("package name \"" + options.name +
                      "\" gives no symbol prefix: it has no lowercase letter or digit after its "
                      "scope",
                  "choose a name with letters or digits, e.g. `my-bindings`");
        }
        values.symbol_prefix = "js_" + stem + "_";
        values.lib = "perry_ext_" + stem;
    }

    values.description = options.description.empty()
                             ? "Perry native bindings for " + unscoped_name(options.name)
                             : options.description;
    if (has_control_character(values.description)) {
        error("--description: the text contains a line break or another control character",
              "give a one-line description");
    }
    if (!options.upstream_dep.empty()) {
        if (options.language != ScaffoldLanguage::Rust) {
            error("--upstream-dep is a Cargo dependency line and needs --lang rust",
                  "for C or C++, add the library to CMakeLists.txt (find_package or "
                  "add_subdirectory) after init");
        } else if (auto why = upstream_dep_problem(options.upstream_dep)) {
            error("--upstream-dep '" + options.upstream_dep + "': " + *why,
                  "write one Cargo dependency, e.g. --upstream-dep 'pdfium-render = \"0.8\"'");
        }
    }
    if (!options.github_owner.empty() && !is_github_owner(options.github_owner)) {
        error("--github-owner \"" + options.github_owner +
                  "\" is not a GitHub user or "
                  "organisation name",
              "use 1-39 letters, digits or single hyphens, not starting or ending with `-`");
    }
    // The crate's absence matters only for a scaffold that will be written.
    if (options.language == ScaffoldLanguage::Rust && result.errors.empty()) {
        values.perry_ffi_crate = options.share_dir / "rust" / "perry-ffi";
        std::error_code ec;
        if (!fs::is_regular_file(values.perry_ffi_crate / "Cargo.toml", ec)) {
            result.warnings.push_back(
                {"the perry-ffi crate is not installed at " + values.perry_ffi_crate.string() +
                     "; Cargo.toml depends on it by that path",
                 "install perry with its Rust crates (share/perry/rust), or edit the perry-ffi "
                 "path in Cargo.toml"});
        }
    }
    return result.errors.empty();
}

Placeholders placeholders_for(const ScaffoldOptions& options, const ScaffoldValues& values) {
    const std::string unscoped = unscoped_name(options.name);
    const std::string owner = options.github_owner;
    Placeholders p;
    p["PACKAGE_NAME"] = options.name;
    p["PACKAGE_DIR_NAME"] = unscoped;
    p["DESCRIPTION"] = values.description;
    p["DESCRIPTION_QUOTED"] = quoted(values.description);
    p["SYMBOL_PREFIX"] = values.symbol_prefix;
    p["HELLO_SYMBOL"] = values.symbol_prefix + "hello";
    p["LIB_NAME"] = values.lib;
    p["ABI_VERSION"] = values.abi_version;
    p["PERRY_VERSION"] = values.perry_version;
    p["YEAR"] = std::to_string(values.year);
    p["COPYRIGHT_HOLDER"] = owner.empty() ? "The " + unscoped + " authors" : owner;
    p["REPOSITORY_FIELD"] =
        owner.empty() ? "" : "\"repository\": \"github:" + owner + "/" + unscoped + "\",";
    p["PERRY_FFI_CRATE_QUOTED"] = quoted(values.perry_ffi_crate.generic_string());
    p["UPSTREAM_DEP"] = options.upstream_dep;
    return p;
}

} // namespace perry::linker::detail
