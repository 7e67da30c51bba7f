// Thread affinity: every main-thread-only function of the async surfaces returns WRONG_THREAD
// (or its failure sentinel with that last status) from another thread, and does nothing.
#include "async_testing.h"

#include <thread>

using namespace perry::testing;

namespace {

class ThreadAffinityTest : public AsyncRuntimeTest {};

PerryValue identity(const PerryClosureCall* call) {
    return call->argc ? call->args[0] : 0;
}
PerryValue nothing(void*) {
    return PERRY_UNDEFINED;
}
void no_work(void*) {}
PerryValue no_complete(void*, PerryStatus) {
    return PERRY_UNDEFINED;
}
void no_pump(void*) {}
void no_callback(PerryValue, PerryPromiseState, void*) {}

// Runs `body` on a fresh thread (its last status is its own).
template <class F> void on_other_thread(F body) {
    std::thread(body).join();
}

} // namespace

TEST_F(ThreadAffinityTest, MainThreadOnlyFunctionsRefuseOtherThreads) {
    const PerryValue closure = perry_closure_new(identity, nullptr, 0);
    const PerryValue promise = perry_promise_new();
    on_other_thread([&] {
        EXPECT_FALSE(perry_is_main_thread());
        PerryValue out = PERRY_NULL;
        EXPECT_EQ(perry_closure_call0(closure, &out), PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(out, PERRY_NULL);
        EXPECT_EQ(perry_closure_new(identity, nullptr, 0), PERRY_UNDEFINED);
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(perry_closure_serial(closure), 0u);
        EXPECT_EQ(perry_closure_from_serial(1), PERRY_UNDEFINED);

        EXPECT_EQ(perry_promise_new(), PERRY_UNDEFINED);
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_WRONG_THREAD);
        perry_clear_last_status();
        EXPECT_EQ(perry_promise_state(promise), PERRY_PROMISE_PENDING);
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(perry_promise_result(promise), PERRY_UNDEFINED);
        EXPECT_EQ(perry_promise_on_settled(promise, no_callback, nullptr),
                  PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(perry_promise_then(promise, closure, PERRY_UNDEFINED, nullptr),
                  PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(perry_promise_set_unhandled_rejection_handler(nullptr, nullptr),
                  PERRY_STATUS_WRONG_THREAD);

        EXPECT_EQ(perry_spawn_blocking(nothing, nullptr), PERRY_UNDEFINED);
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(perry_spawn_blocking_deferred(no_work, no_complete, nullptr), PERRY_UNDEFINED);
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_WRONG_THREAD);

        EXPECT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_STATUS_WRONG_THREAD);
        EXPECT_FALSE(perry_pump_has_pending());
        EXPECT_EQ(perry_pump_await(promise, nullptr, nullptr), PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(perry_pump_register("x", no_pump, nullptr, nullptr), PERRY_STATUS_WRONG_THREAD);
        EXPECT_EQ(perry_pump_unregister("x"), PERRY_STATUS_WRONG_THREAD);
        perry_notify_main_thread(); // any thread
    });
    EXPECT_EQ(perry_work_in_flight(), 0u);
    EXPECT_EQ(perry_promise_state(promise), PERRY_PROMISE_PENDING);
    ASSERT_EQ(perry_promise_resolve(promise, PERRY_NULL), PERRY_OK);
}

TEST(ThreadAffinityNotInitializedTest, CallsWithoutARunningRuntimeReportIt) {
    // After a shutdown (as after every test of this process): main-thread-only functions report
    // NOT_INITIALIZED; a settlement, allowed from any thread, reports SHUT_DOWN.
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    PerryValue out = PERRY_UNDEFINED;
    EXPECT_EQ(perry_closure_call0(PERRY_UNDEFINED, &out), PERRY_STATUS_NOT_INITIALIZED);
    EXPECT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_STATUS_NOT_INITIALIZED);
    EXPECT_EQ(perry_promise_new(), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_INITIALIZED);
    EXPECT_EQ(perry_promise_resolve(PERRY_UNDEFINED, PERRY_NULL), PERRY_STATUS_SHUT_DOWN);
    perry_notify_main_thread();
}
