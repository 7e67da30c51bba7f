// Reading member objects in a child process (internal to the symbol reader).
//
// LLVM 14's object readers are not safe on malformed input: the libFuzzer target made its COFF
// reader read out of bounds (COFFObjectFile::initSymbolTablePtr), its ELF reader too
// (ELFObjectFile::create), and its wasm reader abort through report_fatal_error ("EOF while
// reading string"), each within seconds. LLVM is built without exceptions, so none of this can
// be turned into an error in-process. Objects that need it (read_path(): everything but ELF
// that passes our structural check) are parsed in a forked child, one per run of such
// members, which streams the symbols back through a pipe. When LLVM crashes or aborts on a
// member, that member is reported as unreadable (with LLVM's reason when it gave one) and a new
// child carries on with the next member.
#pragma once

#include "object_symbols.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

struct MemberInput {
    std::string_view bytes;
    std::string_view name; // for LLVM's messages (views the caller's member names)
    std::uint32_t index;   // SymbolListing::members index given to its symbols
};

struct MemberOutput {
    ObjectOutcome outcome;
    std::size_t first = 0; // its symbols are out[first, first + count)
    std::size_t count = 0;
};

// Reads every member's defined globals, in order, appending them to `out`. The names view the
// children's replies, which `storage` keeps.
std::vector<MemberOutput> read_members_isolated(const std::vector<MemberInput>& members,
                                                std::vector<DefinedSymbol>& out,
                                                ListingStorage& storage);

} // namespace perry::linker::detail
