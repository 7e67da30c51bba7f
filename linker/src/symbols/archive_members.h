// The members of an llvm::object::Archive (internal to the symbol reader): listed by LLVM, or,
// for plain GNU archives read from a file, by the pread walk of gnu_members.h.
#pragma once

#include "archive_bytes.h"
#include "gnu_members.h"
#include "perry/linker/symbols.h"

#include <llvm/Object/Archive.h>

#include <string>
#include <vector>

namespace perry::linker::detail {

// Lists the members, with their names prefixed by `prefix` (a universal binary's slice). Members
// that cannot be listed become problems in `listing`. With `pread_headers`, a GNU archive's
// member headers are read with it instead of through the map (archive_bytes.h says when that
// pays); LLVM lists every other archive, and any the walk declines. `expected` (the members the
// index names) sizes the list up front.
std::vector<ArchiveMember> list_members(const llvm::object::Archive& archive,
                                        const std::string& prefix,
                                        const ArchiveBytes* pread_headers, std::size_t expected,
                                        SymbolListing& listing);

} // namespace perry::linker::detail
