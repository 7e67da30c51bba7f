// The small-object space (ffi-runtime/src/small_space.h): size classes, slot lookups of arbitrary
// addresses, sweeping and reuse, the quarantine, finalizers; then the runtime heap built on it:
// the boundary between slots and malloc'd blocks, pins, and statistics over many collections.
#include "gc_testing.h"
#include "heap_state.h"
#include "small_space.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

using namespace perry::heap;
using namespace perry::heap::small;
using perry::testing::gc_stats;

namespace {

uint64_t g_finalized = 0;
void count_finalized(void*) {
    g_finalized++;
}

const KindOps kPlainOps{PERRY_KIND_INTERNAL, "test-plain", nullptr, nullptr};
const KindOps kFinalizedOps{PERRY_KIND_INTERNAL, "test-finalized", nullptr, count_finalized};

uintptr_t address_of(const void* pointer) {
    return reinterpret_cast<uintptr_t>(pointer);
}

// A block with a payload of `payload` bytes in `space`, its header written as heap.cpp writes it.
Header* place(SmallSpace& space, const KindOps& ops, size_t payload) {
    Header* header = space.allocate(sizeof(Header) + payload, ops.finalize != nullptr);
    if (header != nullptr) {
        header->ops = &ops;
        header->payload_bytes = static_cast<uint32_t>(payload);
        header->pins = 0;
        header->marked = 0;
        header->flags = kFlagNone;
    }
    return header;
}

// The object the collector would mark for a word holding `address`.
Header* lookup(const SmallSpace& space, uintptr_t address) {
    const Chunk* chunk = space.chunk_of(address);
    uint32_t index = 0;
    return chunk == nullptr ? nullptr : SmallSpace::object_at(*chunk, address, &index);
}

void mark(SmallSpace& space, Header* header) {
    Chunk* chunk = space.chunk_of(address_of(payload_of(header)));
    ASSERT_NE(chunk, nullptr);
    chunk->mark(SmallSpace::index_of(*chunk, header));
}

} // namespace

TEST(SizeClasses, EveryBlockGetsTheSmallestSlotThatHoldsIt) {
    for (size_t block = 1; block <= kMaxSmallBlock; ++block) {
        const size_t size_class = class_of(block);
        ASSERT_LT(size_class, kClassCount);
        const size_t slot = kSlotBytes[size_class];
        ASSERT_GE(slot, block);
        if (size_class > 0) {
            ASSERT_LT(kSlotBytes[size_class - 1], block) << "a smaller slot would hold " << block;
        }
        if (slot <= 128) {
            ASSERT_LT(slot - block, 16u) << block;
        } else {
            ASSERT_LE((slot - block) * 5, slot) << block << " wastes more than a fifth";
        }
    }
    for (size_t size_class = 0; size_class < kClassCount; ++size_class) {
        EXPECT_EQ(kSlotBytes[size_class] % kGranule, 0u) << "payloads stay 16-byte aligned";
    }
}

TEST(SmallSpace, SlotIndexByMultiplyMatchesDivisionForEveryOffset) {
    SmallSpace space(0);
    for (size_t size_class = 0; size_class < kClassCount; ++size_class) {
        Header* header = place(space, kPlainOps, kSlotBytes[size_class] - sizeof(Header));
        ASSERT_NE(header, nullptr);
        const Chunk* chunk = space.chunk_of(address_of(payload_of(header)));
        ASSERT_NE(chunk, nullptr);
        ASSERT_EQ(chunk->slot_bytes, kSlotBytes[size_class]);
        for (size_t offset = 0; offset < kChunkBytes; ++offset) {
            ASSERT_EQ(chunk->slot_at(offset), offset / chunk->slot_bytes)
                << "slot size " << chunk->slot_bytes << ", offset " << offset;
        }
    }
}

