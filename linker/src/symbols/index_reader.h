// Reading an archive through its symbol index (internal to the symbol reader).
#pragma once

#include "archive_index.h"
#include "gnu_members.h"
#include "perry/linker/symbols.h"

#include <vector>

namespace perry::linker::detail {

struct ListingStorage;

// Reads the members the index names, checking each against the index; with
// ReadOptions::kinds_only_for, only those whose kinds are needed (the rest is taken from the
// index). Returns false, with the listing as it was, when the index disagrees with the members
// (it is stale; then `index_stale` is set) or names a member that is not there: the caller then
// walks every member.
bool read_through_index(const std::vector<ArchiveMember>& members, const ArchiveIndex& index,
                        const ReadOptions& options, SymbolListing& listing,
                        ListingStorage& storage);

} // namespace perry::linker::detail
