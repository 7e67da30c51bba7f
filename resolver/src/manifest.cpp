// package.json -> ManifestResult: reading, JSON syntax errors with line and column, and the
// top-level shape (`name`, `version`, `perry.nativeLibrary`).
#include "fs_util.h"
#include "manifest_checker.h"

#include "perry/resolver/abi_version.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace perry::resolver {
namespace {

using detail::Checker;
using detail::Json;
using detail::kNativeLibraryPointer;

constexpr std::string_view kNativeLibraryKeys = "abiVersion, functions, targets";

void read_string_field(Checker& checker, const Json& root, const char* key,
                       std::optional<std::string>& out) {
    Json value = root;
    if (!root.find(key, value))
        return;
    const detail::LazyPointer document("");
    if (checker.expect_string(value, detail::LazyPointer(document, key), "write it as a string")) {
        out = std::string(value.str());
    }
}

void parse_native_library(Checker& checker, const Json& block, const ParseOptions& options) {
    ManifestResult& result = checker.result();
    NativeLibrary& lib = result.native_library;
    const detail::LazyPointer at(kNativeLibraryPointer);
    bool has_functions = false;
    bool abi_is_string = true;
    enum { kAbiVersion, kFunctions, kTargets };
    static constexpr detail::NameIndex<3> kKnown{{"abiVersion", "functions", "targets"}};
    checker.for_each_member(block, at, kKnown, [&](const Json& value, int key) {
        switch (key) {
        case kAbiVersion:
            if (checker.expect_string(value, detail::LazyPointer(at, value.key()),
                                      "write the range as a string, e.g. \"0.5\"")) {
                lib.abi_version = std::string(value.str());
            } else {
                abi_is_string = false;
            }
            return;
        case kFunctions:
            has_functions = true;
            detail::parse_functions(checker, value, lib);
            return;
        case kTargets:
            detail::parse_targets(checker, value, lib);
            return;
        default:
            checker.unknown_key(at, value.key(), kNativeLibraryKeys);
        }
    });
    if (!has_functions) {
        checker.error(
            at, "missing `functions`",
            "add \"functions\": [ { \"name\": ..., \"params\": [...], \"returns\": ... } ]");
    }
    if (abi_is_string)
        detail::check_abi(result, options);
}

void parse_document(ManifestResult& result, const Json& root, const ParseOptions& options) {
    Checker checker(result, options);
    if (!checker.expect_object(root, "", "package.json must be one JSON object"))
        return;
    read_string_field(checker, root, "name", result.name);
    read_string_field(checker, root, "version", result.version);
    Json perry = root, block = root, name = root;
    if (!root.find("perry", perry))
        return;
    if (!checker.expect_object(perry, "/perry",
                               "write `perry` as an object: { \"nativeLibrary\": { ... } }"))
        return;
    if (!perry.find("nativeLibrary", block))
        return;
    result.has_native_library = true;
    if (!checker.expect_object(
            block, kNativeLibraryPointer,
            "write `nativeLibrary` as an object with abiVersion, functions and targets")) {
        return;
    }
    if (!root.find("name", name)) {
        checker.error("", "missing `name`: a native library package needs its npm name",
                      "add \"name\": the package's npm name");
    }
    parse_native_library(checker, block, options);
}

} // namespace

namespace detail {

void check_abi(ManifestResult& result, const ParseOptions& options) {
    NativeLibrary& lib = result.native_library;
    const std::string_view package = result.name ? std::string_view(*result.name) : "<unnamed>";
    AbiCheck check = options.check_against_runtime
                         ? check_abi_version(package, lib.abi_version, result.file, options.runtime)
                         : check_abi_version_syntax(package, lib.abi_version, result.file);
    for (Diagnostic& d : check.diagnostics) {
        make_one_line(d);
        result.diagnostics.push_back(std::move(d));
    }
    lib.abi_range = std::move(check.range);
}

void read_manifest(std::string_view json, ManifestResult& result, const ParseOptions& options) {
    JsonDocument document;
    std::string error;
    if (!document.parse(json, error)) {
        const JsonSyntaxError syntax = describe_syntax_error(json);
        Diagnostic d;
        d.file = result.file;
        d.line = syntax.line;
        d.column = syntax.column;
        d.message = "invalid JSON: " + syntax.what;
        d.fix = "correct the JSON syntax at that position";
        result.diagnostics.push_back(std::move(d));
        result.unreadable = true;
        return;
    }
    parse_document(result, document.root(), options);
}

} // namespace detail

