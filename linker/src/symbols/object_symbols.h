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
    ObjectFormat format = ObjectFormat::kElf; // valid when status == kRead
    std::string error;                        // valid when status == kFailed
};

// Appends the defined globals of the object in `bytes` to `out`, with `member` as their member
// index; `name` is used in LLVM's messages. Archives and universal binaries are not objects here
// (the archive reader handles them). Runs LLVM's object parsers: for the formats of
// needs_isolation(), call it only inside the child of read_members_isolated.
ObjectOutcome read_object_symbols(std::string_view bytes, const std::string& name,
                                  std::uint32_t member, std::vector<DefinedSymbol>& out);

// Whether the object must be read in a child process (see isolated_read.h): LLVM 14's readers
// crash or abort on malformed input of every format the fuzz target tried. Only ELF objects
// whose tables pass elf_is_well_formed() are read in-process (a fork per big ELF archive would
// double its read time); everything else goes to the child.
bool needs_isolation(std::string_view bytes);

// The object format of `bytes` from its magic alone (no parsing); false when it is no object.
bool peek_format(std::string_view bytes, ObjectFormat& format);

// True when `bytes` starts like a GNU ld text script (`libm.a`, `libc.so`); fills `inputs` with
// the files it names so the error can say what to read instead.
bool looks_like_linker_script(std::string_view bytes, std::vector<std::string>& inputs);

} // namespace perry::linker::detail
