// Allocation, task arenas, and the heap's life cycle. Collection is in gc.cpp.
#include "heap.h"

#include "heap_state.h"
#include "platform/platform.h"
#include "runtime.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

namespace perry::heap {
namespace {

// The state behind detail::state(), inlined into the allocation path. File-local, so that its
// guard variable is not a global symbol of the archive.
inline detail::HeapState& heap_state() {
    static auto* instance = new detail::HeapState(); // never destroyed: objects may outlive main()
    return *instance;
}

} // namespace

namespace detail {

HeapState& state() {
    return heap_state();
}

void destroy_own_block(Header* header) {
    if (header->ops->finalize != nullptr) {
        header->ops->finalize(payload_of(header));
    }
    std::free(header);
}

} // namespace detail

namespace {

constexpr uint64_t kDefaultThreshold = 8u << 20;

thread_local TaskArena* t_arena = nullptr;

// The heap, for the allocation fast path once on_main_thread_fast() holds (init sets it first).
detail::HeapState* g_main_heap = nullptr;

void init_header(Header* header, const KindOps& ops, size_t payload_bytes, uint8_t flags) {
    header->ops = &ops;
    header->payload_bytes = static_cast<uint32_t>(payload_bytes);
    header->pins = 0;
    header->marked = 0;
    header->flags = flags;
}

// A malloc'd object (large, or of a task arena), or null with OUT_OF_MEMORY recorded.
Header* new_own_block(const KindOps& ops, size_t payload_bytes, bool zero_fill) {
    const size_t bytes = sizeof(Header) + payload_bytes;
    void* block = zero_fill ? std::calloc(1, bytes) : std::malloc(bytes);
    if (block == nullptr) {
        runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
        return nullptr;
    }
    Header* header = static_cast<Header*>(block);
    init_header(header, ops, payload_bytes, kFlagOwnBlock);
    return header;
}

// Puts an object on the heap's list of pinned objects unless it is there already.
void list_pinned(Header* header) {
    if ((header->flags & kFlagPinListed) == 0) {
        header->flags |= kFlagPinListed;
        heap_state().pinned.push_back(header);
    }
}

// Not the main thread: the calling worker's task arena, if it has one.
void* allocate_off_main(const KindOps& ops, size_t payload_bytes, bool zero_fill) {
    if (!runtime::initialized()) {
        runtime::fail(PERRY_STATUS_NOT_INITIALIZED);
        return nullptr;
    }
    TaskArena* arena = t_arena;
    if (arena == nullptr) {
        runtime::fail(PERRY_STATUS_WRONG_THREAD);
        return nullptr;
    }
    Header* header = new_own_block(ops, payload_bytes, zero_fill);
    if (header == nullptr) {
        return nullptr;
    }
    header->pins = 1; // released on the main thread after delivery
    arena->objects.push_back(header);
    arena->bytes += payload_bytes;
    heap_state().arena_allocated_objects.fetch_add(1, std::memory_order_relaxed);
    return payload_of(header);
}

// Writes the header of a slot the small-object space handed out.
inline void init_slot(Header* header, const KindOps& ops, size_t payload_bytes, bool zero_fill) {
    init_header(header, ops, payload_bytes, kFlagNone);
    if (zero_fill) {
        std::memset(payload_of(header), 0, payload_bytes); // a reused slot holds old bytes
    }
}

// Counts a main-thread allocation in the statistics and toward the next collection.
inline void count_allocation(detail::HeapState& heap, size_t payload_bytes) {
    heap.bytes_since_collection += payload_bytes;
    detail::add_main(heap.allocated_objects, 1);
    detail::add_main(heap.live_objects, 1);
    detail::add_main(heap.live_bytes, payload_bytes);
}

// Every allocation but the common case of allocate_object: errors, other threads, a collection
// that is due, large objects, and refilling the small-object cursor.
__attribute__((noinline)) void* allocate_slow(const KindOps& ops, size_t payload_bytes,
                                              bool zero_fill) {
    if (payload_bytes > kMaxPayloadBytes) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return nullptr;
    }
    if (!runtime::on_main_thread_fast()) {
        return allocate_off_main(ops, payload_bytes, zero_fill);
    }
    auto& heap = heap_state();
    if (heap.stress || heap.bytes_since_collection + payload_bytes > heap.threshold) {
        detail::collect();
    }
    const size_t block_bytes = sizeof(Header) + payload_bytes;
    Header* header = nullptr;
    if (block_bytes <= small::kMaxSmallBlock) {
        header = heap.small.allocate(block_bytes, ops.finalize != nullptr);
        if (header == nullptr) {
            runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
            return nullptr;
        }
        init_slot(header, ops, payload_bytes, zero_fill);
    } else {
        header = new_own_block(ops, payload_bytes, zero_fill);
        if (header == nullptr) {
            return nullptr;
        }
        heap.own_blocks.push_back(header);
    }
    count_allocation(heap, payload_bytes);
    return payload_of(header);
}

// The common case, inlined into both entry points: a small object on the main thread, no
// collection due, a free slot in the cursor's word. It calls nothing but the zero fill, so it
// needs almost no frame; everything else is a tail call to allocate_slow.
__attribute__((always_inline)) inline void* allocate_object(const KindOps& ops,
                                                            size_t payload_bytes, bool zero_fill) {
    if (payload_bytes > small::kMaxSmallBlock - sizeof(Header) || !runtime::on_main_thread_fast()) {
        return allocate_slow(ops, payload_bytes, zero_fill);
    }
    detail::HeapState& heap = *g_main_heap; // set by init, which made this the main thread
    if (heap.stress || heap.bytes_since_collection + payload_bytes > heap.threshold) {
        return allocate_slow(ops, payload_bytes, zero_fill);
    }
    Header* header =
        heap.small.allocate_from_cursor(sizeof(Header) + payload_bytes, ops.finalize != nullptr);
    if (header == nullptr) {
        return allocate_slow(ops, payload_bytes, zero_fill);
    }
    init_slot(header, ops, payload_bytes, zero_fill);
    count_allocation(heap, payload_bytes);
    return payload_of(header);
}

} // namespace