TEST(SmallSpace, LooksUpInteriorAndOnePastTheEndButNotSlackOrForeignAddresses) {
    SmallSpace space(0);
    // Three consecutive 64-byte slots: 56-byte blocks around one that fills its slot exactly.
    Header* a = place(space, kPlainOps, 40);
    Header* b = place(space, kPlainOps, 48);
    Header* c = place(space, kPlainOps, 40);
    ASSERT_EQ(address_of(b), address_of(a) + 64);
    ASSERT_EQ(address_of(c), address_of(b) + 64);

    const uintptr_t a_payload = address_of(payload_of(a));
    EXPECT_EQ(lookup(space, a_payload), a);
    EXPECT_EQ(lookup(space, a_payload + 17), a) << "interior";
    EXPECT_EQ(lookup(space, a_payload + 40), a) << "one past the end";
    EXPECT_EQ(lookup(space, a_payload + 41), nullptr) << "the unused tail of a's slot";
    EXPECT_EQ(lookup(space, address_of(b)), nullptr) << "b's first byte follows a's slack";
    EXPECT_EQ(lookup(space, address_of(b) + 1), b) << "inside b's header";
    EXPECT_EQ(lookup(space, address_of(payload_of(b)) + 48), b) << "b's one past the end...";
    EXPECT_EQ(address_of(payload_of(b)) + 48, address_of(c)) << "...is c's first byte";
    EXPECT_EQ(lookup(space, address_of(payload_of(c))), c);
    EXPECT_EQ(lookup(space, address_of(c) + 64 + 20), nullptr) << "a free slot";

    // The tail of a chunk past its last slot: 48-byte slots leave 16 bytes of 256 KiB.
    Header* d = place(space, kPlainOps, 32);
    const Chunk* chunk = space.chunk_of(address_of(payload_of(d)));
    ASSERT_EQ(chunk->slot_bytes, 48u);
    EXPECT_EQ(lookup(space, address_of(chunk->base) + kChunkBytes - 8), nullptr);

    int on_the_stack = 0;
    std::vector<char> in_malloc(64);
    EXPECT_EQ(space.chunk_of(address_of(&on_the_stack)), nullptr);
    EXPECT_EQ(space.chunk_of(address_of(in_malloc.data())), nullptr);
    EXPECT_EQ(space.chunk_of(0), nullptr);
    EXPECT_EQ(space.chunk_of(1), nullptr);
    EXPECT_EQ(space.chunk_of(UINTPTR_MAX), nullptr);
}

TEST(SmallSpace, SweptSlotsAreReusedAndChunksUnusedForACycleAreReturned) {
    SmallSpace space(0);
    std::vector<Header*> objects;
    for (int i = 0; i < 8192; ++i) { // two chunks of 4096 64-byte slots
        objects.push_back(place(space, kPlainOps, 40));
    }
    ASSERT_EQ(space.chunk_count(), 2u);
    std::set<Header*> freed;
    for (size_t i = 0; i < objects.size(); ++i) {
        if (i % 2 == 0) {
            mark(space, objects[i]);
        } else {
            freed.insert(objects[i]);
        }
    }
    space.sweep();
    EXPECT_EQ(space.live_object_count(), 4096u);
    EXPECT_EQ(lookup(space, address_of(payload_of(objects[1]))), nullptr) << "swept";
    EXPECT_EQ(lookup(space, address_of(payload_of(objects[2]))), objects[2]) << "marked";

    for (int i = 0; i < 4096; ++i) {
        Header* reused = place(space, kPlainOps, 40);
        ASSERT_EQ(freed.count(reused), 1u) << "allocation " << i << " took a new slot";
    }
    EXPECT_EQ(space.chunk_count(), 2u);

    space.sweep(); // nothing marked: everything dies, but both chunks were used this cycle
    EXPECT_EQ(space.live_object_count(), 0u);
    EXPECT_EQ(space.chunk_count(), 2u);
    space.sweep(); // empty and unused for a whole cycle
    EXPECT_EQ(space.chunk_count(), 0u);
    EXPECT_NE(place(space, kPlainOps, 40), nullptr) << "from the pool of empty chunks";
    EXPECT_EQ(space.chunk_count(), 1u);
}

