// The blocking work pool: results, rejections, the deferred form, values built on workers
// (pinned until delivery, garbage after), the C++ lambda forms, shutdown with work in flight.
#include "async_testing.h"
#include "perry/cpp/errors.hpp"
#include "perry/cpp/promises.hpp"
#include "perry/cpp/work.hpp"
#include "test_kinds.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace perry::testing;

namespace {

class WorkTest : public AsyncRuntimeTest {};

// Pumps until `promise` settles, expects `expected` as its state, returns its result.
PerryValue await_settled(PerryValue promise, PerryPromiseState expected) {
    PerryPromiseState state = PERRY_PROMISE_PENDING;
    PerryValue result = PERRY_UNDEFINED;
    EXPECT_EQ(perry_pump_await(promise, &state, &result), PERRY_OK);
    EXPECT_EQ(state, expected);
    return result;
}
PerryValue await_fulfilled(PerryValue promise) {
    return await_settled(promise, PERRY_PROMISE_FULFILLED);
}
PerryValue await_rejected(PerryValue promise) {
    return await_settled(promise, PERRY_PROMISE_REJECTED);
}

PerryValue square(void* ctx) {
    const int n = *static_cast<int*>(ctx);
    delete static_cast<int*>(ctx);
    EXPECT_FALSE(perry_is_main_thread());
    EXPECT_TRUE(perry_task_is_running());
    return perry_value_from_int32(n * n);
}

PerryValue reject_with_reason(void*) {
    EXPECT_EQ(perry_task_reject(perry_value_from_int32(-1)), PERRY_OK);
    return perry_value_from_int32(1); // ignored
}

// Builds a small graph of nodes on the worker: a root whose children are three fresh nodes.
// Under PERRY_GC_STRESS=1 the main thread collects on every allocation meanwhile.
PerryValue build_graph(void* ctx) {
    const uint64_t base = reinterpret_cast<uintptr_t>(ctx);
    PerryValue root = perry::testing::new_test_node(base);
    for (int i = 0; i < 3; ++i) {
        node_of(root)->children[i] = perry::testing::new_test_node(base + 1 + i);
    }
    return root;
}

PerryShape* g_record_shape = nullptr;

// Builds {name: "worker-<n>", items: [n, "three", "a longer string"]} on the worker with the
// public surfaces (strings, arrays, objects), as a binding's task would.
PerryValue build_record(void* ctx) {
    const int n = static_cast<int>(reinterpret_cast<uintptr_t>(ctx));
    const std::string name = "worker-" + std::to_string(n);
    PerryValue items = perry_array_new(3);
    EXPECT_EQ(perry_array_push(items, perry_value_from_int32(n)), PERRY_OK);
    EXPECT_EQ(perry_array_push(items, perry_string_from_utf8("three", 5)), PERRY_OK);
    EXPECT_EQ(perry_array_push(items, perry_string_from_utf8("a longer string", 15)), PERRY_OK);
    // Shapes are made on the main thread and live until shutdown: a task uses one it was given.
    PerryValue record = perry_object_new(g_record_shape);
    EXPECT_EQ(perry_object_set_index(record, 0, perry_string_from_utf8(name.data(), name.size())),
              PERRY_OK);
    EXPECT_EQ(perry_object_set_index(record, 1, items), PERRY_OK);
    return record;
}

PerryValue reject_with_message(void*) {
    EXPECT_EQ(perry_task_reject_string("no such file", 12), PERRY_OK);
    return PERRY_UNDEFINED;
}

struct Deferred {
    std::atomic<bool> worked{false};
    int complete_calls = 0;
    PerryStatus complete_status = PERRY_STATUS_INTERNAL;
};
void deferred_work(void* ctx) {
    static_cast<Deferred*>(ctx)->worked = true;
}
PerryValue deferred_complete(void* ctx, PerryStatus status) {
    auto* deferred = static_cast<Deferred*>(ctx);
    deferred->complete_calls++;
    deferred->complete_status = status;
    EXPECT_TRUE(perry_is_main_thread() || status == PERRY_STATUS_SHUT_DOWN);
    return perry_value_from_int32(deferred->worked ? 77 : -77);
}

PerryValue slow_task(void*) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return perry::testing::new_test_node(1);
}

