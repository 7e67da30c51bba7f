// `perry native header`: the prototypes a binding writes, generated from its manifest, so that a
// definition that disagrees with package.json is a compile error in the author's own build.
//
// C (and C++): one prototype per manifest function with the type table's C types (the same
// `c_signature` that `resolve` prints), inside an include guard and `extern "C"` for C++.
// Rust: one compile-time assertion per function, `const _: unsafe extern "C" fn(f64) -> f64 =
// crate::js_x;`, with perry-ffi-sys's type names. docs/cli/header.md.
#pragma once

#include "perry/resolver/diagnostic.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker {

enum class HeaderLanguage { C, Rust };

struct HeaderOptions {
    std::filesystem::path package_dir = "."; // holds the package.json that is read
    HeaderLanguage language = HeaderLanguage::C;
    // Rust only: the module path where the crate defines its functions (`crate`, or
    // `crate::ffi`), and the path of perry-ffi-sys's types (the Rust template depends on
    // perry-ffi, which re-exports the sys crate as `perry_ffi::sys`).
    std::string rust_functions_path = "crate";
    std::string rust_types_path = "::perry_ffi::sys";
};

struct GeneratedHeader {
    std::string manifest_file;                     // the package.json read
    std::string text;                              // the header or module; empty on bad input
    std::size_t functions = 0;                     // prototypes (or assertions) in `text`
    std::vector<resolver::Diagnostic> diagnostics; // the manifest's, and why nothing was made
    bool unreadable = false; // bad input (no manifest, unreadable, not a binding, errors): exit 2

    bool ok() const { return !unreadable; }
};

// Reads `<package_dir>/package.json` and renders its functions. Never throws for bad input: the
// result says what was wrong.
GeneratedHeader generate_header(const HeaderOptions& options);

// The Rust spelling of one of the type table's C types, with perry-ffi-sys's names under
// `types_path` (`const PerryStringHeader*` -> `*const ::perry_ffi::sys::PerryStringHeader`).
// Empty for a C type it does not know (a test holds every table entry to a translation).
std::string rust_type_of(std::string_view c_type, std::string_view types_path);

struct WriteResult {
    bool ok = false;
    bool changed = false; // false: the file already held this text and was left untouched
    std::string error;    // why it could not be written, when !ok
};

// Writes `text` to `file` through a temporary name in the same directory and a rename, so a
// reader never sees half a file. A file that already holds exactly `text` is not touched (its
// modification time stays), so a build tool does not rebuild what includes it.
WriteResult write_if_changed(const std::filesystem::path& file, std::string_view text);

} // namespace perry::linker
