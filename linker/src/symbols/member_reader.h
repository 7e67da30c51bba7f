// Reading the objects of a list of members into a listing (internal to the symbol reader):
// well-formed ELF objects in-process, every other object in a child process.
#pragma once

#include "isolated_read.h"
#include "perry/linker/symbols.h"

#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

struct ListingStorage;

// How to fix a member or archive whose bytes are corrupt.
extern const char* const kCorruptFix;

inline ReadProblem problem(const std::string& file, std::string member, std::string what,
                           std::string how_to_fix) {
    return ReadProblem{file, std::move(member), std::move(what), std::move(how_to_fix)};
}

// A member to read: its bytes and its name ("" for a plain object file).
struct MemberToRead {
    std::string_view bytes;
    std::string name;
};
using MemberBatch = std::vector<MemberToRead>;

// Records `format` among the listing's formats (each once).
void add_format(SymbolListing& listing, ObjectFormat format);

// Reads the members and records them in the listing: their names, symbols, formats, and
// problems. Well-formed ELF objects are read here (read_elf_symbols); runs of other objects go to
// one child process each (isolated_read.h), keeping member order in the listing. Returns where
// each member's symbols went.
std::vector<MemberOutput> read_members(const MemberBatch& members, SymbolListing& listing,
                                       ListingStorage& storage);

} // namespace perry::linker::detail