PerryValue main_thread_allocation_fails(void*) {
    // A pool thread allocating outside a task is impossible; inside one it goes to the arena.
    EXPECT_NE(perry::testing::new_test_node(9), PERRY_UNDEFINED);
    return PERRY_UNDEFINED;
}

} // namespace

TEST_F(WorkTest, ResolvesWithTheTaskResult) {
    PerryValue promise = perry_spawn_blocking(square, new int(12));
    ASSERT_TRUE(perry_promise_is(promise));
    EXPECT_GT(perry_work_pool_size(), 0u);
    EXPECT_EQ(await_fulfilled(promise), perry_value_from_int32(144));
    EXPECT_EQ(perry_work_in_flight(), 0u);
}

TEST_F(WorkTest, TaskRejectRejectsThePromise) {
    PerryValue promise = perry_spawn_blocking(reject_with_reason, nullptr);
    EXPECT_EQ(await_rejected(promise), perry_value_from_int32(-1));
    EXPECT_EQ(perry_task_reject(PERRY_NULL), PERRY_STATUS_INVALID_ARGUMENT); // not in a task
    EXPECT_FALSE(perry_task_is_running());
}

namespace {

// Spawns `tasks` tasks (task t gets t * ctx_step as its ctx) and pins their promises (kept
// beyond settlement). No value stays in the caller's frame.
__attribute__((noinline)) std::vector<PerryValue> spawn_pinned(PerryBlockingFn fn, int tasks,
                                                               uintptr_t ctx_step) {
    std::vector<PerryValue> promises;
    for (int t = 0; t < tasks; ++t) {
        promises.push_back(perry_spawn_blocking(fn, reinterpret_cast<void*>(t * ctx_step)));
        EXPECT_EQ(perry_gc_pin(promises.back()), PERRY_OK);
    }
    return promises;
}

__attribute__((noinline)) void expect_graphs_intact(const std::vector<PerryValue>& promises) {
    for (size_t t = 0; t < promises.size(); ++t) {
        const PerryValue root = perry_promise_result(promises[t]);
        ASSERT_NE(node_of(root), nullptr);
        EXPECT_EQ(node_of(root)->serial, uint64_t(t * 10));
        for (size_t i = 0; i < 3; ++i) {
            EXPECT_EQ(node_of(node_of(root)->children[i])->serial, uint64_t(t * 10 + 1 + i));
        }
    }
}

__attribute__((noinline)) void unpin_all(std::vector<PerryValue>& promises) {
    for (PerryValue promise : promises) {
        EXPECT_EQ(perry_gc_unpin(promise), PERRY_OK);
    }
    promises.clear();
    promises.shrink_to_fit();
}

__attribute__((noinline)) void expect_records_intact(const std::vector<PerryValue>& promises) {
    for (size_t t = 0; t < promises.size(); ++t) {
        const PerryValue record = perry_promise_result(promises[t]);
        ASSERT_TRUE(perry_value_is_plain_object(record));
        EXPECT_EQ(text_of(perry_object_get(record, "name", 4)), "worker-" + std::to_string(t));
        const PerryValue items = perry_object_get(record, "items", 5);
        ASSERT_EQ(perry_array_length(items), 3u);
        EXPECT_EQ(perry_array_get(items, 0), perry_value_from_int32(static_cast<int32_t>(t)));
        EXPECT_EQ(text_of(perry_array_get(items, 1)), "three");
        EXPECT_EQ(text_of(perry_array_get(items, 2)), "a longer string");
    }
}

// The whole life of tasks whose results are checked: spawn (promises pinned beyond settlement),
// collect while the workers build, deliver, check the values survive a precise collection, then
// unpin. Runs in its own frame so that no stale copy of a value stays in the test's frame.
__attribute__((noinline)) void
build_check_and_release(PerryBlockingFn fn, int tasks, uintptr_t ctx_step,
                        void (*expect_intact)(const std::vector<PerryValue>&)) {
    std::vector<PerryValue> promises = spawn_pinned(fn, tasks, ctx_step);
    for (int i = 0; i < 5; ++i) {
        ASSERT_EQ(perry_gc_collect(), PERRY_OK); // while the workers build
        std::this_thread::yield();
    }
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    expect_intact(promises);
    collect_precisely();
    expect_intact(promises); // reachable through the pinned promises
    unpin_all(promises);
}

} // namespace