TEST(SmallSpace, QuarantineKeepsSweptSlotsPoisonedAndUnusedUntilItsBudgetIsReached) {
    SmallSpace space(10 * 64);
    Header* first = place(space, kPlainOps, 40);
    space.sweep();
    EXPECT_EQ(space.quarantined_bytes(), 64u);
#ifdef PERRY_HEAP_ASAN
    EXPECT_TRUE(__asan_address_is_poisoned(payload_of(first)));
#endif
    EXPECT_NE(place(space, kPlainOps, 40), first) << "a quarantined slot is not reused";
    for (int i = 0; i < 10; ++i) {
        place(space, kPlainOps, 40);
    }
    space.sweep();
    EXPECT_EQ(space.quarantined_bytes(), 12u * 64);
    space.sweep(); // over budget: the quarantine is released before this sweep
    EXPECT_EQ(space.quarantined_bytes(), 0u);
    EXPECT_EQ(place(space, kPlainOps, 40), first) << "the lowest free slot again";
}

TEST(SmallSpace, FinalizersRunExactlyOnceAndOnlyForKindsThatHaveOne) {
    g_finalized = 0;
    {
        SmallSpace space(0);
        std::vector<Header*> kept;
        for (int i = 0; i < 1000; ++i) {
            Header* header = place(space, kFinalizedOps, 24);
            place(space, kPlainOps, 24);
            if (i % 3 == 0) {
                kept.push_back(header);
            }
        }
        EXPECT_NE(space.chunk_of(address_of(payload_of(kept[0]))),
                  space.chunk_of(address_of(payload_of(place(space, kPlainOps, 24)))))
            << "kinds with finalizers have chunks of their own";
        for (Header* header : kept) {
            mark(space, header);
        }
        space.sweep();
        EXPECT_EQ(g_finalized, 1000 - kept.size());
        for (Header* header : kept) {
            mark(space, header);
        }
        space.sweep();
        EXPECT_EQ(g_finalized, 1000 - kept.size()) << "the dead are not finalized again";
        space.release_all();
        EXPECT_EQ(g_finalized, 1000u) << "the survivors at release";
    } // the destructor releases nothing twice
    EXPECT_EQ(g_finalized, 1000u);
}

// ---- The runtime heap on top of it ----

namespace {

uint64_t g_finalized_blobs = 0;
void count_blob(void*) {
    g_finalized_blobs++;
}
const KindOps kBlobOps{PERRY_KIND_INTERNAL, "test-blob", nullptr, count_blob};

class HeapSpaceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
        g_finalized_blobs = 0;
    }
    void TearDown() override { ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK); }
};

// The largest payload that still fits a slot.
constexpr size_t kLargestSmallPayload = kMaxSmallBlock - sizeof(Header);

// Allocates a blob and returns only the address one past its payload's end.
__attribute__((noinline)) uintptr_t blob_end(size_t payload) {
    void* blob = allocate(kBlobOps, payload);
    return blob == nullptr ? 0 : address_of(blob) + payload;
}

// The live objects the heap holds and their payload bytes, counted from its structures.
void count_heap(uint64_t* objects, uint64_t* bytes) {
    auto& heap = detail::state();
    *objects = heap.own_blocks.size();
    *bytes = 0;
    for (Header* header : heap.own_blocks) {
        *bytes += header->payload_bytes;
    }
    heap.small.for_each_live_object([&](Header* header) {
        ++*objects;
        *bytes += header->payload_bytes;
    });
}

} // namespace

TEST_F(HeapSpaceTest, TheLargestSmallObjectIsASlotAndTheNextSizeAMallocdBlock) {
    void* small = allocate(kBlobOps, kLargestSmallPayload);
    void* large = allocate(kBlobOps, kLargestSmallPayload + 1);
    ASSERT_NE(small, nullptr);
    ASSERT_NE(large, nullptr);
    EXPECT_EQ(header_of(small)->flags & kFlagOwnBlock, 0);
    EXPECT_NE(header_of(large)->flags & kFlagOwnBlock, 0);
    EXPECT_NE(detail::state().small.chunk_of(address_of(small)), nullptr);
    EXPECT_EQ(detail::state().small.chunk_of(address_of(large)), nullptr);
    EXPECT_EQ(address_of(small) % 16, 0u);
    EXPECT_EQ(address_of(large) % 16, 0u);
}

