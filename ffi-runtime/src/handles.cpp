// The handle registry: typed ids for native pointers, with generations, lock-free lookups and a
// quarantine of freed slots.
//
// An id is `generation << 32 | slot index`: generation >= 1 (so an id is never 0) and < 2^21 (so
// an id is < 2^53, exact in a double). Each slot has one atomic word `generation << 32 | live
// bit | taken bit | count of perry_handle_with calls in progress`; its fields (pointer, type,
// destructor) are written only while the slot is free, before the word publishes them, so a
// lookup is two loads of the word around the loads of the fields (a seqlock without retries).
#include "handles.h"

#include "runtime.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace perry::handles {
namespace {

constexpr uint32_t kChunkBits = 14;
constexpr uint32_t kChunkSize = 1u << kChunkBits;
constexpr uint32_t kMaxChunks = 1024;
constexpr uint32_t kMaxSlots = kChunkSize * kMaxChunks; // 16M live handles
constexpr uint64_t kMaxGeneration = (UINT64_C(1) << 21) - 1;

constexpr uint64_t kLiveBit = UINT64_C(1) << 31;
constexpr uint64_t kTakenBit = UINT64_C(1) << 30;
constexpr uint64_t kUsersMask = kTakenBit - 1;

uint64_t generation_of(uint64_t word) {
    return word >> 32;
}
bool is_live(uint64_t word) {
    return (word & kLiveBit) != 0;
}
uint64_t users_of(uint64_t word) {
    return word & kUsersMask;
}

struct Slot {
    std::atomic<uint64_t> word{0};
    std::atomic<void*> pointer{nullptr};
    std::atomic<const void*> type{nullptr};
    std::atomic<PerryHandleDestructor> destructor{nullptr};
};

struct Registry {
    std::atomic<Slot*> chunks[kMaxChunks] = {};
    // Guarded by `mutex`: slot allocation, the free list and the quarantine.
    std::mutex mutex;
    uint32_t slot_count = 0;
    std::vector<uint32_t> free;
    std::vector<uint32_t> quarantine;
    bool shutdown_hook_added = false;
    std::atomic<size_t> live{0};
};

Registry& registry() {
    static auto* instance = new Registry(); // never destroyed: handles may be used at exit
    return *instance;
}

// A slot that exists (index < slot_count, or a chunk known to be allocated).
Slot& slot_at(Registry& r, uint32_t index) {
    return r.chunks[index >> kChunkBits].load(std::memory_order_acquire)[index & (kChunkSize - 1)];
}

// Calls visit(id) for each live handle of `type` (null: of every type), in slot order, under
// the registry lock (so `visit` must not call back into the registry).
template <class Visit> void for_each_live(PerryHandleType type, Visit&& visit) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    for (uint32_t index = 0; index < r.slot_count; ++index) {
        Slot& slot = slot_at(r, index);
        const uint64_t word = slot.word.load(std::memory_order_acquire);
        if (is_live(word) &&
            (type == nullptr || slot.type.load(std::memory_order_relaxed) == type)) {
            visit(static_cast<PerryHandle>((generation_of(word) << 32) | index));
        }
    }
}

std::vector<PerryHandle> live_ids(PerryHandleType type) {
    std::vector<PerryHandle> ids;
    for_each_live(type, [&ids](PerryHandle id) { ids.push_back(id); });
    return ids;
}

// Ids this thread currently holds through perry_handle_with (take waits for the others).
thread_local std::vector<PerryHandle> t_holds;

struct Decoded {
    Slot* slot;
    uint32_t index;
    uint64_t generation;
};

// The slot an id names, or a failure status (INVALID_ARGUMENT for 0, STALE_HANDLE for an id that
// was never issued).
PerryStatus decode(PerryHandle id, Decoded* out) {
    if (id == 0) {
        return PERRY_STATUS_INVALID_ARGUMENT;
    }
    const auto bits = static_cast<uint64_t>(id);
    const uint64_t generation = bits >> 32;
    const auto index = static_cast<uint32_t>(bits & 0xFFFFFFFF);
    if (id < 0 || generation == 0 || generation > kMaxGeneration || index >= kMaxSlots) {
        return PERRY_STATUS_STALE_HANDLE;
    }
    Slot* chunk = registry().chunks[index >> kChunkBits].load(std::memory_order_acquire);
    if (chunk == nullptr) {
        return PERRY_STATUS_STALE_HANDLE;
    }
    *out = {&chunk[index & (kChunkSize - 1)], index, generation};
    return PERRY_OK;
}

// Returns the slot to the registry after its last use: runs the destructor unless the handle
// was taken, and quarantines the slot (or retires it when its generations are exhausted).
void finish(const Decoded& d, uint64_t last_word) {
    void* pointer = d.slot->pointer.load(std::memory_order_relaxed);
    PerryHandleDestructor destructor = d.slot->destructor.load(std::memory_order_relaxed);
    if (generation_of(last_word) < kMaxGeneration) {
        Registry& r = registry();
        std::lock_guard<std::mutex> lock(r.mutex);
        r.quarantine.push_back(d.index);
    }
    if ((last_word & kTakenBit) == 0 && destructor != nullptr) {
        destructor(pointer);
    }
}

