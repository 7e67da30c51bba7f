// The checks of init's options and the placeholder values derived from them.
#pragma once

#include "perry/linker/scaffold.h"
#include "template_render.h"

#include <string>

namespace perry::linker::detail {

// What the templates are filled with, beyond the options themselves.
struct ScaffoldValues {
    std::string symbol_prefix; // "js_pdf_tools_"
    std::string lib;           // "perry_ext_pdf_tools": the static library's stem
    std::string description;   // the option, or the default
    std::string abi_version;   // "0.5"
    std::string perry_version; // "0.5.0": the runtime of the perry that runs init
    int year = 0;
    std::filesystem::path perry_ffi_crate; // Rust: <share>/rust/perry-ffi
};

// Checks the name, description, upstream dependency and GitHub owner, adding one problem per
// fault to `result.errors` (and a warning when the Rust crate is not installed). Fills `values`.
// False when there were errors.
bool check_inputs(const ScaffoldOptions& options, ScaffoldValues& values, ScaffoldResult& result);

// Every placeholder the templates may use (docs/cli/init.md lists them).
Placeholders placeholders_for(const ScaffoldOptions& options, const ScaffoldValues& values);

} // namespace perry::linker::detail
