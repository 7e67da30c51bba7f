// Internal: the JSON-walking helpers shared by the manifest parser's files.
#pragma once

#include "perry/resolver/manifest.h"

#include "json_document.h"
#include "name_index.h"
#include "package_paths.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver::detail {

// Values are read in document order, so diagnostics come out in the order of the file.
using Json = JsonValue;

// A JSON pointer formatted only when a diagnostic needs it: text already formatted, or a parent
// plus one step (a member name, escaped as RFC 6901 says: `a/b~c` is `a~1b~0c`, or an index). A
// clean manifest then formats none; formatting every pointer of a 500-function manifest cost more
// than checking it. A LazyPointer refers to its parent and text: it lives as long as the call that
// receives it.
class LazyPointer {
  public:
    LazyPointer(const char* formatted) : formatted_(formatted) {}
    LazyPointer(std::string_view formatted) : formatted_(formatted) {}
    LazyPointer(const std::string& formatted) : formatted_(formatted) {}
    LazyPointer(const LazyPointer& parent, std::string_view key) : parent_(&parent), key_(key) {}
    LazyPointer(const LazyPointer& parent, std::size_t index)
        : parent_(&parent), index_(index), is_index_(true) {}

    std::string str() const;

  private:
    std::string_view formatted_;
    const LazyPointer* parent_ = nullptr;
    std::string_view key_;
    std::size_t index_ = 0;
    bool is_index_ = false;
};

// Diagnostics are one line each: control characters that came from the manifest (a name written
// "js_x\n") are shown escaped, as JSON would write them.
void make_one_line(Diagnostic& diagnostic);

// How a JSON value reads in a message: `a number (0.5)`, `an object`, `null`.
std::string describe(const Json& value);

class Checker {
  public:
    // Manifest paths are checked against the file system with what `options` say about the
    // package directory (ParseOptions::package_dir_is_real).
    Checker(ManifestResult& result, const ParseOptions& options);

    void error(const LazyPointer& pointer, std::string message, std::string fix);
    void warning(const LazyPointer& pointer, std::string message, std::string fix);

    // Type checks: on a mismatch they report `expected <what>, found <describe(value)>` and
    // return false.
    bool expect_string(const Json& value, const LazyPointer& pointer, std::string_view fix);
    bool expect_object(const Json& value, const LazyPointer& pointer, std::string_view fix);
    bool expect_array(const Json& value, const LazyPointer& pointer, std::string_view fix);

    // An array of strings; bad entries are reported one by one and skipped.
    std::vector<std::string> string_list(const Json& value, const LazyPointer& pointer,
                                         std::string_view fix);
    // A path inside the package (see package_paths.h); nullopt after reporting a problem.
    std::optional<PackagePath> package_path(const Json& value, const LazyPointer& pointer);
    std::optional<PackagePath> package_path(std::string_view written, const LazyPointer& pointer);
    std::vector<PackagePath> package_path_list(const Json& value, const LazyPointer& pointer);

    // Warns about the member `key` of the object at `object`, which nobody reads, naming the
    // keys that are known there.
    void unknown_key(const LazyPointer& object, std::string_view key, std::string_view known);

    // detail::for_each_member over the object at `pointer`, warning about each member a later
    // one of the same name hides (JSON keeps the last; the author may have meant the first).
    template <typename Names, typename Visit>
    void for_each_member(const Json& object, const LazyPointer& pointer, const Names& names,
                         Visit&& visit) {
        detail::for_each_member(object, names, visit, [&](const Json& hidden, int) {
            duplicate_key(pointer, hidden.key());
        });
    }
    void duplicate_key(const LazyPointer& object, std::string_view key);

    ManifestResult& result() { return result_; }

  private:
    void type_mismatch(const Json& value, const LazyPointer& pointer, std::string_view expected,
                       std::string_view fix);
    std::string_view normal_package_dir(); // computed once

    ManifestResult& result_;
    PackageDirectory package_dir_;                       // result_.package_dir on the file system
    std::optional<std::string_view> normal_package_dir_; // into result_.package_dir or storage
    std::string normal_package_dir_storage_;
};

// The parts of `perry.nativeLibrary`; each reports into the checker.
void parse_functions(Checker& checker, const Json& functions, NativeLibrary& out);
void parse_targets(Checker& checker, const Json& targets, NativeLibrary& out);

// `abiVersion` (already read into result.native_library) against the runtime or, when options
// say so, only its syntax; sets abi_range. The last check of a manifest.
void check_abi(ManifestResult& result, const ParseOptions& options);

// Reads `json` (the text of a package.json) into `result`, whose file and package_dir are set:
// a syntax error, or the document's findings.
void read_manifest(std::string_view json, ManifestResult& result, const ParseOptions& options);

inline constexpr std::string_view kNativeLibraryPointer = "/perry/nativeLibrary";

// The members of a target, in the order of kTargetFieldNames.
enum TargetField {
    kCrate,
    kLib,
    kPrebuilt,
    kFrameworks,
    kOptionalFrameworks,
    kOptionalFrameworksSnake,
    kFrameworksEnv,
    kFrameworksEnvSnake,
    kLibs,
    kLibDirs,
    kPkgConfig,
    kSwiftSources,
    kMetalSources,
    kCargoFeatures,
    kPrebuiltPerArch,  // extension (docs/manifest.md)
    kPlatformPackages, // extension (docs/manifest.md)
};
inline constexpr NameIndex<16> kTargetFieldNames{
    {"crate", "lib", "prebuilt", "frameworks", "optionalFrameworks", "optional_frameworks",
     "frameworksEnv", "frameworks_env", "libs", "libDirs", "pkgConfig", "swift_sources",
     "metal_sources", "cargo_features", "prebuiltPerArch", "platformPackages"}};

// The target keys as spelled in a manifest, in TargetKey's order.
inline constexpr NameIndex<kTargetKeyCount> kTargetKeyNames{{"macos", "ios", "linux", "windows",
                                                             "android", "web", "harmonyos", "tvos",
                                                             "watchos", "visionos"}};

} // namespace perry::resolver::detail