ParseOptions::ParseOptions() : runtime(runtime_version()) {}

const std::array<TargetKey, kTargetKeyCount>& all_target_keys() {
    static const std::array<TargetKey, kTargetKeyCount> keys = {
        TargetKey::Macos,   TargetKey::Ios,     TargetKey::Linux,     TargetKey::Windows,
        TargetKey::Android, TargetKey::Web,     TargetKey::Harmonyos, TargetKey::Tvos,
        TargetKey::Watchos, TargetKey::Visionos};
    return keys;
}

std::string_view target_key_name(TargetKey key) {
    return detail::kTargetKeyNames.name(static_cast<std::size_t>(key));
}

std::optional<TargetKey> find_target_key(std::string_view name) {
    const int found = detail::kTargetKeyNames.find(name);
    if (found == detail::NameIndex<kTargetKeyCount>::kUnknown)
        return std::nullopt;
    return static_cast<TargetKey>(found);
}

const Target* NativeLibrary::target(TargetKey key) const {
    for (const Target& t : targets) {
        if (t.key == key)
            return &t;
    }
    return nullptr;
}

const std::array<std::string_view, 6>& arch_names() {
    static constexpr std::array<std::string_view, 6> names = {"x86_64", "aarch64", "arm",
                                                              "i686",   "wasm32",  "riscv64"};
    return names;
}

bool is_arch_name(std::string_view name) {
    for (std::string_view known : arch_names()) {
        if (known == name)
            return true;
    }
    return false;
}

std::string_view host_arch() {
#if defined(__x86_64__) || defined(_M_X64)
    return "x86_64";
#elif defined(__aarch64__) || defined(_M_ARM64)
    return "aarch64";
#elif defined(__arm__) || defined(_M_ARM)
    return "arm";
#elif defined(__i386__) || defined(_M_IX86)
    return "i686";
#elif defined(__riscv) && __riscv_xlen == 64
    return "riscv64";
#elif defined(__wasm32__)
    return "wasm32";
#else
    return "unknown";
#endif
}

const PackagePath* Target::prebuilt_for(std::string_view arch) const {
    for (const ArchPrebuilt& entry : prebuilt_per_arch) {
        if (entry.arch == arch)
            return &entry.path;
    }
    return prebuilt ? &*prebuilt : nullptr;
}

const std::string* Target::platform_package_for(std::string_view arch) const {
    for (const ArchPlatformPackage& entry : platform_packages) {
        if (entry.arch == arch)
            return &entry.package;
    }
    return nullptr;
}

bool operator==(const ParamList& a, const ParamList& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool operator==(const ParamList& a, const std::vector<ParamType>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

const Function* NativeLibrary::function(std::string_view name) const {
    for (const Function& f : functions) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

ManifestResult parse_manifest_text(std::string_view json, std::string file_label,
                                   std::filesystem::path package_dir, const ParseOptions& options) {
    ManifestResult result;
    result.file = std::move(file_label);
    result.package_dir = std::move(package_dir);
    detail::read_manifest(json, result, options);
    return result;
}

ManifestResult parse_manifest_file(const std::filesystem::path& package_json,
                                   const ParseOptions& options) {
    std::string text;
    errno = 0;
    if (!detail::read_file(package_json.string(), text)) {
        const int err = errno;
        ManifestResult result;
        result.file = package_json.string();
        result.package_dir = package_json.parent_path();
        result.unreadable = true;
        result.diagnostics.push_back(
            make_diagnostic(Diagnostic::Severity::Error, result.file, {},
                            "cannot read the file: " + detail::describe_read_error(err),
                            "check that the path names a readable package.json"));
        return result;
    }
    return parse_manifest_text(text, package_json.string(), package_json.parent_path(), options);
}

} // namespace perry::resolver
