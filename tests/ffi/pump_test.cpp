// The event pump: run modes, waking, auxiliary pumps, await, liveness while work is in flight.
#include "async_testing.h"
#include "handles.h"

#include <atomic>
#include <chrono>
#include <thread>

using namespace perry::testing;

namespace {

class PumpTest : public AsyncRuntimeTest {};

struct Aux {
    int turns = 0;
    int active_turns = 0; // has_active says yes while turns < active_turns
    PerryValue to_settle = PERRY_UNDEFINED;
};
void aux_pump(void* userdata) {
    auto* aux = static_cast<Aux*>(userdata);
    aux->turns++;
    if (aux->to_settle != PERRY_UNDEFINED && aux->turns == aux->active_turns) {
        EXPECT_EQ(perry_promise_resolve(aux->to_settle, perry_value_from_int32(aux->turns)),
                  PERRY_OK);
    }
}
bool aux_active(void* userdata) {
    auto* aux = static_cast<Aux*>(userdata);
    return aux->turns < aux->active_turns;
}
void other_pump(void*) {}
void throwing_pump(void*) {
    perry_throw_error_cstr(PERRY_ERROR_ERROR, "pump failed", nullptr);
}
void no_pump(void*) {}

PerryValue g_foreign_promise = PERRY_UNDEFINED;
bool foreign_work_active(void*) {
    return perry_promise_state(g_foreign_promise) == PERRY_PROMISE_PENDING;
}

PerryValue sleepy(void*) {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return perry_value_from_int32(1);
}

std::atomic<bool> g_release_gate{false};
PerryValue gate_task(void*) {
    while (!g_release_gate.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return PERRY_UNDEFINED;
}

void count_call(PerryValue, PerryPromiseState, void* userdata) {
    ++*static_cast<int*>(userdata);
}
void count_report(PerryValue, PerryValue, void* userdata) {
    ++*static_cast<int*>(userdata);
}

} // namespace

TEST_F(PumpTest, NothingPendingMeansEveryModeReturnsAtOnce) {
    EXPECT_FALSE(perry_pump_has_pending());
    EXPECT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(perry_pump_run(PERRY_PUMP_ONCE), PERRY_OK);
    EXPECT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(perry_pump_run(static_cast<PerryPumpMode>(9)), PERRY_STATUS_INVALID_ARGUMENT);
}

TEST_F(PumpTest, OnceWaitsForInFlightWorkAndUntilIdleDrainsIt) {
    int calls = 0;
    PerryValue promise = perry_spawn_blocking(sleepy, nullptr);
    ASSERT_EQ(perry_promise_on_settled(promise, count_call, &calls), PERRY_OK);
    EXPECT_TRUE(perry_pump_has_pending()); // a task in flight keeps the loop alive
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(calls, 0);                                  // never waits
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_ONCE), PERRY_OK); // waits for the task's delivery
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(perry_pump_has_pending());

    PerryValue second = perry_spawn_blocking(sleepy, nullptr);
    ASSERT_EQ(perry_promise_on_settled(second, count_call, &calls), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(calls, 2);
}

TEST_F(PumpTest, NotifyWakesAWaitingPump) {
    // A task in flight makes ONCE wait (without a timeout) for its delivery; a notification
    // ends the wait while the task still runs.
    g_release_gate = false;
    PerryValue gated = perry_spawn_blocking(gate_task, nullptr);
    std::thread notifier([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        perry_notify_main_thread();
    });
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_ONCE), PERRY_OK);
    notifier.join();
    EXPECT_EQ(perry_work_in_flight(), 1u);
    EXPECT_EQ(perry_promise_state(gated), PERRY_PROMISE_PENDING);
    g_release_gate = true;
    ASSERT_EQ(perry_pump_await(gated, nullptr, nullptr), PERRY_OK);

    // A settlement from another thread wakes the pump too. The thread is the binding's own, so
    // the binding keeps the loop alive while it works, through an auxiliary pump's has_active.
    PerryValue promise = perry_promise_new();
    g_foreign_promise = promise;
    ASSERT_EQ(perry_pump_register("test.foreign", no_pump, foreign_work_active, nullptr), PERRY_OK);
    std::thread settler([promise] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        EXPECT_EQ(perry_promise_resolve(promise, perry_value_from_int32(3)), PERRY_OK);
    });
    PerryValue result = PERRY_UNDEFINED;
    ASSERT_EQ(perry_pump_await(promise, nullptr, &result), PERRY_OK);
    settler.join();
    EXPECT_EQ(result, perry_value_from_int32(3));
    ASSERT_EQ(perry_pump_unregister("test.foreign"), PERRY_OK);
    perry_notify_main_thread(); // a notification nobody waits for is harmless
    EXPECT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
}

