// The signature checks of one staticlib against the manifest (internal to validate): each declared
// function's parameters and return value, as the type table gives them, against the DWARF of the
// member that defines it (docs/linker/signatures.md).
#pragma once

#include "dwarf_signatures.h"
#include "perry/linker/symbols.h"
#include "perry/linker/validate.h"

#include <optional>
#include <string>
#include <vector>

namespace perry::linker::detail {

// The class a type-table C type travels as ("double", "int32_t", "const PerryStringHeader*",
// "PerryValue", ...); nullopt for a C type this check does not know.
std::optional<ValueClass> expected_class(std::string_view c_type);

// Fills `result.signatures` and adds one error per mismatch. `shown` is how the archive is named
// in messages. Reads only the members that define declared functions, and only their DWARF.
void check_signatures(const resolver::ManifestResult& manifest, const SymbolListing& listing,
                      const std::string& shown, TargetValidation& result,
                      std::vector<resolver::Diagnostic>& diagnostics);

} // namespace perry::linker::detail
