// The `perry.nativeLibrary` manifest of a package.json, as typed data, with every problem found.
//
// Parsing never throws and never stops at the first problem: the result holds everything that
// could be read plus all diagnostics (errors and warnings), each naming the file, the JSON
// pointer, what was expected and how to fix it. See docs/resolver/manifest.md.
#pragma once

#include "perry/resolver/diagnostic.h"
#include "perry/resolver/semver.h"
#include "perry/resolver/types.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

// The ten target keys of spec v1, in the spec's order.
enum class TargetKey {
    Macos,
    Ios,
    Linux,
    Windows,
    Android,
    Web,
    Harmonyos,
    Tvos,
    Watchos,
    Visionos
};
inline constexpr std::size_t kTargetKeyCount = 10;

const std::array<TargetKey, kTargetKeyCount>& all_target_keys();
std::string_view target_key_name(TargetKey key); // "macos", ...
std::optional<TargetKey> find_target_key(std::string_view name);

// The parameter types of a function, in order. It owns them; up to kInline are kept inside the
// object (a manifest has hundreds of functions, most with a few parameters: one allocation
// fewer each), more in an allocated block.
class ParamList {
  public:
    static constexpr std::size_t kInline = 14;
    using value_type = ParamType;
    using const_iterator = const ParamType*;
    using iterator = const_iterator;

    ParamList() = default;
    ParamList(std::initializer_list<ParamType> types) {
        for (ParamType t : types)
            push_back(t);
    }
    ParamList(const ParamList& other) { *this = other; }
    ParamList& operator=(const ParamList& other) {
        if (this != &other) {
            clear();
            for (ParamType t : other)
                push_back(t);
        }
        return *this;
    }

    const ParamType* begin() const { return heap_.empty() ? inline_.data() : heap_.data(); }
    const ParamType* end() const { return begin() + size_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    ParamType operator[](std::size_t i) const { return begin()[i]; }
    std::vector<ParamType> to_vector() const { return {begin(), end()}; }

    void push_back(ParamType type) {
        if (size_ < kInline && heap_.empty()) {
            inline_[size_++] = type;
            return;
        }
        if (heap_.empty())
            heap_.assign(inline_.begin(), inline_.begin() + size_);
        heap_.push_back(type);
        ++size_;
    }
    void clear() {
        size_ = 0;
        heap_.clear();
    }

  private:
    std::array<ParamType, kInline> inline_{};
    std::size_t size_ = 0;
    std::vector<ParamType> heap_; // all of them, once there are more than kInline
};

bool operator==(const ParamList& a, const ParamList& b);
bool operator==(const ParamList& a, const std::vector<ParamType>& b);
inline bool operator==(const std::vector<ParamType>& a, const ParamList& b) {
    return b == a;
}
inline bool operator!=(const ParamList& a, const ParamList& b) {
    return !(a == b);
}
inline bool operator!=(const ParamList& a, const std::vector<ParamType>& b) {
    return !(a == b);
}

// One entry of `functions`. A copy is valid on its own: it owns its parameter list and shares
// the block its name is kept in (one per library, so that 500 names are one allocation) with
// every other holder of that block.
struct Function {
    std::string_view name; // the extern "C" symbol (without Mach-O's underscore), in `storage`
    ParamList params;
    ReturnType returns = ReturnType::Void;
    std::string returns_as_written;  // differs from the table's name only for legacy returns
    bool returns_legacy_f64 = false; // an unknown return type read as f64 (spec v1's rule)
    std::size_t index = 0; // position in `functions`: /perry/nativeLibrary/functions/<index>
    std::shared_ptr<const std::string> storage; // holds the bytes `name` views
};

// A path from the manifest, relative to the package directory. Manifest paths may not be
// absolute, may not contain `..` and may not leave the package through a symlink.
//
// `resolved` is a string, not a std::filesystem::path: a path object splits itself into
// components when it is made (an allocation or more each), and a manifest holds many paths that
// most readers only print or pass on (resolution writes them into its JSON). Make a
// std::filesystem::path of it where one is needed.
struct PackagePath {
    std::string as_written; // e.g. "./native/web/pkg/"
    std::string resolved;   // package_dir / as_written, lexically normalised
};

// The architecture names of the per-architecture extensions (`prebuiltPerArch`,
// `platformPackages`; docs/manifest.md): the arch part of an LLVM/Rust triple, as `validate`
// reports an archive's machine. One entry per line, in one place.
const std::array<std::string_view, 6>& arch_names(); // x86_64, aarch64, arm, i686, wasm32, riscv64
bool is_arch_name(std::string_view name);
std::string_view host_arch(); // this build's machine, in the same spelling

// One member of `prebuiltPerArch` (extension): the archive for one architecture.
struct ArchPrebuilt {
    std::string arch;
    PackagePath path;
};

// One member of `platformPackages` (extension): the npm package holding the archive for one
// architecture, installed beside the main package (`pack --per-platform`).
struct ArchPlatformPackage {
    std::string arch;
    std::string package;
};

struct Target {
    TargetKey key = TargetKey::Linux;
    std::optional<PackagePath> crate;
    std::optional<std::string> lib; // the stem: `libfoo.a` and `foo.lib` become `foo`
    std::optional<std::string> lib_as_written;
    std::optional<PackagePath> prebuilt; // a file, or a directory (the `web` target)
    std::vector<std::string> frameworks;
    std::vector<std::string> optional_frameworks; // also spelled optional_frameworks
    std::optional<std::string> frameworks_env;    // also spelled frameworks_env
    std::vector<std::string> libs;
    std::vector<PackagePath> lib_dirs;
    std::vector<std::string> pkg_config;
    std::vector<PackagePath> swift_sources;
    std::vector<PackagePath> metal_sources;
    std::optional<std::vector<std::string>> cargo_features; // present in most real manifests
    std::vector<ArchPrebuilt> prebuilt_per_arch;            // extension, in document order
    std::vector<ArchPlatformPackage> platform_packages;     // extension, in document order

