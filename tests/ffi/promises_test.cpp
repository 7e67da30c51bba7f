// Promises: settlement on and off the main thread, reactions, then-chains, unhandled
// rejections, double settlement, settlement after shutdown.
#include "async_testing.h"
#include "perry/cpp/closures.hpp"
#include "perry/cpp/promises.hpp"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace perry::testing;

namespace {

class PromisesTest : public AsyncRuntimeTest {};

struct Seen {
    int calls = 0;
    PerryValue result = PERRY_UNDEFINED;
    PerryPromiseState state = PERRY_PROMISE_PENDING;
};

void record(PerryValue result, PerryPromiseState state, void* userdata) {
    auto* seen = static_cast<Seen*>(userdata);
    seen->calls++;
    seen->result = result;
    seen->state = state;
}

PerryValue add_one(const PerryClosureCall* call) {
    return perry_value_from_int32(perry_value_to_int32(call->args[0]) + 1);
}

PerryValue throw_range_error(const PerryClosureCall*) {
    perry_throw_error_cstr(PERRY_ERROR_RANGE_ERROR, "out of range", nullptr);
    return PERRY_UNDEFINED;
}

struct Unhandled {
    int calls = 0;
    PerryValue reason = PERRY_UNDEFINED;
};
void on_unhandled(PerryValue, PerryValue reason, void* userdata) {
    auto* seen = static_cast<Unhandled*>(userdata);
    seen->calls++;
    seen->reason = reason;
}

// A pending promise whose only reference is the returned raw bits (no PerryValue on the stack
// of the caller after the call, as when a binding hands it to a thread).
__attribute__((noinline)) uint64_t hidden_promise() {
    return perry_promise_new() ^ 0x5555;
}

} // namespace

