// The small-object space: every object whose block (16-byte Header + payload) is at most
// kMaxSmallBlock bytes lives in a slot of a 256 KiB chunk. A chunk holds slots of one size class
// and, per slot, a bit in each of its bitmaps (live, marked, quarantined), kept outside the chunk.
// Chunks are aligned to their size, so the chunk of any address is `address & ~(kChunkBytes - 1)`,
// checked against a hash table of our chunks: a conservative lookup of an arbitrary word is O(1).
// Allocation takes the next free bit of a cached bitmap word; sweeping is bitmap arithmetic, and
// reads a dead object only when its kind has a finalizer (those kinds get chunks of their own).
//
// Main thread only; task arenas of worker threads use malloc'd blocks (heap.cpp).
#pragma once

#include "heap.h"
#include "size_classes.h"

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define PERRY_HEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PERRY_HEAP_ASAN 1
#endif
#endif
#ifdef PERRY_HEAP_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace perry::heap::small {

inline constexpr size_t kChunkBytes = size_t{256} << 10;
inline constexpr size_t kMaxSlots = kChunkBytes / kGranule;
inline constexpr size_t kBitmapWords = kMaxSlots / 64;

// Under AddressSanitizer a swept slot stays poisoned and unused until this many bytes of slots
// are waiting (then they all become free again), so that a use of a swept object is reported
// rather than silently reading the object that reuses its slot. Without ASan slots are reused at
// once.
#ifdef PERRY_HEAP_ASAN
inline constexpr size_t kDefaultQuarantineBytes = size_t{64} << 20;
#else
inline constexpr size_t kDefaultQuarantineBytes = 0;
#endif

inline void poison(void* address, size_t bytes) {
#ifdef PERRY_HEAP_ASAN
    ASAN_POISON_MEMORY_REGION(address, bytes);
#else
    (void)address, (void)bytes;
#endif
}

inline void unpoison(void* address, size_t bytes) {
#ifdef PERRY_HEAP_ASAN
    ASAN_UNPOISON_MEMORY_REGION(address, bytes);
#else
    (void)address, (void)bytes;
#endif
}

// Calls fn(i) for each set bit i of `bits`, lowest first.
template <typename Fn> void for_each_bit(uint64_t bits, Fn&& fn) {
    while (bits != 0) {
        fn(static_cast<uint32_t>(__builtin_ctzll(bits)));
        bits &= bits - 1;
    }
}

struct Chunk {
    char* base; // kChunkBytes-aligned; slot i starts at base + i * slot_bytes
    uint32_t slot_bytes;
    uint32_t slot_count;
    uint64_t reciprocal;   // ceil(2^32 / slot_bytes): an offset's slot by a multiply, not a divide
    bool finalizable;      // holds only kinds that have a finalizer
    bool used_since_sweep; // the allocator took slots from it since the last sweep
    uint32_t free_slots;   // neither live nor quarantined, as of the last sweep
    uint64_t live[kBitmapWords];
    uint64_t marked[kBitmapWords];
    uint64_t quarantined[kBitmapWords];

    uint32_t word_count() const { return (slot_count + 63) / 64; }
    // Bits of word `w` that stand for real slots (the last word may be partly past the end).
    uint64_t slot_mask(uint32_t w) const {
        const uint32_t bits = slot_count - w * 64;
        return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    }
    // The slot holding byte `offset` (< kChunkBytes) of the chunk; may be >= slot_count.
    uint32_t slot_at(size_t offset) const {
        return static_cast<uint32_t>((offset * reciprocal) >> 32);
    }
    Header* slot(uint32_t index) const {
        return reinterpret_cast<Header*>(base + size_t{index} * slot_bytes);
    }
    bool is_live(uint32_t index) const { return (live[index / 64] >> (index % 64)) & 1; }
    // Sets the mark bit of a live slot; false when it was already set.
    bool mark(uint32_t index) {
        uint64_t& word = marked[index / 64];
        const uint64_t bit = uint64_t{1} << (index % 64);
        if ((word & bit) != 0) {
            return false;
        }
        word |= bit;
        return true;
    }
};

// Our chunks by base address: open addressing with linear probing, rebuilt when a chunk goes.
class ChunkTable {
  public:
    ChunkTable() : slots_(16, nullptr) {}

    // The chunk `address` lies in, or null when that memory is not one of ours.
    Chunk* find(uintptr_t address) const {
        const uintptr_t base = address & ~(uintptr_t{kChunkBytes} - 1);
        if (base < lowest_ || base > highest_) {
            return nullptr; // most non-pointers (small integers, code and stack addresses)
        }
        for (size_t i = hash(base);; i = (i + 1) & (slots_.size() - 1)) {
            Chunk* chunk = slots_[i];
            if (chunk == nullptr || reinterpret_cast<uintptr_t>(chunk->base) == base) {
                return chunk;
            }
        }
    }
    void insert(Chunk* chunk);
    void rebuild(const std::vector<Chunk*>& chunks);

