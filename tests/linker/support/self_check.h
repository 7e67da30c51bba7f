// Cross-checks of the symbol reader's own fast paths against LLVM's generic ones, built into the
// tests only (tests/linker/fast_paths_test.cpp, rust_staticlib_test.cpp and the fuzz target). Each
// returns "" when both ways agree (or the fast path declines the input), else a description of the
// first difference.
#pragma once

#include <string>
#include <string_view>

namespace perry::linker::detail {

// walk_gnu_members (pread) against llvm::object::Archive's children: names, header offsets and
// sizes of every member, when the walk accepts the archive.
std::string gnu_walk_disagreement(std::string_view archive);

// read_elf_symbols (ELFFile) against read_object_symbols (SymbolicFile) on every ELF object that
// elf_is_well_formed accepts: `input` itself, or each member when it is an archive. Symbols in
// order (name, kind, code, format), and the outcome with its error text.
std::string elf_reader_disagreement(std::string_view input);

} // namespace perry::linker::detail