// Ends one perry_handle_with hold; the last hold of a dropped handle finishes it.
void release(const Decoded& d) {
    const uint64_t before = d.slot->word.fetch_sub(1, std::memory_order_acq_rel);
    if (!is_live(before) && users_of(before) == 1) {
        finish(d, before - 1);
    }
}

// Runs `body(pointer)` under a hold taken by acquire(), then releases it.
template <class Body> void run_held(const Decoded& d, PerryHandle id, Body&& body) {
    t_holds.push_back(id);
    body(d.slot->pointer.load(std::memory_order_relaxed));
    t_holds.erase(std::find(t_holds.begin(), t_holds.end(), id));
    release(d);
}

// Takes a hold on a live handle of `type` (null: any); the fields are stable while held.
PerryStatus acquire(PerryHandle id, PerryHandleType type, Decoded* d) {
    if (PerryStatus status = decode(id, d); status != PERRY_OK) {
        return status;
    }
    uint64_t word = d->slot->word.load(std::memory_order_acquire);
    for (;;) {
        if (generation_of(word) != d->generation || !is_live(word)) {
            return PERRY_STATUS_STALE_HANDLE;
        }
        if (users_of(word) == kUsersMask) {
            return PERRY_STATUS_TOO_LARGE;
        }
        if (d->slot->word.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel)) {
            break;
        }
    }
    if (type != nullptr && d->slot->type.load(std::memory_order_relaxed) != type) {
        release(*d);
        return PERRY_STATUS_WRONG_HANDLE_TYPE;
    }
    return PERRY_OK;
}

// Unregisters a live handle of `type` (null: any). `taken` leaves the destructor to the caller.
// On success returns the pointer and the word that was replaced.
PerryStatus unregister(PerryHandle id, PerryHandleType type, bool taken, Decoded* d,
                       void** out_pointer, uint64_t* out_word) {
    if (PerryStatus status = decode(id, d); status != PERRY_OK) {
        return status;
    }
    uint64_t word = d->slot->word.load(std::memory_order_acquire);
    for (;;) {
        if (generation_of(word) != d->generation || !is_live(word)) {
            return PERRY_STATUS_STALE_HANDLE;
        }
        // While live, the fields belong to this generation.
        if (type != nullptr && d->slot->type.load(std::memory_order_relaxed) != type) {
            return PERRY_STATUS_WRONG_HANDLE_TYPE;
        }
        *out_pointer = d->slot->pointer.load(std::memory_order_relaxed);
        const uint64_t next = (word & ~kLiveBit) | (taken ? kTakenBit : 0);
        if (d->slot->word.compare_exchange_weak(word, next, std::memory_order_acq_rel)) {
            *out_word = next;
            break;
        }
    }
    registry().live.fetch_sub(1, std::memory_order_relaxed);
    return PERRY_OK;
}

void shutdown_hook() {
    {
        Registry& r = registry();
        std::lock_guard<std::mutex> lock(r.mutex);
        r.shutdown_hook_added = false;
    }
    for (PerryHandle id : live_ids(nullptr)) {
        perry_handle_drop(id, nullptr);
    }
    end_pump_turn();
}

} // namespace

void end_pump_turn() {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.free.insert(r.free.end(), r.quarantine.begin(), r.quarantine.end());
    r.quarantine.clear();
}

size_t quarantined_count() {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    return r.quarantine.size();
}

} // namespace perry::handles

using namespace perry;
using namespace perry::handles;

extern "C" {

PerryHandle perry_handle_register(void* pointer, PerryHandleType type,
                                  PerryHandleDestructor destructor) {
    if (!runtime::initialized()) {
        runtime::fail(PERRY_STATUS_NOT_INITIALIZED);
        return PERRY_HANDLE_INVALID;
    }
    if (pointer == nullptr || type == nullptr) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_HANDLE_INVALID;
    }
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (r.free.empty()) {
        if (r.slot_count < kMaxSlots) {
            const uint32_t chunk = r.slot_count >> kChunkBits;
            if (r.chunks[chunk].load(std::memory_order_relaxed) == nullptr) {
                Slot* slots = new (std::nothrow) Slot[kChunkSize];
                if (slots == nullptr) {
                    runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
                    return PERRY_HANDLE_INVALID;
                }
                r.chunks[chunk].store(slots, std::memory_order_release);
            }
            r.free.push_back(r.slot_count++);
        } else if (!r.quarantine.empty()) {
            // Every slot is in use or quarantined: recycle the quarantine early rather than fail.
            // Generations still keep stale ids from reaching the new objects.
            r.free.swap(r.quarantine);
        } else {
            runtime::fail(PERRY_STATUS_TOO_LARGE);
            return PERRY_HANDLE_INVALID;
        }
    }
    const uint32_t index = r.free.back();
    r.free.pop_back();
    Slot& slot = slot_at(r, index);
    const uint64_t generation = generation_of(slot.word.load(std::memory_order_relaxed)) + 1;
    // Pairs with the fence in perry_handle_get: a reader that sees these fields sees the slot's
    // earlier drop too, so its second look at the word fails.
    std::atomic_thread_fence(std::memory_order_release);
    slot.pointer.store(pointer, std::memory_order_relaxed);
    slot.type.store(type, std::memory_order_relaxed);
    slot.destructor.store(destructor, std::memory_order_relaxed);
    slot.word.store((generation << 32) | kLiveBit, std::memory_order_release);
    r.live.fetch_add(1, std::memory_order_relaxed);
    if (!r.shutdown_hook_added) {
        runtime::add_shutdown_hook(shutdown_hook);
        r.shutdown_hook_added = true;
    }
    return static_cast<PerryHandle>((generation << 32) | index);
}