void* allocate(const KindOps& ops, size_t payload_bytes) {
    return allocate_object(ops, payload_bytes, true);
}

void* allocate_uninitialized(const KindOps& ops, size_t payload_bytes) {
    return allocate_object(ops, payload_bytes, false);
}

bool is_kind(PerryValue value, const KindOps& ops) {
    void* payload = perry_value_to_pointer(value);
    return payload != nullptr && header_of(payload)->ops == &ops;
}

bool pin(const void* payload) {
    Header* header = header_of(payload);
    if (header->pins == UINT16_MAX) {
        return false;
    }
    if (header->pins++ == 0) {
        list_pinned(header); // a worker's arena objects start with a pin: never listed here
    }
    return true;
}

bool unpin(const void* payload) {
    Header* header = header_of(payload);
    if (header->pins == 0) {
        return false;
    }
    header->pins--; // the next collection drops it from the list when this was the last pin
    return true;
}

void set_thread_arena(TaskArena* arena) {
    t_arena = arena;
}

void adopt_arena(TaskArena& arena) {
    auto& heap = heap_state();
    for (Header* header : arena.objects) {
        heap.own_blocks.push_back(header);
        list_pinned(header);
    }
    detail::add_main(heap.live_objects, arena.objects.size());
    detail::add_main(heap.live_bytes, arena.bytes);
    heap.bytes_since_collection += arena.bytes;
}

void release_arena(TaskArena& arena) {
    for (Header* header : arena.objects) {
        unpin(payload_of(header));
    }
    arena.objects.clear();
    arena.bytes = 0;
}

void discard_arena(TaskArena& arena) {
    for (Header* header : arena.objects) {
        detail::destroy_own_block(header);
    }
    arena.objects.clear();
    arena.bytes = 0;
}

namespace detail {

std::mutex& internal_scanners_mutex() {
    static auto* mutex = new std::mutex();
    return *mutex;
}

std::vector<InternalRootScanner>& internal_root_scanners() {
    static auto* scanners = new std::vector<InternalRootScanner>();
    return *scanners;
}

} // namespace detail

void add_internal_root_scanner(InternalRootScanner scanner) {
    std::lock_guard<std::mutex> lock(detail::internal_scanners_mutex());
    auto& scanners = detail::internal_root_scanners();
    for (InternalRootScanner existing : scanners) {
        if (existing == scanner) {
            return;
        }
    }
    scanners.push_back(scanner);
}

void init(uint64_t gc_threshold, bool stress, bool tune_malloc, uintptr_t stack_top) {
    // Large payloads (a JSON text, a file's contents) are malloc'd one by one and freed by a
    // sweep in bursts. With glibc's defaults the burst goes back to the kernel (trim, or munmap
    // above the dynamic mmap threshold) and the next large allocation faults every page in
    // again: on these VMs that doubled the cost of a 1 MB perry_json_stringify (bench/ffi-json).
    // The platform layer keeps freed memory where its allocator allows.
    if (tune_malloc) {
        platform::tune_malloc();
    }
    auto& heap = heap_state();
    g_main_heap = &heap;
    heap.threshold = gc_threshold != 0 ? gc_threshold : kDefaultThreshold;
    heap.stress = stress;
    heap.stack_top = stack_top;
    heap.bytes_since_collection = 0;
    heap.live_objects = 0;
    heap.live_bytes = 0;
    heap.collections = 0;
    heap.allocated_objects = 0;
    heap.arena_allocated_objects = 0;
    heap.freed_objects = 0;
    heap.last_pause_ns = 0;
}

void shutdown() {
    auto& heap = heap_state();
    heap.small.release_all();
    for (Header* header : heap.own_blocks) {
        detail::destroy_own_block(header);
    }
    heap.own_blocks.clear();
    heap.own_blocks.shrink_to_fit();
    heap.sorted_prefix = 0;
    heap.pinned.clear();
    heap.scanners.clear();
    heap.live_objects = 0;
    heap.live_bytes = 0;
}

} // namespace perry::heap
