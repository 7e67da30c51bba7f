// The collector: roots (stack, pins, scanners), tracing, sweeping, task arenas, statistics.
#include "gc_testing.h"
#include "test_kinds.h"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

using namespace perry::testing;

namespace {

// Allocates `count` nodes that nothing references once this function returns.
__attribute__((noinline)) void make_garbage(int count) {
    for (int i = 0; i < count; ++i) {
        new_test_node(static_cast<uint64_t>(i));
    }
}

PerryGcStats stats() {
    PerryGcStats out{};
    EXPECT_EQ(perry_gc_stats(&out), PERRY_OK);
    return out;
}

class GcTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
        g_finalized_nodes = 0;
    }
    void TearDown() override { ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK); }
};

// A value kept in native memory the collector cannot see; only a scanner or a pin saves it.
PerryValue g_hidden = PERRY_UNDEFINED;

void scan_hidden(PerryGcMarker* marker, void*) {
    perry_gc_mark_value(marker, g_hidden);
}

__attribute__((noinline)) void hide_new_node(uint64_t serial) {
    g_hidden = new_test_node(serial);
}

} // namespace

TEST_F(GcTest, UnreachableObjectsAreFreedAndCounted) {
    const PerryGcStats before = stats();
    make_garbage(1000);
    EXPECT_EQ(stats().allocated_objects - before.allocated_objects, 1000u);
    collect_precisely();
    const PerryGcStats after = stats();
    EXPECT_GE(g_finalized_nodes, 990u) << "a conservative scan may keep a few stale copies";
    EXPECT_EQ(after.freed_objects - before.freed_objects, g_finalized_nodes);
    EXPECT_EQ(after.live_objects, before.live_objects + 1000 - g_finalized_nodes);
    EXPECT_GT(after.collections, before.collections);
}

TEST_F(GcTest, ValueOnTheStackSurvives) {
    volatile PerryValue kept = new_test_node(7);
    make_garbage(100);
    collect_precisely();
    collect_precisely();
    ASSERT_EQ(node_of(kept)->serial, 7u); // ASan reports a use after free if it was swept
}

TEST_F(GcTest, InteriorPointerOnTheStackKeepsTheObject) {
    PerryValue value = new_test_node(11);
    volatile uint64_t* inside = &node_of(value)->serial; // points into the middle of the payload
    value = PERRY_UNDEFINED;
    collect_precisely();
    EXPECT_EQ(*inside, 11u);
}

TEST_F(GcTest, ChildrenOfARootAreTraced) {
    volatile PerryValue root = new_test_node(0);
    PerryValue child = new_test_node(1);
    node_of(child)->children[0] = new_test_node(2);
    node_of(root)->children[3] = child;
    child = PERRY_UNDEFINED;
    collect_precisely();
    PerryValue kept_child = node_of(root)->children[3];
    EXPECT_EQ(node_of(kept_child)->serial, 1u);
    EXPECT_EQ(node_of(node_of(kept_child)->children[0])->serial, 2u);
    EXPECT_EQ(g_finalized_nodes, 0u);
}

TEST_F(GcTest, ScannerKeepsAValueAliveAcrossManyCollections) {
    uint64_t id = 0;
    ASSERT_EQ(perry_gc_register_root_scanner("test.hidden", scan_hidden, nullptr, &id), PERRY_OK);
    hide_new_node(42);
    for (int i = 0; i < 50; ++i) {
        make_garbage(10);
        collect_precisely();
    }
    EXPECT_EQ(node_of(g_hidden)->serial, 42u);
    ASSERT_EQ(perry_gc_unregister_root_scanner(id), PERRY_OK);
    g_hidden = PERRY_UNDEFINED;
}

TEST_F(GcTest, WithoutTheScannerTheSameValueIsCollected) {
    hide_new_node(42);
    const uint64_t finalized_before = g_finalized_nodes;
    collect_precisely();
    EXPECT_EQ(g_finalized_nodes, finalized_before + 1) << "nothing roots the hidden node";
    g_hidden = PERRY_UNDEFINED; // dangling now; never read again
}

TEST_F(GcTest, ScannerRegistrationIsIdempotentByName) {
    uint64_t first = 0;
    uint64_t second = 0;
    ASSERT_EQ(perry_gc_register_root_scanner("test.same", scan_hidden, nullptr, &first), PERRY_OK);
    ASSERT_EQ(perry_gc_register_root_scanner("test.same", scan_hidden, nullptr, &second), PERRY_OK);
    EXPECT_EQ(first, second);
    int other = 0;
    EXPECT_EQ(perry_gc_register_root_scanner("test.same", scan_hidden, &other, nullptr),
              PERRY_STATUS_ALREADY_REGISTERED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_ALREADY_REGISTERED);
    EXPECT_EQ(perry_gc_unregister_root_scanner(first), PERRY_OK);
    EXPECT_EQ(perry_gc_unregister_root_scanner(first), PERRY_STATUS_NOT_FOUND);
    EXPECT_EQ(perry_gc_register_root_scanner(nullptr, scan_hidden, nullptr, nullptr),
              PERRY_STATUS_INVALID_ARGUMENT);
}