TEST_F(WorkTest, ValuesBuiltInATaskSurviveUntilDeliveryThenBecomeGarbage) {
    g_finalized_nodes = 0;
    const int tasks = scaled(16);
    build_check_and_release(build_graph, tasks, 10, expect_graphs_intact);
    EXPECT_EQ(g_finalized_nodes, 0u);
    collect_precisely();
    // Ordinary garbage after delivery. The stack scan is conservative: a word that happens to
    // equal an object's address (seen under TSan: the first object of an allocator region, at a
    // round address) keeps that one task's promise and graph alive; no more than that.
    EXPECT_GE(g_finalized_nodes, uint64_t(tasks - 1) * 4);
    EXPECT_LE(g_finalized_nodes, uint64_t(tasks) * 4);
}

TEST_F(WorkTest, StringsArraysAndObjectsBuiltInATaskSurviveUntilDeliveryThenAreCollectable) {
    const int tasks = scaled(12);
    const char* const keys[] = {"name", "items"};
    g_record_shape = perry_shape_new(keys, nullptr, 2);
    ASSERT_NE(g_record_shape, nullptr);
    build_check_and_release(build_record, tasks, 1, expect_records_intact);
    const uint64_t freed_before = gc_stats().freed_objects;
    collect_precisely();
    // Each task's promise, record, items array and two heap strings became garbage (less one
    // task's at most: see the test above on conservative false retention).
    EXPECT_GE(gc_stats().freed_objects - freed_before, uint64_t(tasks - 1) * 5);
}

TEST_F(WorkTest, TaskRejectStringRejectsWithAnError) {
    PerryValue promise = perry_spawn_blocking(reject_with_message, nullptr);
    const PerryValue reason = await_rejected(promise);
    ASSERT_TRUE(perry_value_is_error(reason));
    EXPECT_EQ(error_message_of(reason), "no such file");
}

TEST_F(WorkTest, DeferredFormBuildsTheResultOnTheMainThread) {
    Deferred deferred;
    PerryValue promise = perry_spawn_blocking_deferred(deferred_work, deferred_complete, &deferred);
    EXPECT_EQ(await_fulfilled(promise), perry_value_from_int32(77));
    EXPECT_EQ(deferred.complete_calls, 1);
    EXPECT_EQ(deferred.complete_status, PERRY_OK);
}

