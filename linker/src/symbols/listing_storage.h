// What a SymbolListing keeps alive so that its symbol names can be views instead of one string
// each (internal to the symbol reader). A big archive has tens of thousands of defined globals;
// copying every name costs an allocation and, on this project's VMs, fresh memory pages that are
// slow to touch for the first time. Names are therefore read in place: from the mapped file, from
// the buffers LLVM keeps for thin archive members, or, for the few names that have no stable home
// (written by LLVM into a stream, or sent back by the child process), from copies kept here.
#pragma once

#include "perry/linker/symbols.h"

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

struct ListingStorage {
    // Anything whose bytes names point into: the mapped file, LLVM's Archive objects (which own
    // the buffers of thin archive members), a child's whole reply.
    std::vector<std::shared_ptr<const void>> owners;
    // Copied names; a deque never moves its elements, so views stay valid as it grows.
    std::deque<std::string> copies;

    std::string_view keep(std::string text) { return copies.emplace_back(std::move(text)); }
    void own(std::shared_ptr<const void> owner) { owners.push_back(std::move(owner)); }
};

} // namespace perry::linker::detail