void* perry_handle_get(PerryHandle id, PerryHandleType type) {
    Decoded d;
    if (PerryStatus status = decode(id, &d); status != PERRY_OK) {
        runtime::fail(status);
        return nullptr;
    }
    if (type == nullptr) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return nullptr;
    }
    const uint64_t before = d.slot->word.load(std::memory_order_acquire);
    const void* slot_type = d.slot->type.load(std::memory_order_relaxed);
    void* pointer = d.slot->pointer.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    const uint64_t after = d.slot->word.load(std::memory_order_relaxed);
    if (generation_of(before) != d.generation || !is_live(before) ||
        generation_of(after) != d.generation || !is_live(after)) {
        runtime::fail(PERRY_STATUS_STALE_HANDLE);
        return nullptr;
    }
    if (slot_type != type) {
        runtime::fail(PERRY_STATUS_WRONG_HANDLE_TYPE);
        return nullptr;
    }
    return pointer;
}

PerryStatus perry_handle_with(PerryHandle id, PerryHandleType type, PerryHandleFn fn,
                              void* userdata) {
    if (type == nullptr || fn == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    Decoded d;
    if (PerryStatus status = acquire(id, type, &d); status != PERRY_OK) {
        return runtime::fail(status);
    }
    run_held(d, id, [&](void* pointer) { fn(pointer, userdata); });
    return PERRY_OK;
}

void* perry_handle_take(PerryHandle id, PerryHandleType type) {
    if (type == nullptr) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return nullptr;
    }
    Decoded d;
    void* pointer = nullptr;
    uint64_t word = 0;
    if (PerryStatus status = unregister(id, type, true, &d, &pointer, &word); status != PERRY_OK) {
        runtime::fail(status);
        return nullptr;
    }
    const auto own = static_cast<uint64_t>(std::count(t_holds.begin(), t_holds.end(), id));
    if (users_of(word) == 0) {
        finish(d, word); // taken: quarantines the slot, runs no destructor
        return pointer;
    }
    // Other threads' holds end on their own; wait for them so that the caller owns the object
    // alone. Our own holds end after we return (and the last one quarantines the slot).
    for (;;) {
        const uint64_t now = d.slot->word.load(std::memory_order_acquire);
        if (generation_of(now) != d.generation || users_of(now) <= own) {
            break;
        }
        std::this_thread::yield();
    }
    return pointer;
}

PerryStatus perry_handle_drop(PerryHandle id, PerryHandleType type) {
    Decoded d;
    void* pointer = nullptr;
    uint64_t word = 0;
    if (PerryStatus status = unregister(id, type, false, &d, &pointer, &word); status != PERRY_OK) {
        return runtime::fail(status);
    }
    if (users_of(word) == 0) {
        finish(d, word);
    }
    return PERRY_OK;
}

bool perry_handle_exists(PerryHandle id, PerryHandleType type) {
    Decoded d;
    if (decode(id, &d) != PERRY_OK) {
        return false;
    }
    const uint64_t before = d.slot->word.load(std::memory_order_acquire);
    const void* slot_type = d.slot->type.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    const uint64_t after = d.slot->word.load(std::memory_order_relaxed);
    return generation_of(before) == d.generation && is_live(before) &&
           generation_of(after) == d.generation && is_live(after) &&
           (type == nullptr || slot_type == type);
}

PerryStatus perry_handle_iterate(PerryHandleType type, PerryHandleIterFn fn, void* userdata) {
    if (type == nullptr || fn == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    std::vector<PerryHandle> ids;
    try {
        ids = live_ids(type);
    } catch (const std::bad_alloc&) {
        return runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
    }
    for (PerryHandle id : ids) {
        Decoded d;
        if (acquire(id, type, &d) != PERRY_OK) {
            continue; // dropped since the snapshot
        }
        run_held(d, id, [&](void* pointer) { fn(id, pointer, userdata); });
    }
    return PERRY_OK;
}

size_t perry_handle_count(PerryHandleType type) {
    if (type == nullptr) {
        return registry().live.load(std::memory_order_relaxed);
    }
    size_t count = 0;
    for_each_live(type, [&count](PerryHandle) { ++count; });
    return count;
}

} // extern "C"
