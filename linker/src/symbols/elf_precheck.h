// A structural check of ELF objects before LLVM 14 reads them in-process (internal).
#pragma once

#include <string_view>

namespace perry::linker::detail {

// True when every table LLVM's ELFObjectFile::create and the symbol walk touch lies inside
// `bytes`: the header, the section header table, every section with contents, and the
// symbol tables with their linked string tables. LLVM 14 reads out of bounds on some ELF files
// that fail this (found by the fuzz target); those are read in a child process instead.
bool elf_is_well_formed(std::string_view bytes);

} // namespace perry::linker::detail
