// The symbol index (armap) of an archive, parsed by our own bounds-checked code (internal to the
// symbol reader). LLVM 14's Archive::Symbol does not check the string offsets of BSD/Darwin
// indexes (the fuzz target made it read out of bounds), and its getMember re-parses a member
// header for every entry, which dominated the read of big archives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

enum class IndexFormat { kGnu, kGnu64, kBsd, kBsd64 };

// One entry: a raw symbol name and the offset of the header of the member that defines it.
struct IndexEntry {
    std::uint64_t member_offset = 0;
    std::string_view name; // views the index table
};

// The entries of one member, entries[first, first + count).
struct IndexedMember {
    std::uint64_t offset = 0;
    std::size_t first = 0;
    std::size_t count = 0;
};

// Parses an index table (the archive member's contents) into `entries`, in index order. Returns
// false when the table is malformed.
bool parse_index(std::string_view table, IndexFormat format, std::vector<IndexEntry>& entries);

// Sorts `entries` by member offset, keeping each member's names in index order, and returns one
// IndexedMember per member, by ascending offset. Indexes written by ar are already in member
// order, so this is usually a check.
std::vector<IndexedMember> group_by_member(std::vector<IndexEntry>& entries);

} // namespace perry::linker::detail