TEST_F(GcTest, PinsNestAndUnpinningMakesGarbage) {
    hide_new_node(5);
    ASSERT_EQ(perry_gc_pin(g_hidden), PERRY_OK);
    ASSERT_EQ(perry_gc_pin(g_hidden), PERRY_OK);
    collect_precisely();
    ASSERT_EQ(perry_gc_unpin(g_hidden), PERRY_OK);
    collect_precisely();
    EXPECT_EQ(g_finalized_nodes, 0u);
    ASSERT_EQ(perry_gc_unpin(g_hidden), PERRY_OK);
    EXPECT_EQ(perry_gc_unpin(g_hidden), PERRY_STATUS_INVALID_ARGUMENT) << "unbalanced unpin";
    collect_precisely();
    EXPECT_EQ(g_finalized_nodes, 1u);
    EXPECT_EQ(perry_gc_pin(perry_value_from_int32(3)), PERRY_OK) << "immediates need no pin";
}

TEST_F(GcTest, MainThreadOnlyFunctionsRefuseOtherThreads) {
    PerryStatus collect_status = PERRY_OK;
    PerryStatus pin_status = PERRY_OK;
    PerryStatus last_after_alloc = PERRY_OK;
    void* allocated = reinterpret_cast<void*>(1);
    std::thread worker([&] {
        collect_status = perry_gc_collect();
        pin_status = perry_gc_pin(perry_value_from_int32(1));
        allocated = perry::heap::allocate(kTestNodeOps, sizeof(TestNode));
        last_after_alloc = perry_last_status();
    });
    worker.join();
    EXPECT_EQ(collect_status, PERRY_STATUS_WRONG_THREAD);
    EXPECT_EQ(pin_status, PERRY_STATUS_WRONG_THREAD);
    EXPECT_EQ(allocated, nullptr) << "no task arena on that thread";
    EXPECT_EQ(last_after_alloc, PERRY_STATUS_WRONG_THREAD);
}

// Builds a node with a child on a worker thread, into `arena`.
__attribute__((noinline)) void build_in_worker(perry::heap::TaskArena& arena) {
    std::thread worker([&arena] {
        perry::heap::set_thread_arena(&arena);
        PerryValue built = new_test_node(99);
        node_of(built)->children[0] = new_test_node(100);
        g_hidden = built;
        perry::heap::set_thread_arena(nullptr);
    });
    worker.join();
}

__attribute__((noinline)) uint64_t hidden_serial() {
    return node_of(g_hidden)->serial;
}

TEST_F(GcTest, TaskArenaObjectsSurviveUntilReleased) {
    perry::heap::TaskArena arena;
    build_in_worker(arena);
    EXPECT_EQ(arena.objects.size(), 2u);
    collect_precisely(); // not adopted yet: invisible to the collector, so untouched
    perry::heap::adopt_arena(arena);
    collect_precisely();
    EXPECT_EQ(hidden_serial(), 99u) << "adopted objects stay pinned until released";
    EXPECT_EQ(g_finalized_nodes, 0u);
    perry::heap::release_arena(arena);
    collect_precisely();
    EXPECT_EQ(g_finalized_nodes, 2u) << "released objects are ordinary garbage";
    g_hidden = PERRY_UNDEFINED;
}

TEST_F(GcTest, DiscardedArenaIsFreedWithoutAdoption) {
    perry::heap::TaskArena arena;
    std::thread worker([&] {
        perry::heap::set_thread_arena(&arena);
        new_test_node(1);
        perry::heap::set_thread_arena(nullptr);
    });
    worker.join();
    perry::heap::discard_arena(arena);
    EXPECT_EQ(g_finalized_nodes, 1u);
    EXPECT_TRUE(arena.objects.empty());
}

TEST(GcLifecycle, StressModeCollectsOnEveryAllocation) {
    PerryRuntimeOptions options{};
    options.struct_size = sizeof options;
    options.flags = PERRY_RUNTIME_GC_STRESS;
    ASSERT_EQ(perry_runtime_init(&options), PERRY_OK);
    EXPECT_TRUE(perry_gc_stress_enabled());
    make_garbage(25);
    EXPECT_GE(stats().collections, 25u);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
}

TEST(GcLifecycle, ThresholdTriggersCollection) {
    PerryRuntimeOptions options{};
    options.struct_size = sizeof options;
    options.gc_threshold = 64 * sizeof(TestNode);
    ASSERT_EQ(perry_runtime_init(&options), PERRY_OK);
    make_garbage(640);
    EXPECT_GE(stats().collections, 9u);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
}

TEST(GcLifecycle, InitTwiceIsRefusedAndShutdownFreesEverything) {
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    EXPECT_EQ(perry_runtime_init(nullptr), PERRY_STATUS_ALREADY_INITIALIZED);
    g_finalized_nodes = 0;
    volatile PerryValue kept = new_test_node(1);
    (void)kept;
    ASSERT_EQ(perry_gc_pin(kept), PERRY_OK);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    EXPECT_EQ(g_finalized_nodes, 1u);
    EXPECT_FALSE(perry_runtime_is_initialized());
    EXPECT_EQ(perry_gc_collect(), PERRY_STATUS_NOT_INITIALIZED);
}
