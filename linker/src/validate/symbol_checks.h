// The checks of one staticlib against the manifest (internal to validate).
#pragma once

#include "perry/linker/symbols.h"
#include "perry/linker/validate.h"

#include <string>
#include <vector>

namespace perry::linker::detail {

// Whether an object format can be linked for a manifest target: Mach-O for Apple targets,
// COFF for windows, ELF for linux/android/harmonyos, wasm for web. Bitcode fits any target.
bool format_fits(resolver::TargetKey target, ObjectFormat format);

// Fills `result` and adds diagnostics for the declared functions of `manifest` against
// `listing`; `shown` is how the archive is named in messages.
void check_symbols(const resolver::ManifestResult& manifest, const SymbolListing& listing,
                   const std::string& shown, const std::vector<std::string>& prefixes, bool strict,
                   TargetValidation& result, std::vector<resolver::Diagnostic>& diagnostics);

} // namespace perry::linker::detail
