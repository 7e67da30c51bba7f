// Mark-sweep collection: roots, marking, sweeping, and the GC section of the C API.
#include "heap.h"

#include "heap_state.h"
#include "runtime.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace perry::heap::detail {
namespace {

// Sorts the objects appended since the last collection and merges them into the sorted prefix,
// so that address lookups during marking are a binary search.
void sort_object_index(HeapState& heap) {
    auto middle = heap.objects.begin() + static_cast<std::ptrdiff_t>(heap.sorted_prefix);
    std::sort(middle, heap.objects.end());
    std::inplace_merge(heap.objects.begin(), middle, heap.objects.end());
    heap.sorted_prefix = heap.objects.size();
}

// The object whose block [header, payload end] contains `address`, or null. Interior pointers
// count (native code often holds a pointer to a string's bytes); so does one past the end.
Header* find_object(uintptr_t address) {
    const auto& objects = state().objects;
    if (objects.empty() || address < reinterpret_cast<uintptr_t>(objects.front())) {
        return nullptr;
    }
    auto it = std::upper_bound(objects.begin(), objects.end(), address,
                               [](uintptr_t a, Header* h) { return a < reinterpret_cast<uintptr_t>(h); });
    Header* candidate = *(it - 1);
    uintptr_t end = reinterpret_cast<uintptr_t>(candidate) + sizeof(Header) + candidate->payload_bytes;
    return address <= end ? candidate : nullptr;
}

void mark_header(Marker& marker, Header* header) {
    if (header->marked == 0) {
        header->marked = 1;
        marker.worklist.push_back(header);
    }
}

// A word from the stack or a register: either a raw pointer into an object or a NaN-boxed value.
void mark_conservative(Marker& marker, uintptr_t word) {
    const uint64_t tag = static_cast<uint64_t>(word) >> PERRY_TAG_SHIFT;
    if (tag == PERRY_TAG_OBJECT || tag == PERRY_TAG_STRING || tag == PERRY_TAG_BIGINT) {
        word &= PERRY_PAYLOAD_MASK;
    }
    if (Header* header = find_object(word)) {
        mark_header(marker, header);
    }
}

// Reads the main thread's stack from `floor` (the frame of collect(), see there) to its top: the
// frames of the runtime's callers and the registers collect() spilled. The reads are outside any
// object's bounds as far as the sanitizers know, hence no_sanitize.
__attribute__((no_sanitize_address)) void scan_main_stack(Marker& marker, uintptr_t floor) {
    const uintptr_t top = state().stack_top;
    uintptr_t cursor = floor & ~static_cast<uintptr_t>(sizeof(void*) - 1);
    if (top == 0 || cursor >= top) {
        return;
    }
    for (; cursor + sizeof(uintptr_t) <= top; cursor += sizeof(uintptr_t)) {
        uintptr_t word;
        std::memcpy(&word, reinterpret_cast<const void*>(cursor), sizeof word);
        mark_conservative(marker, word);
    }
}

void drain(Marker& marker) {
    while (!marker.worklist.empty()) {
        Header* header = marker.worklist.back();
        marker.worklist.pop_back();
        if (header->ops->trace != nullptr) {
            header->ops->trace(payload_of(header), marker);
        }
    }
}

void sweep(HeapState& heap) {
    uint64_t freed = 0;
    uint64_t freed_bytes = 0;
    auto kept = heap.objects.begin();
    for (Header* header : heap.objects) {
        if (header->marked != 0) {
            header->marked = 0;
            *kept++ = header;
        } else {
            freed++;
            freed_bytes += header->payload_bytes;
            destroy(header);
        }
    }
    heap.objects.erase(kept, heap.objects.end());
    heap.sorted_prefix = heap.objects.size();
    heap.freed_objects.fetch_add(freed, std::memory_order_relaxed);
    add_main(heap.live_objects, -freed);
    add_main(heap.live_bytes, -freed_bytes);
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

    sort_object_index(heap);
    Marker marker;
    scan_main_stack(marker, stack_floor);
    for (Header* header : heap.objects) {
        if (header->pins != 0) {
            mark_header(marker, header);
        }
    }
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
    sweep(heap);

    heap.bytes_since_collection = 0;
    heap.collections.fetch_add(1, std::memory_order_relaxed);
    heap.last_pause_ns.store(static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                             started)
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

void PerryGcMarker::value(PerryValue value) {
    if (void* payload = perry_value_to_pointer(value)) {
        pointer(payload);
    }
}

void PerryGcMarker::pointer(const void* pointer) {
    using namespace perry::heap;
    if (Header* header = detail::find_object(reinterpret_cast<uintptr_t>(pointer))) {
        detail::mark_header(*this, header);
    }
}

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
    heap::Header* header = heap::header_of(payload);
    if (delta > 0) {
        if (header->pins == UINT16_MAX) {
            return runtime::fail(PERRY_STATUS_TOO_LARGE);
        }
        header->pins++;
    } else {
        if (header->pins == 0) {
            return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        }
        header->pins--;
    }
    return PERRY_OK;
}

PerryStatus perry_gc_pin(PerryValue value) { return change_pin(value, +1, __func__); }
PerryStatus perry_gc_unpin(PerryValue value) { return change_pin(value, -1, __func__); }

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

bool perry_gc_stress_enabled(void) { return heap::detail::state().stress; }

} // extern "C"