TEST_F(PumpTest, AuxiliaryPumpsRegisterIdempotentlyAndKeepTheLoopAlive) {
    Aux aux;
    aux.active_turns = 5;
    ASSERT_EQ(perry_pump_register("test.aux", aux_pump, aux_active, &aux), PERRY_OK);
    ASSERT_EQ(perry_pump_register("test.aux", aux_pump, aux_active, &aux), PERRY_OK);
    EXPECT_EQ(perry_pump_register("test.aux", other_pump, aux_active, &aux),
              PERRY_STATUS_ALREADY_REGISTERED);
    EXPECT_EQ(perry_pump_register(nullptr, aux_pump, nullptr, nullptr),
              PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_TRUE(perry_pump_has_pending());
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(aux.turns, 5); // registered once: one call per turn, until inactive
    EXPECT_FALSE(perry_pump_has_pending());
    ASSERT_EQ(perry_pump_unregister("test.aux"), PERRY_OK);
    EXPECT_EQ(perry_pump_unregister("test.aux"), PERRY_STATUS_NOT_FOUND);
}

TEST_F(PumpTest, AwaitRunsAuxiliaryPumpsUntilTheySettleThePromise) {
    Aux aux;
    aux.active_turns = 3;
    aux.to_settle = perry_promise_new();
    ASSERT_EQ(perry_pump_register("test.await", aux_pump, aux_active, &aux), PERRY_OK);
    PerryPromiseState state = PERRY_PROMISE_PENDING;
    PerryValue result = PERRY_UNDEFINED;
    ASSERT_EQ(perry_pump_await(aux.to_settle, &state, &result), PERRY_OK);
    EXPECT_EQ(state, PERRY_PROMISE_FULFILLED);
    EXPECT_EQ(result, perry_value_from_int32(3));
    ASSERT_EQ(perry_pump_unregister("test.await"), PERRY_OK); // `aux` dies with this frame
}

TEST_F(PumpTest, AwaitingAPromiseNothingCanSettleIsADeadlock) {
    PerryValue promise = perry_promise_new();
    EXPECT_EQ(perry_pump_await(promise, nullptr, nullptr), PERRY_STATUS_DEADLOCK);
    EXPECT_EQ(perry_pump_await(perry_value_from_int32(1), nullptr, nullptr),
              PERRY_STATUS_TYPE_MISMATCH);
    ASSERT_EQ(perry_promise_resolve(promise, PERRY_NULL), PERRY_OK);
    PerryValue result = PERRY_TRUE;
    ASSERT_EQ(perry_pump_await(promise, nullptr, &result), PERRY_OK);
    EXPECT_EQ(result, PERRY_NULL);
}

// An awaited rejection reaches the caller, so it is handled: no report, no warning on stderr,
// whether the promise was rejected before the await or during it.
TEST_F(PumpTest, AnAwaitedRejectionIsHandled) {
    int reports = 0;
    ASSERT_EQ(perry_promise_set_unhandled_rejection_handler(count_report, &reports), PERRY_OK);
    const PerryValue before = perry_promise_new();
    ASSERT_EQ(perry_promise_reject(before, perry_value_from_int32(1)), PERRY_OK);
    PerryPromiseState state = PERRY_PROMISE_PENDING;
    PerryValue reason = PERRY_UNDEFINED;
    ASSERT_EQ(perry_pump_await(before, &state, &reason), PERRY_OK);
    EXPECT_EQ(state, PERRY_PROMISE_REJECTED);
    EXPECT_EQ(reason, perry_value_from_int32(1));

    // Rejected from another thread: the settlement is applied by a turn of the await.
    const PerryValue during = perry_promise_new();
    std::thread([during] {
        EXPECT_EQ(perry_promise_reject(during, perry_value_from_int32(2)), PERRY_OK);
    }).join();
    ASSERT_EQ(perry_promise_state(during), PERRY_PROMISE_PENDING);
    ASSERT_EQ(perry_pump_await(during, &state, &reason), PERRY_OK);
    EXPECT_EQ(state, PERRY_PROMISE_REJECTED);
    EXPECT_EQ(reason, perry_value_from_int32(2));
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(reports, 0);

    // The same without a handler: the default report is the warning on stderr.
    ASSERT_EQ(perry_promise_set_unhandled_rejection_handler(nullptr, nullptr), PERRY_OK);
    ::testing::internal::CaptureStderr();
    const PerryValue awaited = perry_promise_new();
    ASSERT_EQ(perry_promise_reject(awaited, perry_value_from_int32(3)), PERRY_OK);
    ASSERT_EQ(perry_pump_await(awaited, nullptr, nullptr), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");

    // And a rejection nobody awaits still is reported, so the test above can fail.
    ::testing::internal::CaptureStderr();
    ASSERT_EQ(perry_promise_reject(perry_promise_new(), perry_value_from_int32(4)), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(::testing::internal::GetCapturedStderr(),
              "perry: warning: unhandled promise rejection (number)\n");
}

TEST_F(PumpTest, SettlementsQueuedFromThreadsKeepTheLoopAliveUntilApplied) {
    PerryValue promise = perry_promise_new();
    std::thread([promise] {
        EXPECT_EQ(perry_promise_resolve(promise, PERRY_TRUE), PERRY_OK);
    }).join();
    EXPECT_TRUE(perry_pump_has_pending());
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(perry_promise_state(promise), PERRY_PROMISE_FULFILLED);
}

TEST_F(PumpTest, AnExceptionLeftByAnAuxiliaryPumpStopsTheRunAndStaysPending) {
    ASSERT_EQ(perry_pump_register("test.throws", throwing_pump, nullptr, nullptr), PERRY_OK);
    EXPECT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_STATUS_PENDING_EXCEPTION);
    ASSERT_TRUE(perry_exception_pending());
    const PerryValue exception = perry_exception_take();
    EXPECT_EQ(error_message_of(exception), "pump failed");
    ASSERT_EQ(perry_pump_unregister("test.throws"), PERRY_OK);
    EXPECT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
}

TEST_F(PumpTest, ADroppedHandleSlotIsQuarantinedUntilTheEndOfTheTurn) {
    static int object = 0;
    static const char tag = 0;
    const PerryHandle first = perry_handle_register(&object, &tag, nullptr);
    ASSERT_NE(first, PERRY_HANDLE_INVALID);
    const size_t quarantined = perry::handles::quarantined_count();
    ASSERT_EQ(perry_handle_drop(first, &tag), PERRY_OK);
    EXPECT_EQ(perry::handles::quarantined_count(), quarantined + 1); // not reusable yet
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(perry::handles::quarantined_count(), 0u); // released by the turn's end
}