TEST_F(PromisesTest, ResolveOnTheMainThreadAppliesAtOnceAndReactionsRunInThePump) {
    perry::Promise promise = perry::Promise::make();
    ASSERT_TRUE(promise.valid());
    EXPECT_EQ(perry_value_kind(promise.value()), PERRY_KIND_PROMISE);
    EXPECT_EQ(promise.state(), PERRY_PROMISE_PENDING);
    EXPECT_EQ(promise.result(), PERRY_UNDEFINED);
    Seen seen;
    ASSERT_EQ(perry_promise_on_settled(promise.value(), record, &seen), PERRY_OK);

    ASSERT_EQ(promise.resolve(int_value(42)), PERRY_OK);
    EXPECT_EQ(promise.state(), PERRY_PROMISE_FULFILLED);
    EXPECT_EQ(promise.result(), int_value(42));
    EXPECT_EQ(seen.calls, 0); // reactions are jobs, never run inside the settling call
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(seen.calls, 1);
    EXPECT_EQ(seen.result, int_value(42));
    EXPECT_EQ(seen.state, PERRY_PROMISE_FULFILLED);

    // A callback attached after settlement still runs, once.
    Seen late;
    ASSERT_EQ(perry_promise_on_settled(promise.value(), record, &late), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(late.calls, 1);
    EXPECT_EQ(seen.calls, 1);
}

TEST_F(PromisesTest, RejectAndDoubleSettlementIsReportedNotApplied) {
    perry::Promise promise = perry::Promise::make();
    Seen seen;
    ASSERT_EQ(perry_promise_on_settled(promise.value(), record, &seen), PERRY_OK);
    ASSERT_EQ(promise.reject(int_value(7)), PERRY_OK);
    EXPECT_EQ(promise.resolve(int_value(8)), PERRY_STATUS_ALREADY_SETTLED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_ALREADY_SETTLED);
    EXPECT_EQ(promise.reject(int_value(9)), PERRY_STATUS_ALREADY_SETTLED);
    EXPECT_EQ(promise.reject_string("again"), PERRY_STATUS_ALREADY_SETTLED);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(promise.state(), PERRY_PROMISE_REJECTED);
    EXPECT_EQ(promise.result(), int_value(7));
    EXPECT_EQ(seen.calls, 1);
    EXPECT_EQ(seen.state, PERRY_PROMISE_REJECTED);
}

TEST_F(PromisesTest, ResolvingAPromiseWithItselfRejectsWithATypeError) {
    perry::Promise promise = perry::Promise::make();
    Seen seen;
    ASSERT_EQ(perry_promise_on_settled(promise.value(), record, &seen), PERRY_OK);
    ASSERT_EQ(promise.resolve(promise.value()), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(promise.state(), PERRY_PROMISE_REJECTED);
    const PerryValue error = promise.result();
    ASSERT_TRUE(perry_value_is_error(error));
    EXPECT_EQ(perry_error_type(error), PERRY_ERROR_TYPE_ERROR);
    PerryValue message = perry_error_message(error);
    const char* bytes = nullptr;
    size_t length = 0;
    ASSERT_EQ(perry_string_bytes(&message, &bytes, &length), PERRY_OK);
    EXPECT_EQ(std::string(bytes, length), "Chaining cycle detected for promise #<Promise>");
    EXPECT_EQ(seen.calls, 1);
    EXPECT_EQ(seen.state, PERRY_PROMISE_REJECTED);
}

TEST_F(PromisesTest, DoubleSettlementFromOtherThreadsIsDetectedSynchronously) {
    perry::Promise promise = perry::Promise::make();
    std::atomic<int> ok{0};
    std::atomic<int> already{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            const PerryStatus status = promise.resolve(int_value(t));
            (status == PERRY_OK ? ok : already)++;
            if (status != PERRY_OK) {
                EXPECT_EQ(status, PERRY_STATUS_ALREADY_SETTLED);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(already.load(), 3);
    EXPECT_EQ(promise.state(), PERRY_PROMISE_PENDING); // queued, not yet applied
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(promise.state(), PERRY_PROMISE_FULFILLED);
}

TEST_F(PromisesTest, ThenChainsClosuresAndPassesThroughMissingHandlers) {
    perry::Promise source = perry::Promise::make();
    PerryValue increment = perry_closure_new(add_one, nullptr, 0);
    PerryValue first = PERRY_UNDEFINED;
    PerryValue second = PERRY_UNDEFINED;
    PerryValue caught = PERRY_UNDEFINED;
    ASSERT_EQ(perry_promise_then(source.value(), increment, PERRY_UNDEFINED, &first), PERRY_OK);
    ASSERT_EQ(perry_promise_then(first, increment, PERRY_UNDEFINED, &second), PERRY_OK);
    ASSERT_EQ(perry_promise_catch(second, increment, &caught), PERRY_OK);
    ASSERT_EQ(source.resolve(int_value(1)), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(perry_promise_result(first), int_value(2));
    EXPECT_EQ(perry_promise_result(second), int_value(3));
    // catch without a rejection passes the value through untouched.
    EXPECT_EQ(perry_promise_state(caught), PERRY_PROMISE_FULFILLED);
    EXPECT_EQ(perry_promise_result(caught), int_value(3));

    // A rejection skips the fulfilment handlers and reaches the catch.
    perry::Promise failing = perry::Promise::make();
    ASSERT_EQ(perry_promise_then(failing.value(), increment, PERRY_UNDEFINED, &first), PERRY_OK);
    ASSERT_EQ(perry_promise_catch(first, increment, &caught), PERRY_OK);
    ASSERT_EQ(failing.reject(int_value(10)), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(perry_promise_state(first), PERRY_PROMISE_REJECTED);
    EXPECT_EQ(perry_promise_state(caught), PERRY_PROMISE_FULFILLED);
    EXPECT_EQ(perry_promise_result(caught), int_value(11));

    EXPECT_EQ(perry_promise_then(source.value(), int_value(1), PERRY_UNDEFINED, nullptr),
              PERRY_STATUS_NOT_CALLABLE);
    EXPECT_EQ(perry_promise_then(int_value(1), increment, PERRY_UNDEFINED, nullptr),
              PERRY_STATUS_TYPE_MISMATCH);
}

TEST_F(PromisesTest, AThrowingHandlerRejectsTheDerivedPromise) {
    perry::Promise source = perry::Promise::make();
    PerryValue derived = PERRY_UNDEFINED;
    ASSERT_EQ(perry_promise_then(source.value(), perry_closure_new(throw_range_error, nullptr, 0),
                                 PERRY_UNDEFINED, &derived),
              PERRY_OK);
    Seen seen;
    ASSERT_EQ(perry_promise_on_settled(derived, record, &seen), PERRY_OK);
    ASSERT_EQ(source.resolve(int_value(1)), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_FALSE(perry_exception_pending()); // consumed by the rejection
    EXPECT_EQ(perry_promise_state(derived), PERRY_PROMISE_REJECTED);
    EXPECT_EQ(perry_error_type(perry_promise_result(derived)), PERRY_ERROR_RANGE_ERROR);
    EXPECT_EQ(error_message_of(perry_promise_result(derived)), "out of range");
    EXPECT_EQ(seen.calls, 1);
}

TEST_F(PromisesTest, RejectStringMakesAnErrorOnTheMainThread) {
    perry::Promise here = perry::Promise::make();
    perry::Promise there = perry::Promise::make();
    Seen seen;
    ASSERT_EQ(perry_promise_on_settled(here.value(), record, &seen), PERRY_OK);
    ASSERT_EQ(perry_promise_on_settled(there.value(), record, &seen), PERRY_OK);
    ASSERT_EQ(here.reject_string("connection refused"), PERRY_OK);
    std::thread([&there] { EXPECT_EQ(there.reject_string("from a thread"), PERRY_OK); }).join();
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    ASSERT_TRUE(perry_value_is_error(here.result()));
    EXPECT_EQ(perry_error_type(here.result()), PERRY_ERROR_ERROR);
    EXPECT_EQ(error_message_of(here.result()), "connection refused");
    EXPECT_EQ(error_message_of(there.result()), "from a thread");
    EXPECT_EQ(there.state(), PERRY_PROMISE_REJECTED);
    EXPECT_EQ(seen.calls, 2);
}

TEST_F(PromisesTest, ResolvingWithAPromiseFollowsIt) {
    perry::Promise outer = perry::Promise::make();
    perry::Promise inner = perry::Promise::make();
    ASSERT_EQ(outer.resolve(inner.value()), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(outer.state(), PERRY_PROMISE_PENDING);
    EXPECT_EQ(outer.resolve(int_value(1)), PERRY_STATUS_ALREADY_SETTLED);
    ASSERT_EQ(inner.reject(int_value(5)), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(outer.state(), PERRY_PROMISE_REJECTED);
    EXPECT_EQ(outer.result(), int_value(5));
}

TEST_F(PromisesTest, UnhandledRejectionsAreReportedOnceAtTheEndOfATurn) {
    Unhandled unhandled;
    ASSERT_EQ(perry_promise_set_unhandled_rejection_handler(on_unhandled, &unhandled), PERRY_OK);
    perry::Promise lonely = perry::Promise::make();
    perry::Promise handled = perry::Promise::make();
    Seen seen;
    ASSERT_EQ(lonely.reject(int_value(3)), PERRY_OK);
    ASSERT_EQ(handled.reject(int_value(4)), PERRY_OK);
    // A handler attached before the turn ends counts (as in JavaScript's microtask checkpoint).
    ASSERT_EQ(perry_promise_on_settled(handled.value(), record, &seen), PERRY_OK);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(unhandled.calls, 1);
    EXPECT_EQ(unhandled.reason, int_value(3));
    EXPECT_EQ(seen.calls, 1);
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
    EXPECT_EQ(unhandled.calls, 1);
}

TEST_F(PromisesTest, APendingPromiseIsRootedUntilSettledFromAnotherThread) {
    const uint64_t bits = hidden_promise();
    collect_precisely(); // no stack reference: only the runtime's root keeps it
    const PerryValue promise = bits ^ 0x5555;
    std::thread([promise] {
        EXPECT_EQ(perry_promise_resolve(promise, int_value(11)), PERRY_OK);
    }).join();
    collect_precisely();
    PerryPromiseState state = PERRY_PROMISE_PENDING;
    PerryValue result = PERRY_UNDEFINED;
    ASSERT_EQ(perry_pump_await(promise, &state, &result), PERRY_OK);
    EXPECT_EQ(state, PERRY_PROMISE_FULFILLED);
    EXPECT_EQ(result, int_value(11));
}

TEST_F(PromisesTest, RejectsBadArguments) {
    EXPECT_EQ(perry_promise_resolve(int_value(1), PERRY_NULL), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_promise_state(PERRY_NULL), PERRY_PROMISE_PENDING);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
    perry::Promise promise = perry::Promise::make();
    EXPECT_EQ(perry_promise_reject_string(promise.value(), nullptr, 3),
              PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_promise_on_settled(promise.value(), nullptr, nullptr),
              PERRY_STATUS_INVALID_ARGUMENT);
    std::thread([] {
        EXPECT_EQ(perry_promise_resolve(int_value(1), PERRY_NULL), PERRY_STATUS_TYPE_MISMATCH);
    }).join();
    ASSERT_EQ(promise.resolve(PERRY_NULL), PERRY_OK);
}

// 100,000 promises settled from 8 threads: each delivered exactly once on the main thread.
TEST_F(PromisesTest, ManyPromisesSettledFromEightThreadsAreDeliveredExactlyOnce) {
    const int count = perry_gc_stress_enabled() ? 2000 : 100000;
    constexpr int kThreads = 8;
    std::vector<PerryValue> promises(static_cast<size_t>(count));
    std::vector<int> delivered(static_cast<size_t>(count), 0);
    auto on_settled = [](PerryValue result, PerryPromiseState state, void* userdata) {
        auto* counts = static_cast<std::vector<int>*>(userdata);
        EXPECT_TRUE(perry_is_main_thread());
        EXPECT_EQ(state, PERRY_PROMISE_FULFILLED);
        (*counts)[static_cast<size_t>(perry_value_to_int32(result))]++;
    };
    for (int i = 0; i < count; ++i) {
        promises[static_cast<size_t>(i)] = perry_promise_new(); // rooted until settled
        ASSERT_EQ(
            perry_promise_on_settled(promises[static_cast<size_t>(i)], on_settled, &delivered),
            PERRY_OK);
    }
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = t; i < count; i += kThreads) {
                if (perry_promise_resolve(promises[static_cast<size_t>(i)], int_value(i)) !=
                    PERRY_OK) {
                    failures++;
                }
            }
        });
    }
    // Pump while the threads settle, then until nothing is left.
    int delivered_total = 0;
    while (delivered_total < count) {
        ASSERT_EQ(perry_pump_run(PERRY_PUMP_NOWAIT), PERRY_OK);
        delivered_total = 0;
        for (int seen : delivered) {
            delivered_total += seen;
        }
        if (delivered_total < count) {
            std::this_thread::yield();
        }
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ASSERT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
    EXPECT_EQ(failures.load(), 0);
    for (int i = 0; i < count; ++i) {
        ASSERT_EQ(delivered[static_cast<size_t>(i)], 1) << "promise " << i;
    }
}

TEST(PromisesShutdownTest, SettlingAfterShutdownIsRefusedWithoutTouchingThePromise) {
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    const PerryValue promise = perry_promise_new();
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    // The promise's memory is gone: the calls must not read it (ASan would tell).
    EXPECT_EQ(perry_promise_resolve(promise, int_value(1)), PERRY_STATUS_SHUT_DOWN);
    std::thread([promise] {
        EXPECT_EQ(perry_promise_reject(promise, int_value(1)), PERRY_STATUS_SHUT_DOWN);
    }).join();
    EXPECT_EQ(perry_promise_new(), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_INITIALIZED);
}
