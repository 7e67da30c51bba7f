// libFuzzer target: parse_manifest_text on arbitrary bytes. Besides crashes and sanitizer reports,
// it checks the parser's promises: every diagnostic says something, ok() means no error,
// rendering never fails, the package.json reader (simdjson) accepts exactly what nlohmann::json
// accepts and reads the same tree, and manifest paths are normalised as std::filesystem would.
#include "perry/resolver/manifest.h"
#include "support/reader_agreement.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace {

bool normalised_as_the_library_does(const perry::resolver::PackagePath& path) {
    // The fuzzer parses with an empty package directory.
    return path.resolved == std::filesystem::path(path.as_written).lexically_normal().native();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace perry::resolver;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // No package directory: path checks stay lexical, the fuzzer never touches the filesystem.
    ManifestResult result = parse_manifest_text(text, "fuzz/package.json", "");
    bool any_error = false;
    for (const Diagnostic& d : result.diagnostics) {
        if (d.message.empty() || d.format().empty())
            __builtin_trap();
        // One line each (plus the fix line): nothing from the input may break the layout.
        if (d.what().find('\n') != std::string::npos || d.fix.find('\n') != std::string::npos)
            __builtin_trap();
        any_error = any_error || d.is_error();
    }
    if (result.ok() == (any_error || result.unreadable))
        __builtin_trap();
    // Differential: a syntax error exactly when the reference reader finds one, and otherwise
    // the same tree. Except for NUL bytes: nlohmann takes a NUL after the document as the end
    // of input and ignores the rest, while our reader (like JSON.parse) rejects it, so inputs
    // holding one are not compared.
    if (text.find('\0') == std::string_view::npos &&
        !perry::testing::reader_disagreement(text).empty()) {
        __builtin_trap();
    }
    // A text that is not JSON is reported as such, and nothing else is.
    if (result.unreadable != (result.diagnostics.size() == 1 && result.diagnostics[0].line > 0))
        __builtin_trap();
    if (!result.has_native_library && !result.native_library.functions.empty())
        __builtin_trap();
    for (const Function& fn : result.native_library.functions) {
        if (fn.returns_legacy_f64 && fn.returns != ReturnType::F64)
            __builtin_trap();
    }
    for (const Target& target : result.native_library.targets) {
        for (const auto& path : {target.crate, target.prebuilt}) {
            if (path && !normalised_as_the_library_does(*path))
                __builtin_trap();
        }
        for (const auto* list : {&target.lib_dirs, &target.swift_sources, &target.metal_sources}) {
            for (const PackagePath& path : *list) {
                if (!normalised_as_the_library_does(path))
                    __builtin_trap();
            }
        }
    }
    return 0;
}
