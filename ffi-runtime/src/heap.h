// The garbage-collected heap: every string, BigInt, Buffer, array, object, closure and promise
// is one heap object. Internal to the runtime; bindings see only perry/ffi.h.
//
// Each object is a block: a 16-byte Header, then the payload. Values point at the payload (a
// PerryStringHeader*, a PerryArrayHeader*, ...), so the layouts pinned by the ABI are exactly what
// a binding sees, and the header stays private. Objects never move. Blocks up to 8 KiB are slots
// of the small-object space (small_space.h); larger ones, and those of task arenas, are malloc'd
// one by one ("own blocks").
#pragma once

#include "perry/ffi.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace perry::heap {

class Marker;

// What the GC needs to know of one kind of object. One constant instance per kind, defined next
// to the kind's code; objects point at it, so no registration is needed.
struct KindOps {
    PerryKind kind;
    const char* name;
    // Marks every value or pointer the payload holds; null when the kind holds none.
    void (*trace)(void* payload, Marker& marker);
    // Releases what the payload owns outside the heap (malloc'd storage); null when nothing.
    // Runs during sweep and at shutdown: it must not allocate or touch other objects.
    void (*finalize)(void* payload);
};

enum HeaderFlags : uint8_t {
    kFlagNone = 0,
    kFlagOwnBlock = 1,  // a malloc'd block, not a slot of the small-object space
    kFlagPinListed = 2, // in the heap's list of pinned objects (see pin)
};

struct alignas(16) Header {
    const KindOps* ops;
    uint32_t payload_bytes;
    uint16_t pins;  // > 0: a root (perry_gc_pin, undelivered task results)
    uint8_t marked; // own blocks: set during a collection only (slots have a mark bitmap)
    uint8_t flags;  // HeaderFlags
};
static_assert(sizeof(Header) == 16, "the header is part of every object's cost");

inline Header* header_of(const void* payload) {
    return reinterpret_cast<Header*>(const_cast<char*>(static_cast<const char*>(payload)) -
                                     sizeof(Header));
}
inline void* payload_of(Header* header) {
    return reinterpret_cast<char*>(header) + sizeof(Header);
}

// The largest payload one object may have (payload_bytes is a u32 and the ABI's lengths are u32).
constexpr size_t kMaxPayloadBytes = UINT32_MAX - sizeof(Header);

// Allocates a zero-filled payload of `payload_bytes` for a kind. On the main thread this may run
// a collection first (threshold or stress mode), so every value the caller still needs must be
// on its stack, pinned, or reachable from a root. Off the main thread it allocates into the
// calling thread's task arena (see TaskArena) and fails with WRONG_THREAD when there is none.
// Returns nullptr and sets the thread's last status on failure.
void* allocate(const KindOps& ops, size_t payload_bytes);
// The same without the zero fill, for a caller that writes every payload byte before its next
// call into the runtime. Only for kinds without a trace function (a collection could otherwise
// trace the stale bytes).
void* allocate_uninitialized(const KindOps& ops, size_t payload_bytes);

// True when `value` is a heap value (object, string or BigInt tag) of this kind.
bool is_kind(PerryValue value, const KindOps& ops);
// The kind of a heap pointer's object. The pointer must be a payload this heap allocated.
inline const KindOps* ops_of(const void* payload) {
    return header_of(payload)->ops;
}

// Pins keep an object alive (perry_gc_pin, shapes, rooted promises). The collector finds pinned
// objects through a list that an object joins on its first pin, not by walking the heap. Main
// thread (or a worker, on an object of its own task arena, which is pinned already).
// pin: false when the count is at its maximum (65535); unpin: false when it is not pinned.
bool pin(const void* payload);
bool unpin(const void* payload);

// Objects a blocking task allocates on a worker thread: own blocks, whatever their size, since the
// small-object space belongs to the main thread. They stay out of the heap (so a collection on
// the main thread neither sweeps nor traces them while the worker still writes to them) until the
// main thread adopts the arena, and stay pinned until it releases them.
struct TaskArena {
    std::vector<Header*> objects;
    size_t bytes = 0;
};

// Sets the arena that allocations on the calling (worker) thread go to; nullptr to clear.
void set_thread_arena(TaskArena* arena);
// Main thread: moves the arena's objects into the heap. They stay pinned (one pin each).
void adopt_arena(TaskArena& arena);
// Main thread: drops the pin adopt_arena kept; the objects become ordinary garbage.
void release_arena(TaskArena& arena);
// Frees an arena's objects that were never adopted (a task whose result was discarded).
void discard_arena(TaskArena& arena);

// Roots of the runtime's own subsystems (pending promises, queued jobs). Unlike the scanners a
// binding registers, these persist across init/shutdown cycles. Registration is idempotent.
using InternalRootScanner = void (*)(Marker& marker);
void add_internal_root_scanner(InternalRootScanner scanner);

// Called by runtime init/shutdown. `stack_top` bounds the main thread's stack scan (the platform
// layer's current_stack_top, nonzero).
void init(uint64_t gc_threshold, bool stress, bool tune_malloc, uintptr_t stack_top);
void shutdown();

// The marking state handed to trace functions and root scanners. Its members live in namespace
// perry so that the archive defines no global outside the runtime's prefixes.
class Marker {
  public:
    void value(PerryValue value);
    // Marks the object a pointer points into (interior pointers included); others are ignored.
    void pointer(const void* pointer);

    std::vector<Header*> worklist; // marked objects whose kind has a trace function
    uint64_t marked_objects = 0;   // what survives this collection
    uint64_t marked_bytes = 0;
};

} // namespace perry::heap

// The C API's opaque marker: a collection's Marker, created as this type so that a scanner's
// PerryGcMarker* and the collector's Marker& name the same object.
struct PerryGcMarker final : perry::heap::Marker {};
