// One object's defined globals (internal to the symbol reader). LLVM-free on purpose: the LLVM
// headers stay in the .cpp files that need them.
#pragma once

#include "perry/linker/symbols.h"

#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

struct ObjectOutcome {
    enum Status { kRead, kNotAnObject, kFailed } status = kRead;
    ObjectFormat format = ObjectFormat::Elf; // valid when status == kRead
    std::string error;                       // valid when status == kFailed
};

struct ListingStorage;

// How a member is read. LLVM 14's object readers crash or abort on malformed input of every
// format the fuzz target tried, so only ELF objects whose tables pass elf_is_well_formed() are
// read in-process (read_elf_symbols; a fork per big ELF archive would double its read time);
// every other object goes to a child process (read_members_isolated, which runs
// read_object_symbols there).
enum class ReadPath { NotAnObject, ElfInProcess, Isolated };
ReadPath read_path(std::string_view bytes);

// Appends the defined globals of the object in `bytes` to `out`, with `member` as their member
// index, through LLVM's generic SymbolicFile interface; `name` is used in LLVM's messages.
// Names view `bytes`, or `storage` when LLVM writes them out (COFF import and bitcode members).
// Archives and universal binaries are not objects here (the archive reader handles them). Runs
// LLVM's object parsers: call it only inside the child of read_members_isolated, or on objects
// read_path() lets in-process.
ObjectOutcome read_object_symbols(std::string_view bytes, std::string_view name,
                                  std::uint32_t member, std::vector<DefinedSymbol>& out,
                                  ListingStorage& storage);

// The object format of `bytes` from its magic alone (no parsing); false when it is no object.
bool peek_format(std::string_view bytes, ObjectFormat& format);

// True when `bytes` starts like a GNU ld text script (`libm.a`, `libc.so`); fills `inputs` with
// the files it names so the error can say what to read instead.
bool looks_like_linker_script(std::string_view bytes, std::vector<std::string>& inputs);

} // namespace perry::linker::detail
