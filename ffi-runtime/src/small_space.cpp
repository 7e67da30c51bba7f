// The small-object space: chunk memory, the chunk table, refilling the allocation cursors,
// lookups, and the bitmap sweep. See small_space.h.
#include "small_space.h"

#include "platform/platform.h"

#include <cstring>
#include <new>

#ifdef PERRY_HEAP_ASAN
#include <sanitizer/lsan_interface.h>
#endif

namespace perry::heap::small {
namespace {

// Empty chunks kept mapped for reuse by any class (4 MiB), so that a program whose mix of object
// sizes shifts does not unmap memory at one collection and fault fresh pages in at the next.
constexpr size_t kPoolChunks = 16;

// A fresh kChunkBytes-aligned chunk of zero pages, or null.
char* map_chunk() {
    char* base = platform::map_aligned(kChunkBytes, kChunkBytes);
    if (base == nullptr) {
        return nullptr;
    }
    // The chunk is about to be filled: fault its pages in at once where the platform can (traps
    // are slow on virtual machines: a third of a 16-byte string's cost in bench/ffi-core).
    platform::prefault(base, kChunkBytes);
#ifdef PERRY_HEAP_ASAN
    // Objects in chunks hold the only pointers to their malloc'd storage (an object's grown
    // fields, a promise's reactions); LeakSanitizer must see chunks as roots, as it saw the
    // malloc'd objects of the previous heap through the heap's object list.
    __lsan_register_root_region(base, kChunkBytes);
#endif
    return base;
}

void unmap_chunk(char* base) {
#ifdef PERRY_HEAP_ASAN
    __lsan_unregister_root_region(base, kChunkBytes);
    unpoison(base, kChunkBytes); // ASan keeps shadow of unmapped memory; a new map may reuse it
#endif
    platform::release_aligned(base, kChunkBytes);
}

} // namespace

void ChunkTable::place(Chunk* chunk) {
    const uintptr_t base = reinterpret_cast<uintptr_t>(chunk->base);
    size_t i = hash(base);
    while (slots_[i] != nullptr) {
        i = (i + 1) & (slots_.size() - 1);
    }
    slots_[i] = chunk;
    lowest_ = base < lowest_ ? base : lowest_;
    highest_ = base > highest_ ? base : highest_;
}

void ChunkTable::insert(Chunk* chunk) {
    if ((count_ + 1) * 2 > slots_.size()) {
        std::vector<Chunk*> chunks;
        for (Chunk* present : slots_) {
            if (present != nullptr) {
                chunks.push_back(present);
            }
        }
        chunks.push_back(chunk);
        rebuild(chunks);
        return;
    }
    place(chunk);
    count_++;
}

void ChunkTable::rebuild(const std::vector<Chunk*>& chunks) {
    capacity_bits_ = 4;
    while ((size_t{1} << capacity_bits_) < chunks.size() * 2) {
        capacity_bits_++;
    }
    slots_.assign(size_t{1} << capacity_bits_, nullptr);
    lowest_ = UINTPTR_MAX;
    highest_ = 0;
    for (Chunk* chunk : chunks) {
        place(chunk);
    }
    count_ = chunks.size();
}

SmallSpace::SmallSpace(size_t quarantine_bytes) : quarantine_budget_(quarantine_bytes) {
    for (int finalizable = 0; finalizable < 2; ++finalizable) {
        for (size_t size_class = 0; size_class < kClassCount; ++size_class) {
            Cursor& cursor = cursors_[finalizable][size_class];
            cursor.slot_bytes = kSlotBytes[size_class];
            cursor.size_class = static_cast<uint8_t>(size_class);
            cursor.finalizable = finalizable != 0;
        }
    }
}

Header* SmallSpace::object_at(const Chunk& chunk, uintptr_t address, uint32_t* out_index) {
    const size_t offset = address - 1 - reinterpret_cast<uintptr_t>(chunk.base);
    const uint32_t index = chunk.slot_at(offset);
    if (index >= chunk.slot_count || !chunk.is_live(index)) {
        return nullptr;
    }
    Header* header = chunk.slot(index);
    if (address > reinterpret_cast<uintptr_t>(header) + sizeof(Header) + header->payload_bytes) {
        return nullptr; // in the unused tail of the slot
    }
    *out_index = index;
    return header;
}

bool SmallSpace::refill(Cursor& cursor) {
    for (;;) {
        if (Chunk* chunk = cursor.chunk) {
            const uint32_t words = chunk->word_count();
            while (cursor.next_word < words) {
                const uint32_t w = cursor.next_word++;
                const uint64_t free =
                    ~(chunk->live[w] | chunk->quarantined[w]) & chunk->slot_mask(w);
                if (free != 0) {
                    cursor.free_bits = free;
                    cursor.live_word = &chunk->live[w];
                    cursor.word_base = chunk->base + size_t{w} * 64 * chunk->slot_bytes;
                    return true;
                }
            }
            cursor.chunk = nullptr;
        }
        while (cursor.next_chunk < cursor.chunks.size() &&
               cursor.chunks[cursor.next_chunk]->free_slots == 0) {
            cursor.next_chunk++;
        }
        if (cursor.next_chunk < cursor.chunks.size()) {
            cursor.chunk = cursor.chunks[cursor.next_chunk++];
        } else {
            Chunk* fresh = new_chunk(cursor.size_class, cursor.finalizable);
            if (fresh == nullptr) {
                return false;
            }
            cursor.chunks.push_back(fresh);
            cursor.next_chunk = cursor.chunks.size();
            cursor.chunk = fresh;
        }
        cursor.chunk->used_since_sweep = true;
        cursor.next_word = 0;
    }
}

Chunk* SmallSpace::new_chunk(uint8_t size_class, bool finalizable) {
    Chunk* chunk = nullptr;
    if (!pool_.empty()) {
        chunk = pool_.back();
        pool_.pop_back();
    } else {
        char* base = map_chunk();
        if (base == nullptr) {
            return nullptr;
        }
        chunk = new (std::nothrow) Chunk();
        if (chunk == nullptr) {
            unmap_chunk(base);
            return nullptr;
        }
        chunk->base = base;
        poison(base, kChunkBytes); // a slot becomes addressable when it is allocated
    }
    chunk->slot_bytes = kSlotBytes[size_class];
    chunk->slot_count = static_cast<uint32_t>(kChunkBytes / chunk->slot_bytes);
    chunk->reciprocal = ((uint64_t{1} << 32) + chunk->slot_bytes - 1) / chunk->slot_bytes;
    chunk->finalizable = finalizable;
    chunk->used_since_sweep = false;
    chunk->free_slots = chunk->slot_count;
    std::memset(chunk->live, 0, sizeof chunk->live);
    std::memset(chunk->marked, 0, sizeof chunk->marked);
    std::memset(chunk->quarantined, 0, sizeof chunk->quarantined);
    table_.insert(chunk);
    return chunk;
}

void SmallSpace::sweep_chunk(Chunk& chunk) {
    uint32_t occupied = 0;
    const uint32_t words = chunk.word_count();
    for (uint32_t w = 0; w < words; ++w) {
        const uint64_t dead = chunk.live[w] & ~chunk.marked[w];
        if (dead != 0) {
            if (chunk.finalizable) {
                for_each_bit(dead, [&](uint32_t bit) {
                    Header* header = chunk.slot(w * 64 + bit);
                    header->ops->finalize(payload_of(header));
                });
            }
#ifdef PERRY_HEAP_ASAN
            for_each_bit(dead,
                         [&](uint32_t bit) { poison(chunk.slot(w * 64 + bit), chunk.slot_bytes); });
#endif
            if (quarantine_budget_ != 0) {
                chunk.quarantined[w] |= dead;
                quarantined_bytes_ += size_t(__builtin_popcountll(dead)) * chunk.slot_bytes;
            }
        }
        chunk.live[w] = chunk.marked[w]; // only live slots are ever marked
        chunk.marked[w] = 0;
        occupied +=
            static_cast<uint32_t>(__builtin_popcountll(chunk.live[w] | chunk.quarantined[w]));
    }
    chunk.free_slots = chunk.slot_count - occupied;
}

void SmallSpace::release_quarantine() {
    for (auto& by_class : cursors_) {
        for (Cursor& cursor : by_class) {
            for (Chunk* chunk : cursor.chunks) {
                std::memset(chunk->quarantined, 0, sizeof chunk->quarantined);
            }
        }
    }
    quarantined_bytes_ = 0;
}

void SmallSpace::retire(Chunk* chunk) {
    if (pool_.size() < kPoolChunks) {
        poison(chunk->base, kChunkBytes);
        pool_.push_back(chunk);
        return;
    }
    unmap_chunk(chunk->base);
    delete chunk;
}

void SmallSpace::sweep() {
    if (quarantine_budget_ != 0 && quarantined_bytes_ >= quarantine_budget_) {
        release_quarantine(); // before this sweep: what it frees waits at least one cycle
    }
    bool retired = false;
    for (auto& by_class : cursors_) {
        for (Cursor& cursor : by_class) {
            // Start again from the first chunk: this sweep may free slots anywhere.
            cursor.free_bits = 0;
            cursor.chunk = nullptr;
            cursor.next_chunk = 0;
            size_t kept = 0;
            for (Chunk* chunk : cursor.chunks) {
                sweep_chunk(*chunk);
                if (chunk->free_slots == chunk->slot_count && !chunk->used_since_sweep) {
                    retire(chunk);
                    retired = true;
                    continue;
                }
                chunk->used_since_sweep = false;
                cursor.chunks[kept++] = chunk;
            }
            cursor.chunks.resize(kept);
        }
    }
    if (retired) {
        table_.rebuild(all_chunks());
    }
}

void SmallSpace::release_all() {
    for_each_live_object([](Header* header) {
        if (header->ops->finalize != nullptr) {
            header->ops->finalize(payload_of(header));
        }
    });
    for (auto& by_class : cursors_) {
        for (Cursor& cursor : by_class) {
            for (Chunk* chunk : cursor.chunks) {
                unmap_chunk(chunk->base);
                delete chunk;
            }
            cursor.chunks.clear();
            cursor.free_bits = 0;
            cursor.chunk = nullptr;
            cursor.next_chunk = 0;
        }
    }
    for (Chunk* chunk : pool_) {
        unmap_chunk(chunk->base);
        delete chunk;
    }
    pool_.clear();
    table_.rebuild({});
    quarantined_bytes_ = 0;
}

std::vector<Chunk*> SmallSpace::all_chunks() const {
    std::vector<Chunk*> chunks;
    for (const auto& by_class : cursors_) {
        for (const Cursor& cursor : by_class) {
            chunks.insert(chunks.end(), cursor.chunks.begin(), cursor.chunks.end());
        }
    }
    return chunks;
}

size_t SmallSpace::chunk_count() const {
    return all_chunks().size();
}

size_t SmallSpace::live_object_count() const {
    size_t count = 0;
    for_each_live_object([&count](Header*) { count++; });
    return count;
}

} // namespace perry::heap::small
