// `perry.nativeLibrary.targets`: per-target build and link configuration.
#include "manifest_checker.h"

namespace perry::resolver::detail {
namespace {

constexpr std::string_view kTargetFields =
    "crate, lib, prebuilt, frameworks, optionalFrameworks, frameworksEnv, libs, libDirs, "
    "pkgConfig, swift_sources, metal_sources, cargo_features, prebuiltPerArch, platformPackages";

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Endings of a Unix library file (`libfoo.a`: the stem is `foo`); `foo.lib` is Windows'.
constexpr std::string_view kUnixLibraryEndings[] = {".a", ".so", ".dylib"};
constexpr std::string_view kWindowsLibraryEnding = ".lib";

// A `lib` that holds a directory separator (a path, not a name).
bool names_a_directory(std::string_view written) {
    for (const char c : written) {
        if (c == '/' || c == '\\')
            return true;
    }
    return false;
}

// `libfoo.a` / `libfoo.so` / `libfoo.dylib` / `foo.lib` / `foo.a` -> `foo`; a stem stays as is.
// Returns whether the value was a file name.
bool normalise_lib(std::string_view written, std::string& stem) {
    for (std::string_view ext : kUnixLibraryEndings) {
        if (ends_with(written, ext)) {
            std::string_view base = written.substr(0, written.size() - ext.size());
            if (base.substr(0, 3) == "lib")
                base.remove_prefix(3);
            stem = std::string(base);
            return true;
        }
    }
    if (ends_with(written, kWindowsLibraryEnding)) {
        stem = std::string(written.substr(0, written.size() - kWindowsLibraryEnding.size()));
        return true;
    }
    stem = std::string(written);
    return false;
}

// Why `word` (an entry of libs, libDirs or pkgConfig) could be taken for something else where it
// ends up on a linker or pkg-config command line, or nothing: a leading `-` reads as an option,
// and whitespace or a shell metacharacter means it was written for a shell, which perry never
// uses (and which a script reusing the link line would interpret).
std::optional<std::string> option_like(std::string_view word) {
    if (!word.empty() && word[0] == '-')
        return std::string("it starts with `-`, which reads as an option");
    for (const char c : word) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F || c == ' ')
            return std::string("it holds whitespace or a control character");
        if (std::string_view(";|&$`<>()'\"\\*?[]{}!#").find(c) != std::string_view::npos)
            return "it holds the shell metacharacter `" + std::string(1, c) + "`";
    }
    return std::nullopt;
}

// A list of names for the link line (libs, pkgConfig): entries that could become options are
// refused one by one.
std::vector<std::string> link_words(Checker& checker, const Json& value, const LazyPointer& field,
                                    std::string_view fix) {
    std::vector<std::string> out;
    if (!value.is_array())
        return checker.string_list(value, field, fix);
    std::size_t i = 0;
    for (Json item : value) {
        const LazyPointer at(field, i++);
        if (!checker.expect_string(item, at, fix))
            continue;
        if (const auto why = option_like(item.str())) {
            checker.error(at, "\"" + std::string(item.str()) + "\" cannot be passed on: " + *why,
                          std::string(fix));
            continue;
        }
        out.emplace_back(item.str());
    }
    return out;
}

// libDirs: paths inside the package that become `-L<dir>`, refused as link_words refuses.
std::vector<PackagePath> link_dirs(Checker& checker, const Json& value, const LazyPointer& field) {
    if (!value.is_array())
        return checker.package_path_list(value, field);
    std::vector<PackagePath> out;
    std::size_t i = 0;
    for (Json item : value) {
        const LazyPointer at(field, i++);
        if (item.is_string()) {
            if (const auto why = option_like(item.str())) {
                checker.error(at,
                              "\"" + std::string(item.str()) + "\" cannot be passed on: " + *why,
                              "write a directory inside the package, without `-L` or quoting");
                continue;
            }
        }
        if (auto path = checker.package_path(item, at))
            out.push_back(std::move(*path));
    }
    return out;
}