    // The prebuilt for `arch`: `prebuiltPerArch[arch]` when present, else `prebuilt` (which
    // may be for another machine: the link plan checks the archive's machine); nullptr for none.
    const PackagePath* prebuilt_for(std::string_view arch) const;
    // `platformPackages[arch]`, or nullptr.
    const std::string* platform_package_for(std::string_view arch) const;

    // Neither `prebuilt` nor `crate`: the package directory is the crate (the shape the authoring
    // guide scaffolds: `"linux": { "cargo_features": [] }`).
    bool builds_package_root() const { return !prebuilt && !crate; }
};

struct NativeLibrary {
    std::optional<std::string> abi_version; // the range as written
    std::optional<Range> abi_range;         // set when abi_version parses
    std::vector<Function> functions;
    std::vector<Target> targets; // in document order, one per known key

    const Target* target(TargetKey key) const;             // nullptr when the manifest has no entry
    const Function* function(std::string_view name) const; // first with that name, or nullptr
};

struct ParseOptions {
    Version runtime; // abiVersion is checked against this; defaults to perry/ffi.h's version
    // false: skip the checks that depend on the runtime (the range must include `runtime`;
    // abiVersion required from 0.6.0), leaving what the JSON schema can also check.
    bool check_against_runtime = true;

    // What the caller already knows about the package directory, so that the symlink checks of
    // manifest paths ask the file system less; the results are the same without it. Taken as
    // told: `package_dir` is its own real path (symlinks resolved, as a resolver reports the
    // directory of a package it found), and exists.
    bool package_dir_is_real = false;

    ParseOptions();
};

struct ManifestResult {
    std::string file;                  // label used in diagnostics
    std::filesystem::path package_dir; // paths resolve against it
    bool unreadable = false;           // the file could not be read or is not JSON (exit code 2)
    std::optional<std::string> name;   // package.json `name`
    std::optional<std::string> version;
    bool has_native_library = false; // `perry.nativeLibrary` is present (valid or not)
    NativeLibrary native_library;    // meaningful when has_native_library
    std::vector<Diagnostic> diagnostics;

    bool ok() const { return !unreadable && !has_errors(diagnostics); }
};

// Reads and validates `<dir>/package.json`; the package directory is the file's parent.
ManifestResult parse_manifest_file(const std::filesystem::path& package_json,
                                   const ParseOptions& options = {});

// Validates JSON text already in memory. `file_label` names it in diagnostics; `package_dir` is
// where manifest paths resolve (symlink checks run only when it exists). Both are kept in the
// result (taken by value: a caller with a temporary or a string hands it over without a copy).
ManifestResult parse_manifest_text(std::string_view json, std::string file_label,
                                   std::filesystem::path package_dir,
                                   const ParseOptions& options = {});

} // namespace perry::resolver