  private:
    size_t hash(uintptr_t base) const {
        // Fibonacci hashing of the chunk number; the top bits index the power-of-two table.
        return static_cast<size_t>(((base / kChunkBytes) * UINT64_C(0x9E3779B97F4A7C15)) >>
                                   (64 - capacity_bits_));
    }
    void place(Chunk* chunk);

    std::vector<Chunk*> slots_;
    unsigned capacity_bits_ = 4;
    size_t count_ = 0;
    uintptr_t lowest_ = UINTPTR_MAX;
    uintptr_t highest_ = 0;
};

class SmallSpace {
  public:
    explicit SmallSpace(size_t quarantine_bytes = kDefaultQuarantineBytes);
    SmallSpace(const SmallSpace&) = delete;
    SmallSpace& operator=(const SmallSpace&) = delete;
    ~SmallSpace() { release_all(); }

    // A slot for a block of `block_bytes` (1..kMaxSmallBlock), marked live, its block bytes
    // addressable and holding whatever was there before; the caller writes the header. Null when
    // no memory is left. `finalizable`: the kind has a finalizer (see sweep).
    Header* allocate(size_t block_bytes, bool finalizable) {
        Cursor& cursor = cursor_for(block_bytes, finalizable);
        if (cursor.free_bits == 0 && !refill(cursor)) {
            return nullptr;
        }
        return take_slot(cursor, block_bytes);
    }
    // The same when the cursor's current word has a free slot (the common case, inlined without
    // a call); null otherwise, and then allocate() refills.
    Header* allocate_from_cursor(size_t block_bytes, bool finalizable) {
        Cursor& cursor = cursor_for(block_bytes, finalizable);
        return cursor.free_bits == 0 ? nullptr : take_slot(cursor, block_bytes);
    }

    // A conservative lookup in two steps. chunk_of: the chunk holding the byte just before
    // `address`, null when that memory is not ours. object_at: the live object whose block holds
    // that byte, null for a free slot or the unused tail of a slot. Taking the byte before means
    // that pointers into an object, one past its end and to its zero-length payload all count,
    // and a pointer to a block's first byte does not (values point at payloads, and the first
    // byte of a slot is one past the end of the previous block when that one fills its slot).
    Chunk* chunk_of(uintptr_t address) const { return table_.find(address - 1); }
    static Header* object_at(const Chunk& chunk, uintptr_t address, uint32_t* out_index);
    // The slot index of a header this space allocated.
    static uint32_t index_of(const Chunk& chunk, const Header* header) {
        return chunk.slot_at(
            static_cast<size_t>(reinterpret_cast<const char*>(header) - chunk.base));
    }

    // Frees every live object whose mark bit is clear (running its kind's finalizer) and
    // clears the marks. Chunks found empty at two sweeps in a row with no allocation between
    // them go back to a small pool or to the system.
    void sweep();
    // Runs the finalizers of all live objects and returns every chunk to the system.
    void release_all();

    // Calls fn(Header*) for every live object.
    template <typename Fn> void for_each_live_object(Fn&& fn) const {
        for (const Chunk* chunk : all_chunks()) {
            for (uint32_t w = 0; w < chunk->word_count(); ++w) {
                for_each_bit(chunk->live[w], [&](uint32_t bit) { fn(chunk->slot(w * 64 + bit)); });
            }
        }
    }

    // For tests and statistics.
    size_t chunk_count() const;
    size_t live_object_count() const;
    size_t quarantined_bytes() const { return quarantined_bytes_; }

  private:
    // Where the next allocation of one size class (finalizable or not) comes from.
    struct Cursor {
        uint64_t free_bits = 0;        // slots of the current word not yet handed out
        uint64_t* live_word = nullptr; // the word's live bits
        char* word_base = nullptr;     // the word's first slot
        uint32_t slot_bytes = 0;
        uint8_t size_class = 0;
        bool finalizable = false;
        Chunk* chunk = nullptr;
        uint32_t next_word = 0;
        size_t next_chunk = 0;      // index into chunks of the next one to try
        std::vector<Chunk*> chunks; // this class's chunks, in allocation order
    };

    Cursor& cursor_for(size_t block_bytes, bool finalizable) {
        return cursors_[finalizable ? 1 : 0][class_of(block_bytes)];
    }
    static Header* take_slot(Cursor& cursor, size_t block_bytes) {
        const uint64_t bit = cursor.free_bits & (~cursor.free_bits + 1);
        cursor.free_bits ^= bit;
        *cursor.live_word |= bit;
        char* slot = cursor.word_base + size_t(__builtin_ctzll(bit)) * cursor.slot_bytes;
        unpoison(slot, block_bytes);
        return reinterpret_cast<Header*>(slot);
    }
    bool refill(Cursor& cursor);
    Chunk* new_chunk(uint8_t size_class, bool finalizable);
    void sweep_chunk(Chunk& chunk);
    void release_quarantine();
    void retire(Chunk* chunk);
    std::vector<Chunk*> all_chunks() const;

    Cursor cursors_[2][kClassCount];
    ChunkTable table_;
    std::vector<Chunk*> pool_; // empty chunks kept mapped for any class
    size_t quarantine_budget_;
    size_t quarantined_bytes_ = 0;
};

} // namespace perry::heap::small