TEST_F(WorkTest, CppLambdaFormsResolveRejectAndPinTheirInputs) {
    perry::Promise doubled = perry::spawn_blocking([] { return perry_value_from_int32(21 * 2); });
    EXPECT_EQ(await_fulfilled(doubled.value()), perry_value_from_int32(42));

    perry::Promise failed =
        perry::spawn_blocking([]() -> PerryValue { throw std::runtime_error("disk on fire"); });
    EXPECT_EQ(error_message_of(await_rejected(failed.value())), "disk on fire");

    // A perry::Error keeps its type and code, as perry::guard keeps them, in both forms.
    perry::Promise typed = perry::spawn_blocking(
        []() -> PerryValue { throw perry::TypeError("not a socket", "ENOTSOCK"); });
    const PerryValue typed_error = await_rejected(typed.value());
    ASSERT_TRUE(perry_value_is_error(typed_error));
    EXPECT_EQ(perry_error_type(typed_error), PERRY_ERROR_TYPE_ERROR);
    EXPECT_EQ(text_of(perry_error_name(typed_error)), "TypeError");
    EXPECT_EQ(error_message_of(typed_error), "not a socket");
    EXPECT_EQ(text_of(perry_error_code(typed_error)), "ENOTSOCK");
    perry::Promise ranged = perry::spawn_blocking(std::vector<PerryValue>{},
                                                  [](const std::vector<PerryValue>&) -> PerryValue {
                                                      throw perry::RangeError("too far", "ERANGE");
                                                  });
    const PerryValue ranged_error = await_rejected(ranged.value());
    EXPECT_EQ(perry_error_type(ranged_error), PERRY_ERROR_RANGE_ERROR);
    EXPECT_EQ(text_of(perry_error_code(ranged_error)), "ERANGE");
    perry::Promise no_code =
        perry::spawn_blocking([]() -> PerryValue { throw perry::Error("plain"); });
    const PerryValue no_code_error = await_rejected(no_code.value());
    EXPECT_EQ(perry_error_type(no_code_error), PERRY_ERROR_ERROR);
    EXPECT_EQ(perry_error_code(no_code_error), PERRY_UNDEFINED);

    // A main-thread value the worker reads: pinned for the task's duration, unpinned after.
    g_finalized_nodes = 0;
    PerryValue input = new_test_node(5);
    perry::Promise read = perry::spawn_blocking({input}, [](const std::vector<PerryValue>& inputs) {
        return perry_value_from_int32(static_cast<int32_t>(node_of(inputs[0])->serial));
    });
    input = PERRY_UNDEFINED;
    EXPECT_EQ(await_fulfilled(read.value()), perry_value_from_int32(5));
}

TEST_F(WorkTest, PoolSizeComesFromTheOptions) {
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    PerryRuntimeOptions options{};
    options.struct_size = sizeof options;
    options.worker_threads = 2;
    ASSERT_EQ(perry_runtime_init(&options), PERRY_OK);
    PerryValue promise = perry_spawn_blocking(square, new int(3));
    EXPECT_EQ(perry_work_pool_size(), 2u);
    EXPECT_EQ(await_fulfilled(promise), perry_value_from_int32(9));
}

TEST_F(WorkTest, ArenaAllocationOnAWorkerIsAllowedInsideATaskOnly) {
    perry_clear_last_status();
    std::thread([] {
        EXPECT_EQ(new_test_node(1), PERRY_UNDEFINED);
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_WRONG_THREAD);
    }).join();
    EXPECT_EQ(perry_last_status(), PERRY_OK); // the other thread's status is its own
    PerryValue promise = perry_spawn_blocking(main_thread_allocation_fails, nullptr);
    EXPECT_EQ(await_fulfilled(promise), PERRY_UNDEFINED);
}

TEST(WorkShutdownTest, ShutdownDrainsInFlightTasksDeterministically) {
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    Deferred deferred;
    perry_spawn_blocking(slow_task, nullptr);
    perry_spawn_blocking(slow_task, nullptr);
    perry_spawn_blocking_deferred(deferred_work, deferred_complete, &deferred);
    EXPECT_EQ(perry_work_in_flight(), 3u);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK); // joins the pool, drops the results
    EXPECT_EQ(perry_work_in_flight(), 0u);
    EXPECT_TRUE(deferred.worked);
    EXPECT_EQ(deferred.complete_calls, 1);
    EXPECT_EQ(deferred.complete_status, PERRY_STATUS_SHUT_DOWN);
    EXPECT_EQ(perry_spawn_blocking(square, nullptr), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_INITIALIZED);
    // And the runtime starts a fresh pool after the next init.
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    PerryValue promise = perry_spawn_blocking(square, new int(4));
    EXPECT_EQ(await_fulfilled(promise), perry_value_from_int32(16));
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
}
