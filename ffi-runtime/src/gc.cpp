// Mark-sweep collection: roots, marking, sweeping, and the GC section of the C API.
#include "heap.h"

#include "heap_state.h"
#include "runtime.h"

#include <algorithm>
#include <chrono>
#include <cstring>

// Valgrind's client requests (Debian's `valgrind` package) tell memcheck that the stack scan's
// copies are defined. Without the header the build has no valgrind support and the scan skips
// the requests; with it, outside valgrind, RUNNING_ON_VALGRIND is 0 and they are skipped too.
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define PERRY_HAVE_VALGRIND 1
#endif
#endif

namespace perry::heap::detail {
namespace {

// Sorts the own blocks appended since the last collection and merges them into the sorted
// prefix, so that address lookups during marking are a binary search.
void sort_own_blocks(HeapState& heap) {
    auto middle = heap.own_blocks.begin() + static_cast<std::ptrdiff_t>(heap.sorted_prefix);
    std::sort(middle, heap.own_blocks.end());
    std::inplace_merge(heap.own_blocks.begin(), middle, heap.own_blocks.end());
    heap.sorted_prefix = heap.own_blocks.size();
}

// The own block holding the byte before `address`, or null: the same rule as the small-object
// space's (SmallSpace::chunk_of), so interior and one-past-the-end pointers count.
Header* find_own_block(uintptr_t address) {
    const auto& blocks = state().own_blocks;
    auto it = std::lower_bound(blocks.begin(), blocks.end(), address, [](Header* h, uintptr_t a) {
        return reinterpret_cast<uintptr_t>(h) < a;
    });
    if (it == blocks.begin()) {
        return nullptr;
    }
    Header* candidate = *(it - 1);
    uintptr_t end =
        reinterpret_cast<uintptr_t>(candidate) + sizeof(Header) + candidate->payload_bytes;
    return address <= end ? candidate : nullptr;
}

// Counts a newly marked object as surviving and queues it for tracing when its kind has a trace
// function. The statistics come from here, so the sweep never reads a dead object for them.
void note_marked(Marker& marker, Header* header) {
    marker.marked_objects++;
    marker.marked_bytes += header->payload_bytes;
    if (header->ops->trace != nullptr) {
        marker.worklist.push_back(header);
    }
}

// Marks the object an address points into (or one past), if it is one of ours and unmarked.
void mark_own_block(Marker& marker, Header* header) {
    if (header->marked == 0) {
        header->marked = 1;
        note_marked(marker, header);
    }
}

void mark_address(Marker& marker, uintptr_t address) {
    HeapState& heap = state();
    if (small::Chunk* chunk = heap.small.chunk_of(address)) {
        uint32_t index = 0;
        Header* header = small::SmallSpace::object_at(*chunk, address, &index);
        if (header != nullptr && chunk->mark(index)) {
            note_marked(marker, header);
        }
        return;
    }
    if (Header* header = find_own_block(address)) {
        mark_own_block(marker, header);
    }
}

// A word from the stack or a register: either a raw pointer into an object or a NaN-boxed value.
void mark_conservative(Marker& marker, uintptr_t word) {
    const uint64_t tag = static_cast<uint64_t>(word) >> PERRY_TAG_SHIFT;
    if (tag == PERRY_TAG_OBJECT || tag == PERRY_TAG_STRING || tag == PERRY_TAG_BIGINT) {
        word &= PERRY_PAYLOAD_MASK;
    }
    mark_address(marker, word);
}

// Marks the pinned objects and forgets those that are no longer pinned. Runs before the sweep,
// so nothing on the list is ever freed while on it.
void mark_pinned(Marker& marker, HeapState& heap) {
    size_t kept = 0;
    for (Header* header : heap.pinned) {
        if (header->pins == 0) {
            header->flags &= static_cast<uint8_t>(~kFlagPinListed);
            continue;
        }
        if ((header->flags & kFlagOwnBlock) != 0) {
            mark_own_block(marker, header); // its header is at hand: no search of the blocks
        } else {
            mark_address(marker, reinterpret_cast<uintptr_t>(payload_of(header)));
        }
        heap.pinned[kept++] = header;
    }
    heap.pinned.resize(kept);
}

// True when the process runs under valgrind (asked once: the answer cannot change).
bool under_valgrind() {
#ifdef PERRY_HAVE_VALGRIND
    static const bool running = RUNNING_ON_VALGRIND != 0;
    return running;
#else
    return false;
#endif
}

// Tells memcheck that a copied stack word is defined. A conservative scan reads padding and dead
// slots by design; declaring the copy, never the stack itself, keeps memcheck's view of the
// program's own stack exact (an uninitialised local of a binding is still reported).
inline void declare_defined(uintptr_t& word) {
#ifdef PERRY_HAVE_VALGRIND
    VALGRIND_MAKE_MEM_DEFINED(&word, sizeof word);
#else
    (void)word;
#endif
}

// Reads the main thread's stack from `floor` (the frame of collect(), see there) to its top: the
// frames of the runtime's callers and the registers collect() spilled. The reads are outside any
// object's bounds as far as the sanitizers know, hence no_sanitize (and one word at a time, never
// through a memcpy call, which AddressSanitizer would check).
__attribute__((no_sanitize_address)) void scan_main_stack(Marker& marker, uintptr_t floor) {
    const uintptr_t top = state().stack_top;
    uintptr_t cursor = floor & ~static_cast<uintptr_t>(sizeof(void*) - 1);
    if (top == 0 || cursor >= top) {
        return;
    }
    const bool declare = under_valgrind();
    for (; cursor + sizeof(uintptr_t) <= top; cursor += sizeof(uintptr_t)) {
        uintptr_t word;
        std::memcpy(&word, reinterpret_cast<const void*>(cursor), sizeof word);
        if (declare) {
            declare_defined(word);
        }
        mark_conservative(marker, word);
    }
}

void drain(Marker& marker) {
    while (!marker.worklist.empty()) {
        Header* header = marker.worklist.back();
        marker.worklist.pop_back();
        header->ops->trace(payload_of(header), marker);
    }
}

void sweep_own_blocks(HeapState& heap) {
    auto kept = heap.own_blocks.begin();
    for (Header* header : heap.own_blocks) {
        if (header->marked != 0) {
            header->marked = 0;
            *kept++ = header;
        } else {
            destroy_own_block(header);
        }
    }
    heap.own_blocks.erase(kept, heap.own_blocks.end());
    heap.sorted_prefix = heap.own_blocks.size();
}

} // namespace

// The collection proper. `stack_floor` bounds the stack scan from below: frames deeper than it
// belong to the collector itself, and scanning them would find the header pointers its own
// loops (sort, sweep) left behind, keeping dead objects alive.
void collect_from(uintptr_t stack_floor) {
    HeapState& heap = state();
    if (heap.collecting) {
        return;
    }
    heap.collecting = true;
    const auto started = std::chrono::steady_clock::now();

    sort_own_blocks(heap);
    PerryGcMarker marker;
    scan_main_stack(marker, stack_floor);
    mark_pinned(marker, heap);
    for (const RootScanner& scanner : heap.scanners) {
        scanner.scan(&marker, scanner.userdata);
    }
    {
        std::lock_guard<std::mutex> lock(internal_scanners_mutex());
        for (InternalRootScanner scanner : internal_root_scanners()) {
            scanner(marker);
        }
    }
    drain(marker);

    // Every object of the heap is counted in live_objects; the marked ones survive.
    const uint64_t live_before = heap.live_objects.load(std::memory_order_relaxed);
    heap.small.sweep();
    sweep_own_blocks(heap);
    heap.freed_objects.fetch_add(live_before - marker.marked_objects, std::memory_order_relaxed);
    heap.live_objects.store(marker.marked_objects, std::memory_order_relaxed);
    heap.live_bytes.store(marker.marked_bytes, std::memory_order_relaxed);

    heap.bytes_since_collection = 0;
    heap.collections.fetch_add(1, std::memory_order_relaxed);
    heap.last_pause_ns.store(
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count()));
    heap.collecting = false;
}