TEST_F(HeapSpaceTest, OnePastTheEndPointersKeepBothKindsOfObjectAlive) {
    volatile uintptr_t small_end = blob_end(kLargestSmallPayload); // fills its slot exactly
    volatile uintptr_t large_end = blob_end(kLargestSmallPayload + 1);
    ASSERT_NE(small_end, 0u);
    ASSERT_NE(large_end, 0u);
    collect_precisely();
    EXPECT_EQ(g_finalized_blobs, 0u);
    small_end = 0;
    large_end = 0;
    collect_precisely();
    EXPECT_EQ(g_finalized_blobs, 2u);
}

TEST_F(HeapSpaceTest, RepeatedPinsListAnObjectOnce) {
    void* blob = allocate(kBlobOps, 8);
    ASSERT_NE(blob, nullptr);
    const size_t listed_before = detail::state().pinned.size();
    for (int i = 0; i < 1000; ++i) {
        ASSERT_TRUE(pin(blob));
        ASSERT_TRUE(unpin(blob));
    }
    ASSERT_TRUE(pin(blob));
    EXPECT_EQ(detail::state().pinned.size(), listed_before + 1);
    ASSERT_TRUE(unpin(blob));
    EXPECT_FALSE(unpin(blob));
    ASSERT_EQ(perry_gc_collect(), PERRY_OK);
    EXPECT_EQ(detail::state().pinned.size(), listed_before) << "dropped once unpinned";
}

TEST_F(HeapSpaceTest, StatisticsStayExactOverManyCycles) {
    static const size_t kSizes[] = {
        0, 8, 40, 1000, 4117, kLargestSmallPayload, kLargestSmallPayload + 1, 100000};
    std::vector<void*> pinned;
    for (int cycle = 0; cycle < 60; ++cycle) {
        for (int i = 0; i < 40; ++i) {
            void* blob = allocate(kBlobOps, kSizes[(cycle + i) % 8]);
            ASSERT_NE(blob, nullptr);
            if (i == 0 && cycle % 6 == 0) {
                ASSERT_TRUE(pin(blob));
                pinned.push_back(blob);
            }
        }
        if (cycle % 20 == 19) {
            for (void* blob : pinned) {
                ASSERT_TRUE(unpin(blob));
            }
            pinned.clear();
        }
        collect_precisely();
        const PerryGcStats stats = gc_stats();
        uint64_t objects = 0;
        uint64_t bytes = 0;
        count_heap(&objects, &bytes);
        ASSERT_EQ(stats.live_objects, objects) << "cycle " << cycle;
        ASSERT_EQ(stats.live_bytes, bytes) << "cycle " << cycle;
        ASSERT_EQ(stats.allocated_objects - stats.freed_objects, stats.live_objects);
        ASSERT_EQ(stats.freed_objects, g_finalized_blobs) << "every blob has a finalizer";
        ASSERT_GE(stats.live_objects, pinned.size());
    }
}

// Where a swept blob was; a global, since globals are not roots (a stack copy would keep it).
uintptr_t g_swept_blob = 0;

TEST_F(HeapSpaceTest, ASweptObjectIsPoisonedUnderAddressSanitizer) {
#ifdef PERRY_HEAP_ASAN
    g_swept_blob = blob_end(24) - 24;
    collect_precisely();
    ASSERT_EQ(g_finalized_blobs, 1u);
    EXPECT_TRUE(__asan_address_is_poisoned(reinterpret_cast<void*>(g_swept_blob)));
#else
    GTEST_SKIP() << "only AddressSanitizer builds poison swept slots";
#endif
}
