// A structural check of ELF objects before LLVM 14 reads them in-process (internal).
#pragma once

#include <string>
#include <string_view>

namespace perry::linker::detail {

// True when every table LLVM's ELFObjectFile::create and the symbol walk touch lies inside
// `bytes`: the header, the section header table, every section with contents, and the
// symbol tables with their linked string tables. LLVM 14 reads out of bounds on some ELF files
// that fail this (found by the fuzz target); those are read in a child process instead.
bool elf_is_well_formed(std::string_view bytes);

// "" unless `bytes` is an ELF file whose section header table is inconsistent in a way LLVM
// 14 passes over silently, reading the object as one without symbols: a section count with no
// table or a table with no entries, an entry 0 that is not the null section (a misplaced
// table), a section that links to one beyond the table, contents past the end of the file, or
// an e_shstrndx beyond the table. readelf reports each of these. Otherwise a one-line
// description of the first such fault. Faults LLVM reports itself are left to it.
std::string elf_section_table_error(std::string_view bytes);

} // namespace perry::linker::detail