// The entry point. __builtin_unwind_init makes the compiler save every callee-saved register in
// this frame, so a caller's value that lives only in a register is on the stack when scanned;
// the frame holds nothing else but `floor`, which marks its bottom.
__attribute__((noinline)) void collect() {
    __builtin_unwind_init();
    volatile char floor = 0;
    collect_from(reinterpret_cast<uintptr_t>(&floor));
}

} // namespace perry::heap::detail

namespace perry::heap {

void Marker::value(PerryValue value) {
    if (void* payload = perry_value_to_pointer(value)) {
        pointer(payload);
    }
}

void Marker::pointer(const void* pointer) {
    detail::mark_address(*this, reinterpret_cast<uintptr_t>(pointer));
}

} // namespace perry::heap

using namespace perry;

extern "C" {

void perry_gc_mark_value(PerryGcMarker* marker, PerryValue value) {
    if (marker != nullptr) {
        marker->value(value);
    }
}

void perry_gc_mark_pointer(PerryGcMarker* marker, const void* pointer) {
    if (marker != nullptr && pointer != nullptr) {
        marker->pointer(pointer);
    }
}

PerryStatus perry_gc_register_root_scanner(const char* name, PerryRootScanFn scan, void* userdata,
                                           uint64_t* out_id) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (name == nullptr || scan == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    auto& scanners = heap::detail::state().scanners;
    for (const auto& existing : scanners) {
        if (existing.name == name) {
            if (existing.scan != scan || existing.userdata != userdata) {
                return runtime::fail(PERRY_STATUS_ALREADY_REGISTERED);
            }
            if (out_id != nullptr) {
                *out_id = existing.id;
            }
            return PERRY_OK;
        }
    }
    const uint64_t id = heap::detail::state().next_scanner_id++;
    scanners.push_back({id, name, scan, userdata});
    if (out_id != nullptr) {
        *out_id = id;
    }
    return PERRY_OK;
}

PerryStatus perry_gc_unregister_root_scanner(uint64_t id) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    auto& scanners = heap::detail::state().scanners;
    auto it = std::find_if(scanners.begin(), scanners.end(),
                           [id](const auto& scanner) { return scanner.id == id; });
    if (it == scanners.end()) {
        return runtime::fail(PERRY_STATUS_NOT_FOUND);
    }
    scanners.erase(it);
    return PERRY_OK;
}