void parse_lib(Checker& checker, const Json& value, const LazyPointer& pointer, Target& target) {
    static constexpr std::string_view kFix =
        "write the library name without the lib prefix and extension, e.g. \"perry_ext_foo\"";
    if (!checker.expect_string(value, pointer, kFix))
        return;
    const std::string written(value.str());
    if (names_a_directory(written) || written == "." || written == "..") {
        checker.error(pointer, "expected a library name, found the path \"" + written + "\"",
                      "put the directory in libDirs or prebuilt and write only the name in lib");
        return;
    }
    std::string stem;
    const bool was_file_name = normalise_lib(written, stem);
    if (stem.empty()) {
        checker.error(pointer, "expected a library name, found \"" + written + "\"",
                      std::string(kFix));
        return;
    }
    if (was_file_name) {
        checker.warning(pointer,
                        "lib \"" + written + "\" is a file name; read as the library name \"" +
                            stem + "\"",
                        "write \"lib\": \"" + stem + "\"");
    }
    target.lib = stem;
    target.lib_as_written = written;
}

std::string arch_list() {
    std::string out;
    for (std::string_view arch : arch_names())
        out += (out.empty() ? "" : ", ") + std::string(arch);
    return out;
}

// The members of an object keyed by architecture (prebuiltPerArch, platformPackages): each name
// must be a known architecture; `read` takes the value of each well-named member.
template <typename Read>
void for_each_arch(Checker& checker, const Json& object, const LazyPointer& field,
                   std::string_view example, Read&& read) {
    if (!checker.expect_object(
            object, field, "write an object keyed by architecture, e.g. " + std::string(example))) {
        return;
    }
    // arch_names() in an index, so that a repeated architecture is reported as any duplicate.
    static constexpr NameIndex<6> kArchs{{"x86_64", "aarch64", "arm", "i686", "wasm32", "riscv64"}};
    checker.for_each_member(object, field, kArchs, [&](const Json& value, int found) {
        const LazyPointer at(field, value.key());
        if (found == NameIndex<6>::kUnknown) {
            checker.error(at, "unknown architecture `" + std::string(value.key()) + "`",
                          "use one of: " + arch_list());
            return;
        }
        read(value, at);
    });
}

// prebuiltPerArch: { "<arch>": "<path inside the package>" }.
void parse_prebuilt_per_arch(Checker& checker, const Json& value, const LazyPointer& field,
                             Target& target) {
    for_each_arch(
        checker, value, field, "{ \"x86_64\": \"prebuilt/x86_64-unknown-linux-gnu/libfoo.a\" }",
        [&](const Json& path, const LazyPointer& at) {
            if (auto resolved = checker.package_path(path, at))
                target.prebuilt_per_arch.push_back({std::string(path.key()), std::move(*resolved)});
        });
}

// One part of an npm package name (the scope, or the name after it), as npm's validation
// accepts it: lower-case letters, digits and - . _ ~, not starting with `.` or `_`.
std::optional<std::string> name_part_problem(std::string_view part) {
    if (part.empty())
        return std::string("a part of it is empty");
    if (part[0] == '.' || part[0] == '_')
        return "it starts a part with `" + std::string(1, part[0]) + "`";
    for (const char c : part) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                        c == '_' || c == '~';
        if (!ok)
            return "it holds `" + std::string(1, c) +
                   "`; npm names are lower-case letters, digits and - . _ ~";
    }
    return std::nullopt;
}

// An npm package name (`name` or `@scope/name`, at most 214 bytes), checked before the name is
// looked up under node_modules, where a `/` or `..` would lead elsewhere.
std::optional<std::string> package_name_problem(std::string_view name) {
    if (name.size() > 214)
        return std::string("it is longer than npm's 214 characters");
    if (!name.empty() && name[0] == '@') {
        const std::size_t slash = name.find('/');
        if (slash == std::string_view::npos)
            return std::string("a scoped name is written @scope/name");
        if (auto why = name_part_problem(name.substr(1, slash - 1)))
            return why;
        name.remove_prefix(slash + 1);
    }
    return name_part_problem(name);
}

