// Allocation, task arenas, and the heap's life cycle. Collection is in gc.cpp.
#include "heap.h"

#include "heap_state.h"
#include "runtime.h"

#include <cstdlib>
#include <malloc.h>
#include <mutex>
#include <new>
#include <pthread.h>

namespace perry::heap {
namespace detail {

HeapState& state() {
    static HeapState* instance = new HeapState(); // never destroyed: objects may outlive main()
    return *instance;
}

void destroy(Header* header) {
    if (header->ops->finalize != nullptr) {
        header->ops->finalize(payload_of(header));
    }
    std::free(header);
}

} // namespace detail

using detail::state;

namespace {

constexpr uint64_t kDefaultThreshold = 8u << 20;

thread_local TaskArena* t_arena = nullptr;

Header* new_object(const KindOps& ops, size_t payload_bytes) {
    void* block = std::calloc(1, sizeof(Header) + payload_bytes);
    if (block == nullptr) {
        runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
        return nullptr;
    }
    Header* header = static_cast<Header*>(block);
    header->ops = &ops;
    header->payload_bytes = static_cast<uint32_t>(payload_bytes);
    return header;
}

uintptr_t main_stack_top() {
    pthread_attr_t attr;
    void* base = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) {
        return 0;
    }
    pthread_attr_getstack(&attr, &base, &size);
    pthread_attr_destroy(&attr);
    return reinterpret_cast<uintptr_t>(base) + size;
}

} // namespace

void* allocate(const KindOps& ops, size_t payload_bytes) {
    if (payload_bytes > kMaxPayloadBytes) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return nullptr;
    }
    if (!runtime::initialized()) {
        runtime::fail(PERRY_STATUS_NOT_INITIALIZED);
        return nullptr;
    }
    auto& heap = state();
    if (!runtime::on_main_thread()) {
        TaskArena* arena = t_arena;
        if (arena == nullptr) {
            runtime::fail(PERRY_STATUS_WRONG_THREAD);
            return nullptr;
        }
        Header* header = new_object(ops, payload_bytes);
        if (header == nullptr) {
            return nullptr;
        }
        header->pins = 1; // released on the main thread after delivery
        arena->objects.push_back(header);
        arena->bytes += payload_bytes;
        heap.arena_allocated_objects.fetch_add(1, std::memory_order_relaxed);
        return payload_of(header);
    }
    if (heap.stress || heap.bytes_since_collection + payload_bytes > heap.threshold) {
        detail::collect();
    }
    Header* header = new_object(ops, payload_bytes);
    if (header == nullptr) {
        return nullptr;
    }
    heap.objects.push_back(header);
    heap.bytes_since_collection += payload_bytes;
    detail::add_main(heap.allocated_objects, 1);
    detail::add_main(heap.live_objects, 1);
    detail::add_main(heap.live_bytes, payload_bytes);
    return payload_of(header);
}

bool is_kind(PerryValue value, const KindOps& ops) {
    void* payload = perry_value_to_pointer(value);
    return payload != nullptr && header_of(payload)->ops == &ops;
}

void set_thread_arena(TaskArena* arena) { t_arena = arena; }

void adopt_arena(TaskArena& arena) {
    auto& heap = state();
    for (Header* header : arena.objects) {
        heap.objects.push_back(header);
    }
    detail::add_main(heap.live_objects, arena.objects.size());
    detail::add_main(heap.live_bytes, arena.bytes);
    heap.bytes_since_collection += arena.bytes;
}

void release_arena(TaskArena& arena) {
    for (Header* header : arena.objects) {
        header->pins--;
    }
    arena.objects.clear();
    arena.bytes = 0;
}

void discard_arena(TaskArena& arena) {
    for (Header* header : arena.objects) {
        detail::destroy(header);
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

// Large payloads (a JSON text, a file's contents) are calloc'd one by one and freed by a sweep in
// bursts. With glibc's defaults the burst goes back to the kernel (trim, or munmap above the
// dynamic mmap threshold) and the next large allocation faults every page in again: on these
// VMs that doubled the cost of a 1 MB perry_json_stringify (bench/ffi-json). Keeping up to
// 64 MiB of freed memory and serving blocks below 32 MiB from the arena removes that.
// Process-wide, once; other allocators (ASan's, musl) ignore or lack it.
static void tune_malloc_once() {
#if defined(__GLIBC__)
    static const bool tuned = [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 64 << 20);
        return true;
    }();
    (void)tuned;
#endif
}

void init(uint64_t gc_threshold, bool stress, bool tune_malloc) {
    if (tune_malloc) {
        tune_malloc_once();
    }
    auto& heap = state();
    heap.threshold = gc_threshold != 0 ? gc_threshold : kDefaultThreshold;
    heap.stress = stress;
    heap.stack_top = main_stack_top();
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
    auto& heap = state();
    for (Header* header : heap.objects) {
        detail::destroy(header);
    }
    heap.objects.clear();
    heap.objects.shrink_to_fit();
    heap.sorted_prefix = 0;
    heap.scanners.clear();
    heap.live_objects = 0;
    heap.live_bytes = 0;
}

} // namespace perry::heap
