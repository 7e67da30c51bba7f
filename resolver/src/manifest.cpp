// package.json -> ManifestResult: reading, JSON syntax errors with line and column, and the
// top-level shape (`name`, `version`, `perry.nativeLibrary`).
#include "manifest_checker.h"

#include "perry/resolver/abi_version.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace perry::resolver {
namespace {

using detail::Checker;
using detail::Json;
using detail::child_pointer;
using detail::kNativeLibraryPointer;

constexpr std::array<std::string_view, kTargetKeyCount> kTargetNames = {
    "macos", "ios", "linux", "windows", "android", "web", "harmonyos", "tvos", "watchos", "visionos"};

constexpr std::string_view kNativeLibraryKeys = "abiVersion, functions, targets";

// nlohmann reports `[json.exception.parse_error.101] parse error at line 3, column 5: <what>`;
// keep <what>, and compute line and column ourselves from the byte offset.
void report_syntax_error(ManifestResult& result, std::string_view text, const Json::parse_error& e) {
    std::string what = e.what();
    if (std::size_t colon = what.find(": ", what.find("parse error")); colon != std::string::npos) {
        what = what.substr(colon + 2);
    }
    const std::size_t offset = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    Diagnostic d;
    d.file = result.file;
    d.line = line;
    d.column = static_cast<int>(offset - line_start) + 1;
    d.message = "invalid JSON: " + what;
    d.fix = "correct the JSON syntax at that position";
    result.diagnostics.push_back(std::move(d));
    result.unreadable = true;
}

void read_string_field(Checker& checker, const Json& root, const char* key,
                       std::optional<std::string>& out) {
    auto it = root.find(key);
    if (it == root.end()) return;
    if (checker.expect_string(*it, child_pointer("", key), "write it as a string")) {
        out = it->get<std::string>();
    }
}

void parse_native_library(Checker& checker, const Json& block, const ParseOptions& options) {
    ManifestResult& result = checker.result();
    NativeLibrary& lib = result.native_library;
    const std::string at(kNativeLibraryPointer);
    bool has_functions = false;
    bool abi_is_string = true;
    for (auto it = block.begin(); it != block.end(); ++it) {
        const std::string& key = it.key();
        if (key == "abiVersion") {
            if (checker.expect_string(*it, child_pointer(at, key), "write the range as a string, e.g. \"0.5\"")) {
                lib.abi_version = it->get<std::string>();
            } else {
                abi_is_string = false;
            }
        } else if (key == "functions") {
            has_functions = true;
            detail::parse_functions(checker, *it, lib);
        } else if (key == "targets") {
            detail::parse_targets(checker, *it, lib);
        } else {
            checker.unknown_key(at, key, kNativeLibraryKeys);
        }
    }
    if (!has_functions) {
        checker.error(at, "missing `functions`",
                      "add \"functions\": [ { \"name\": ..., \"params\": [...], \"returns\": ... } ]");
    }
    if (abi_is_string) {
        const std::string package = result.name.value_or("<unnamed>");
        AbiCheck check = options.check_against_runtime
                             ? check_abi_version(package, lib.abi_version, result.file, options.runtime)
                             : check_abi_version_syntax(package, lib.abi_version, result.file);
        for (Diagnostic& d : check.diagnostics) result.diagnostics.push_back(std::move(d));
        if (lib.abi_version) lib.abi_range = Range::parse(*lib.abi_version);
    }
}

void parse_document(ManifestResult& result, const Json& root, const ParseOptions& options) {
    Checker checker(result);
    if (!checker.expect_object(root, "", "package.json must be one JSON object")) return;
    read_string_field(checker, root, "name", result.name);
    read_string_field(checker, root, "version", result.version);
    auto perry = root.find("perry");
    if (perry == root.end()) return;
    if (!checker.expect_object(*perry, "/perry", "write `perry` as an object: { \"nativeLibrary\": { ... } }")) return;
    auto block = perry->find("nativeLibrary");
    if (block == perry->end()) return;
    result.has_native_library = true;
    if (!checker.expect_object(*block, std::string(kNativeLibraryPointer),
                               "write `nativeLibrary` as an object with abiVersion, functions and targets")) {
        return;
    }
    if (!root.contains("name")) {
        checker.error("", "missing `name`: a native library package needs its npm name",
                      "add \"name\": the package's npm name");
    }
    parse_native_library(checker, *block, options);
}

} // namespace

ParseOptions::ParseOptions() : runtime(runtime_version()) {}

const std::array<TargetKey, kTargetKeyCount>& all_target_keys() {
    static const std::array<TargetKey, kTargetKeyCount> keys = {
        TargetKey::Macos, TargetKey::Ios,  TargetKey::Linux,     TargetKey::Windows, TargetKey::Android,
        TargetKey::Web,   TargetKey::Harmonyos, TargetKey::Tvos, TargetKey::Watchos, TargetKey::Visionos};
    return keys;
}

std::string_view target_key_name(TargetKey key) { return kTargetNames.at(static_cast<std::size_t>(key)); }

std::optional<TargetKey> find_target_key(std::string_view name) {
    for (std::size_t i = 0; i < kTargetNames.size(); ++i) {
        if (kTargetNames[i] == name) return static_cast<TargetKey>(i);
    }
    return std::nullopt;
}

const Target* NativeLibrary::target(TargetKey key) const {
    for (const Target& t : targets) {
        if (t.key == key) return &t;
    }
    return nullptr;
}

const Function* NativeLibrary::function(std::string_view name) const {
    for (const Function& f : functions) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

ManifestResult parse_manifest_text(std::string_view json, std::string file_label,
                                   const std::filesystem::path& package_dir,
                                   const ParseOptions& options) {
    ManifestResult result;
    result.file = std::move(file_label);
    result.package_dir = package_dir;
    Json root;
    try {
        root = Json::parse(json.begin(), json.end());
    } catch (const Json::parse_error& e) {
        report_syntax_error(result, json, e);
        return result;
    }
    parse_document(result, root, options);
    return result;
}

ManifestResult parse_manifest_file(const std::filesystem::path& package_json,
                                   const ParseOptions& options) {
    std::ifstream in(package_json, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) {
        const int err = errno;
        ManifestResult result;
        result.file = package_json.string();
        result.package_dir = package_json.parent_path();
        result.unreadable = true;
        Diagnostic d;
        d.file = result.file;
        d.message = std::string("cannot read the file: ") + (err ? std::strerror(err) : "read error");
        d.fix = "check that the path names a readable package.json";
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    return parse_manifest_text(text.str(), package_json.string(), package_json.parent_path(), options);
}

} // namespace perry::resolver
