// The defined globals of one ELF object, read through llvm::object::ELFFile (internal to the
// symbol reader). This is the hot path: every member of a Linux archive comes through here.
#pragma once

#include "object_symbols.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

// Appends the defined globals of the ELF object in `bytes` to `out`, exactly as the generic
// path (llvm::object::SymbolicFile, see read_object_symbols_generic) lists them: the same
// symbols, order, kinds, and the same error text when LLVM rejects the object. Call it only on
// objects that pass elf_is_well_formed(). The names view `bytes`.
//
// Why not ELFObjectFile: behind the generic SymbolRef interface, every symbol's flags re-validate
// the symbol tables and every name re-reads the string table's section header, each through an
// Expected<>. Here each table is found and checked once per object; the per-symbol work is a few
// field reads.
ObjectOutcome read_elf_symbols(std::string_view bytes, std::uint32_t member,
                               std::vector<DefinedSymbol>& out);

} // namespace perry::linker::detail
