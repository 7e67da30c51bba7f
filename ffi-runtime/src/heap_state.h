// The heap's state, shared by heap.cpp (allocation) and gc.cpp (collection). Private to those two.
#pragma once

#include "heap.h"
#include "small_space.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace perry::heap::detail {

struct RootScanner {
    uint64_t id;
    std::string name;
    PerryRootScanFn scan;
    void* userdata;
};

struct HeapState {
    // Objects of at most small::kMaxSmallBlock bytes allocated on the main thread.
    small::SmallSpace small;
    // Every other object (large ones, adopted task arenas): malloc'd blocks. [0, sorted_prefix)
    // is sorted by address (sweep keeps the order); newer blocks are appended and merged in at the
    // next collection, so that an address lookup is a binary search.
    std::vector<Header*> own_blocks;
    size_t sorted_prefix = 0;
    // Objects that were pinned since the last collection (kFlagPinListed); the collection drops
    // those whose count went back to zero.
    std::vector<Header*> pinned;

    uint64_t threshold = 0;
    uint64_t bytes_since_collection = 0;
    bool stress = false;
    bool collecting = false;
    uintptr_t stack_top = 0;

    std::vector<RootScanner> scanners;
    uint64_t next_scanner_id = 1;

    // Read from any thread by perry_gc_stats. All but arena_allocated_objects are written by the
    // main thread only, with add_main (a plain load and store: a locked read-modify-write on
    // every allocation cost more than the allocation's own bookkeeping); workers count their
    // task-arena allocations in arena_allocated_objects.
    std::atomic<uint64_t> live_objects{0};
    std::atomic<uint64_t> live_bytes{0};
    std::atomic<uint64_t> collections{0};
    std::atomic<uint64_t> allocated_objects{0};
    std::atomic<uint64_t> arena_allocated_objects{0};
    std::atomic<uint64_t> freed_objects{0};
    std::atomic<uint64_t> last_pause_ns{0};
};

HeapState& state();

// Adds to a statistics counter that only the main thread writes (see HeapState).
inline void add_main(std::atomic<uint64_t>& counter, uint64_t delta) {
    counter.store(counter.load(std::memory_order_relaxed) + delta, std::memory_order_relaxed);
}

// The runtime's own root scanners (add_internal_root_scanner), guarded by the mutex.
std::mutex& internal_scanners_mutex();
std::vector<InternalRootScanner>& internal_root_scanners();

// Runs a collection; main thread only (callers check).
void collect();
// Frees an own block, running its finalizer.
void destroy_own_block(Header* header);

} // namespace perry::heap::detail
