// Internal: the JSON-walking helpers shared by the manifest parser's files.
#pragma once

#include "perry/resolver/manifest.h"

#include "json_reader.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver::detail {

// Values are read in document order, so diagnostics come out in the order of the file.
using Json = JsonValue;

// `/a/b` + `c~d` -> `/a/b/c~0d` (RFC 6901 escaping).
std::string child_pointer(std::string_view parent, std::string_view key);
std::string child_pointer(std::string_view parent, std::size_t index);

// Diagnostics are one line each: control characters that came from the manifest (a name written
// "js_x\n") are shown escaped, as JSON would write them.
void make_one_line(Diagnostic& diagnostic);

// How a JSON value reads in a message: `a number (0.5)`, `an object`, `null`.
std::string describe(const Json& value);

class Checker {
  public:
    explicit Checker(ManifestResult& result) : result_(result) {}

    void error(std::string pointer, std::string message, std::string fix);
    void warning(std::string pointer, std::string message, std::string fix);

    // Type checks: on a mismatch they report `expected <what>, found <describe(value)>` and
    // return false.
    bool expect_string(const Json& value, const std::string& pointer, std::string_view fix);
    bool expect_object(const Json& value, const std::string& pointer, std::string_view fix);
    bool expect_array(const Json& value, const std::string& pointer, std::string_view fix);

    // An array of strings; bad entries are reported one by one and skipped.
    std::vector<std::string> string_list(const Json& value, const std::string& pointer,
                                         std::string_view fix);
    // A path inside the package (see package_paths.h); nullopt after reporting a problem.
    std::optional<PackagePath> package_path(const Json& value, const std::string& pointer);
    std::vector<PackagePath> package_path_list(const Json& value, const std::string& pointer);

    // Warns about a key nobody reads, naming the keys that are known there.
    void unknown_key(const std::string& pointer, std::string_view key, std::string_view known);

    ManifestResult& result() { return result_; }

  private:
    void type_mismatch(const Json& value, const std::string& pointer, std::string_view expected,
                       std::string_view fix);
    const std::filesystem::path& package_root(); // canonical_package_root, computed once
    const std::string& normal_package_dir();     // computed once

    ManifestResult& result_;
    std::optional<std::filesystem::path> package_root_;
    std::optional<std::string> normal_package_dir_;
};

// The parts of `perry.nativeLibrary`; each reports into the checker.
void parse_functions(Checker& checker, const Json& functions, NativeLibrary& out);
void parse_targets(Checker& checker, const Json& targets, NativeLibrary& out);

inline constexpr std::string_view kNativeLibraryPointer = "/perry/nativeLibrary";

// The target keys as spelled in a manifest, in TargetKey's order.
inline constexpr NameIndex<kTargetKeyCount> kTargetKeyNames{{"macos", "ios", "linux", "windows",
                                                             "android", "web", "harmonyos", "tvos",
                                                             "watchos", "visionos"}};

} // namespace perry::resolver::detail