// platformPackages: { "<arch>": "<npm package name>" }.
void parse_platform_packages(Checker& checker, const Json& value, const LazyPointer& field,
                             Target& target) {
    for_each_arch(
        checker, value, field, "{ \"x86_64\": \"@acme/foo-linux-x64-gnu\" }",
        [&](const Json& name, const LazyPointer& at) {
            static constexpr std::string_view kFix =
                "write the npm name of the platform package, e.g. "
                "\"@acme/foo-linux-x64-gnu\"";
            if (!checker.expect_string(name, at, kFix))
                return;
            if (const auto why = package_name_problem(name.str())) {
                checker.error(
                    at, "\"" + std::string(name.str()) + "\" is not an npm package name: " + *why,
                    std::string(kFix));
                return;
            }
            target.platform_packages.push_back({std::string(name.key()), std::string(name.str())});
        });
}

void parse_target(Checker& checker, const Json& entry, const LazyPointer& at, Target& target) {
    static constexpr std::string_view kNamesFix = "write a list of names, e.g. [\"Metal\"]";
    checker.for_each_member(entry, at, kTargetFieldNames, [&](const Json& value, int key) {
        const LazyPointer field(at, value.key());
        switch (key) {
        case kCrate:
            target.crate = checker.package_path(value, field);
            return;
        case kLib:
            parse_lib(checker, value, field, target);
            return;
        case kPrebuilt:
            target.prebuilt = checker.package_path(value, field);
            return;
        case kFrameworks:
            target.frameworks = checker.string_list(value, field, kNamesFix);
            return;
        case kOptionalFrameworks:
        case kOptionalFrameworksSnake:
            target.optional_frameworks = checker.string_list(value, field, kNamesFix);
            return;
        case kFrameworksEnv:
        case kFrameworksEnvSnake:
            if (checker.expect_string(value, field, "write the name of an environment variable"))
                target.frameworks_env = std::string(value.str());
            return;
        case kLibs:
            target.libs =
                link_words(checker, value, field, "write a list of library names, e.g. [\"curl\"]");
            return;
        case kLibDirs:
            target.lib_dirs = link_dirs(checker, value, field);
            return;
        case kPkgConfig:
            target.pkg_config =
                link_words(checker, value, field, "write a list of pkg-config package names");
            return;
        case kSwiftSources:
            target.swift_sources = checker.package_path_list(value, field);
            return;
        case kMetalSources:
            target.metal_sources = checker.package_path_list(value, field);
            return;
        case kCargoFeatures:
            target.cargo_features =
                checker.string_list(value, field, "write a list of Cargo feature names");
            return;
        case kPrebuiltPerArch:
            parse_prebuilt_per_arch(checker, value, field, target);
            return;
        case kPlatformPackages:
            parse_platform_packages(checker, value, field, target);
            return;
        default:
            checker.unknown_key(at, value.key(), kTargetFields);
        }
    });
}

std::string target_names() {
    std::string out;
    for (TargetKey key : all_target_keys())
        out += (out.empty() ? "" : ", ") + std::string(target_key_name(key));
    return out;
}

} // namespace

void parse_targets(Checker& checker, const Json& targets, NativeLibrary& out) {
    const LazyPointer library(kNativeLibraryPointer);
    const LazyPointer pointer(library, "targets");
    if (!checker.expect_object(
            targets, pointer,
            "write `targets` as an object keyed by target, e.g. { \"linux\": { ... } }")) {
        return;
    }
    out.targets.reserve(targets.size());
    checker.for_each_member(targets, pointer, kTargetKeyNames, [&](const Json& entry, int key) {
        const LazyPointer at(pointer, entry.key());
        if (key == NameIndex<kTargetKeyCount>::kUnknown) {
            checker.warning(at, "unknown target `" + std::string(entry.key()) + "` is ignored",
                            "use one of: " + target_names());
            return;
        }
        if (!checker.expect_object(
                entry, at,
                "write the target as an object, e.g. { \"crate\": \".\", \"lib\": \"my_lib\" }")) {
            return;
        }
        Target& target = out.targets.emplace_back();
        target.key = static_cast<TargetKey>(key); // kTargetKeyNames is in the enum's order
        parse_target(checker, entry, at, target);
    });
}

} // namespace perry::resolver::detail
