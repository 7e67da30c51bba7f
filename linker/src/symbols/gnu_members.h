// Listing the members of a GNU archive (what `ar` writes on Linux) by reading their headers with
// pread (internal to the symbol reader; see archive_bytes.h for why not through the map).
//
// LLVM's Archive stays in charge of everything else: it recognizes the format, reads the symbol
// index and the long-name table, and lists the members of every archive this walk declines. The
// walk accepts only what it can name exactly as LLVM 14's Archive::Child::getName does; anything
// LLVM would reject or treat specially (a truncated or oversized member, a malformed size or
// terminator, BSD `#1/` names, special members after the first regular one, empty names) makes
// it decline, and LLVM then lists the members and words the problems as before. The fuzz target
// checks that whenever the walk accepts, it lists exactly what LLVM lists.
#pragma once

#include "archive_bytes.h"
#include "perry/linker/symbols.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

struct ArchiveMember {
    std::string name;
    std::uint64_t offset = 0;      // of its header, as the symbol index counts
    std::uint64_t data_offset = 0; // of its bytes in the input (when `readable`)
    std::uint64_t size = 0;
    std::string_view bytes; // its bytes through the map (or a thin member's own file)
    bool readable = false;  // its bytes can be read with ArchiveBytes at data_offset
    // Its first min(size, 24) bytes (when `readable`): identify_magic tells ELF from the first 18.
    std::array<char, 24> head{};
};

// Lists the members from the header at `first` (LLVM's first regular member) to the end of the
// input. `long_names` is the archive's `//` member. Returns false when the walk declines.
bool walk_gnu_members(const ArchiveBytes& input, std::uint64_t first, std::string_view long_names,
                      std::vector<ArchiveMember>& members);

// The object format of a member from its magic; false when it is no object. A walked member's
// first bytes were read with its header, so an ELF member is not touched through the map.
bool member_format(const ArchiveMember& member, ObjectFormat& format);

} // namespace perry::linker::detail
