#include "manifest_fast_path.h"

#include "byte_arena.h"
#include "function_list_reader.h"
#include "json_cursor.h"
#include "manifest_checker.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace perry::resolver::detail {
namespace {

class CleanManifestReader {
  public:
    CleanManifestReader(std::string_view text, ManifestResult& result, const ParseOptions& options)
        : cursor_(text), text_size_(text.size()), result_(result), options_(options),
          checker_(result, options) {}

    bool read_document();

  private:
    // `member(name)` reads the value of each member, after its name and colon.
    template <typename Member> bool read_object(Member&& member);
    template <typename Element> bool read_array(Element&& element);

    bool read_perry();
    bool read_native_library();
    bool read_functions();
    bool read_targets();
    bool read_target(Target& target);
    bool read_string(std::optional<std::string>& out);
    bool read_string_list(std::vector<std::string>& out);
    bool read_path(std::optional<PackagePath>& out);
    bool read_path_list(std::vector<PackagePath>& out);

    JsonCursor cursor_;
    std::size_t text_size_;
    ManifestResult& result_;
    const ParseOptions& options_;
    // Paths are checked and resolved by the full reader's code; its diagnostics are never kept
    // (a path with a problem ends this reader's attempt).
    Checker checker_;
};

template <typename Member> bool CleanManifestReader::read_object(Member&& member) {
    if (!cursor_.consume('{'))
        return false;
    if (cursor_.consume('}'))
        return true;
    do {
        std::string_view name;
        if (!cursor_.plain_string(name) || !cursor_.consume(':') || !member(name))
            return false;
    } while (cursor_.consume(','));
    return cursor_.consume('}');
}

template <typename Element> bool CleanManifestReader::read_array(Element&& element) {
    if (!cursor_.consume('['))
        return false;
    if (cursor_.consume(']'))
        return true;
    do {
        if (!element())
            return false;
    } while (cursor_.consume(','));
    return cursor_.consume(']');
}

bool CleanManifestReader::read_document() {
    bool name = false, version = false, perry = false;
    const bool read = read_object([&](std::string_view key) {
        if (key == "name")
            return first_time(name) && read_string(result_.name);
        if (key == "version")
            return first_time(version) && read_string(result_.version);
        if (key == "perry")
            return first_time(perry) && read_perry();
        return cursor_.skip_value();
    });
    if (!read || !cursor_.at_end())
        return false;
    if (!result_.has_native_library)
        return true;
    if (!result_.name)
        return false; // a native library needs its npm name: an error
    check_abi(result_, options_);
    return true;
}

bool CleanManifestReader::read_perry() {
    bool native_library = false;
    return read_object([&](std::string_view key) {
        if (key != "nativeLibrary")
            return cursor_.skip_value(); // nobody reads them, as in the full reader
        return first_time(native_library) && read_native_library();
    });
}

bool CleanManifestReader::read_native_library() {
    result_.has_native_library = true;
    bool abi_version = false, functions = false, targets = false;
    const bool read = read_object([&](std::string_view key) {
        if (key == "abiVersion")
            return first_time(abi_version) && read_string(result_.native_library.abi_version);
        if (key == "functions")
            return first_time(functions) && read_functions();
        if (key == "targets")
            return first_time(targets) && read_targets();
        return false; // an unknown key: a warning
    });
    return read && functions;
}

bool CleanManifestReader::read_functions() {
    auto arena = std::make_shared<ByteArena>(text_size_ / 4);
    FunctionListRead* read = read_function_list(cursor_, *arena);
    if (read == nullptr)
        return false;
    NativeLibrary& lib = result_.native_library;
    lib.functions = take_functions(*read);
    lib.storage = std::move(arena);
    if (all_different(read->name_hashes))
        return true;
    FirstDeclarations first_declarations(lib.functions.size());
    for (std::uint32_t i = 0; i < lib.functions.size(); ++i) {
        if (first_declarations.first(lib.functions, i, read->name_hashes[i]) != i)
            return false; // a duplicate name: a warning
    }
    return true;
}

bool CleanManifestReader::read_targets() {
    std::uint32_t seen = 0;
    result_.native_library.targets.reserve(kTargetKeyCount);
    return read_object([&](std::string_view key) {
        const int found = kTargetKeyNames.find(cursor_.headed(key));
        if (found < 0 || !first_time(seen, found)) // unknown: a warning
            return false;
        Target& target = result_.native_library.targets.emplace_back();
        target.key = static_cast<TargetKey>(found);
        return read_target(target);
    });
}

bool CleanManifestReader::read_target(Target& target) {
    std::uint32_t seen = 0;
    return read_object([&](std::string_view key) {
        const int field = kTargetFieldNames.find(cursor_.headed(key));
        if (field < 0 || !first_time(seen, field)) // unknown: a warning
            return false;
        switch (static_cast<TargetField>(field)) {
        case kCrate:
            return read_path(target.crate);
        case kLib: {
            std::string_view written;
            if (!cursor_.plain_string(written) || !is_plain_lib_name(written))
                return false;
            target.lib = std::string(written);
            target.lib_as_written = target.lib;
            return true;
        }
        case kPrebuilt:
            return read_path(target.prebuilt);
        case kFrameworks:
            return read_string_list(target.frameworks);
        case kOptionalFrameworks:
        case kOptionalFrameworksSnake:
            return read_string_list(target.optional_frameworks);
        case kFrameworksEnv:
        case kFrameworksEnvSnake:
            return read_string(target.frameworks_env);
        case kLibs:
            return read_string_list(target.libs);
        case kLibDirs:
            return read_path_list(target.lib_dirs);
        case kPkgConfig:
            return read_string_list(target.pkg_config);
        case kSwiftSources:
            return read_path_list(target.swift_sources);
        case kMetalSources:
            return read_path_list(target.metal_sources);
        case kCargoFeatures:
            return read_string_list(target.cargo_features.emplace());
        }
        return false;
    });
}

bool CleanManifestReader::read_string(std::optional<std::string>& out) {
    std::string_view written;
    if (!cursor_.plain_string(written))
        return false;
    out = std::string(written);
    return true;
}

// Replaces `out`, as the full reader does when two spellings of one member are both given.
bool CleanManifestReader::read_string_list(std::vector<std::string>& out) {
    out.clear();
    out.reserve(4); // most lists are short: one allocation instead of three
    return read_array([&] {
        std::string_view written;
        if (!cursor_.plain_string(written))
            return false;
        out.emplace_back(written);
        return true;
    });
}

bool CleanManifestReader::read_path(std::optional<PackagePath>& out) {
    std::string_view written;
    if (!cursor_.plain_string(written))
        return false;
    out = checker_.package_path(written, LazyPointer(""));
    return out.has_value();
}

bool CleanManifestReader::read_path_list(std::vector<PackagePath>& out) {
    out.clear();
    return read_array([&] {
        std::optional<PackagePath> path;
        if (!read_path(path))
            return false;
        out.push_back(std::move(*path));
        return true;
    });
}

} // namespace

bool read_clean_manifest(std::string_view json, ManifestResult& result,
                         const ParseOptions& options) {
    // The full reader refuses texts of 4 GiB or more with its own message.
    if (json.size() >= std::numeric_limits<std::uint32_t>::max() - 128)
        return false;
    if (CleanManifestReader(json, result, options).read_document())
        return true;
    ManifestResult as_given;
    as_given.file = std::move(result.file);
    as_given.package_dir = std::move(result.package_dir);
    result = std::move(as_given);
    return false;
}

} // namespace perry::resolver::detail