static PerryStatus change_pin(PerryValue value, int delta, const char* function) {
    if (PerryStatus status = runtime::require_main_thread(function); status != PERRY_OK) {
        return status;
    }
    void* payload = perry_value_to_pointer(value);
    if (payload == nullptr) {
        return PERRY_OK; // immediates need no pin
    }
    if (delta > 0) {
        if (!heap::pin(payload)) {
            return runtime::fail(PERRY_STATUS_TOO_LARGE);
        }
    } else if (!heap::unpin(payload)) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    return PERRY_OK;
}

PerryStatus perry_gc_pin(PerryValue value) {
    return change_pin(value, +1, __func__);
}
PerryStatus perry_gc_unpin(PerryValue value) {
    return change_pin(value, -1, __func__);
}

PerryStatus perry_gc_collect(void) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    heap::detail::collect();
    return PERRY_OK;
}

PerryStatus perry_gc_stats(PerryGcStats* out) {
    if (out == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    const auto& heap = heap::detail::state();
    out->live_objects = heap.live_objects.load(std::memory_order_relaxed);
    out->live_bytes = heap.live_bytes.load(std::memory_order_relaxed);
    out->collections = heap.collections.load(std::memory_order_relaxed);
    out->allocated_objects = heap.allocated_objects.load(std::memory_order_relaxed) +
                             heap.arena_allocated_objects.load(std::memory_order_relaxed);
    out->freed_objects = heap.freed_objects.load(std::memory_order_relaxed);
    out->last_pause_ns = heap.last_pause_ns.load(std::memory_order_relaxed);
    return PERRY_OK;
}

bool perry_gc_stress_enabled(void) {
    return heap::detail::state().stress;
}

} // extern "C"
