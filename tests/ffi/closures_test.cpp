// Closures: creation, captures, calls with 0..4 arguments, `this`, arrays, serials.
#include "async_testing.h"
#include "perry/cpp/closures.hpp"

using namespace perry::testing;

namespace {

class ClosuresTest : public AsyncRuntimeTest {};

// Returns sum of captures * 1000 + sum of args, as int32.
PerryValue sum_fn(const PerryClosureCall* call) {
    int32_t total = 0;
    for (uint32_t i = 0; i < call->capture_count; ++i) {
        total += perry_value_to_int32(call->captures[i]) * 1000;
    }
    for (uint32_t i = 0; i < call->argc; ++i) {
        total += perry_value_to_int32(call->args[i]);
    }
    return perry_value_from_int32(total);
}

PerryValue this_fn(const PerryClosureCall* call) {
    return call->this_value;
}
PerryValue argc_fn(const PerryClosureCall* call) {
    return perry_value_from_int32(static_cast<int32_t>(call->argc));
}
PerryValue callee_fn(const PerryClosureCall* call) {
    return call->callee;
}

// Calls its first capture (a closure) with 7.
PerryValue call_capture_fn(const PerryClosureCall* call) {
    PerryValue out = PERRY_UNDEFINED;
    perry_closure_call1(call->captures[0], perry_value_from_int32(7), &out);
    return out;
}

int g_thrower_calls = 0;
PerryValue thrower(const PerryClosureCall*) {
    g_thrower_calls++;
    perry_throw_error_cstr(PERRY_ERROR_TYPE_ERROR, "bad input", "E_BAD");
    return perry_value_from_int32(1); // ignored: an exception is pending
}

__attribute__((noinline)) uint64_t make_unreferenced_closure() {
    return perry_closure_serial(perry_closure_new(argc_fn, nullptr, 0));
}

} // namespace

TEST_F(ClosuresTest, CallsWithZeroToFourArgumentsAndCaptures) {
    const PerryValue captures[] = {int_value(2), int_value(3)};
    PerryValue closure = perry_closure_new(sum_fn, captures, 2);
    ASSERT_TRUE(perry_closure_is(closure));
    EXPECT_EQ(perry_value_kind(closure), PERRY_KIND_FUNCTION);
    EXPECT_STREQ(perry_value_typeof(closure), "function");

    PerryValue out = PERRY_UNDEFINED;
    ASSERT_EQ(perry_closure_call0(closure, &out), PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 5000);
    ASSERT_EQ(perry_closure_call1(closure, int_value(1), &out), PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 5001);
    ASSERT_EQ(perry_closure_call2(closure, int_value(1), int_value(2), &out), PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 5003);
    ASSERT_EQ(perry_closure_call3(closure, int_value(1), int_value(2), int_value(3), &out),
              PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 5006);
    ASSERT_EQ(
        perry_closure_call4(closure, int_value(1), int_value(2), int_value(3), int_value(4), &out),
        PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 5010);
}

TEST_F(ClosuresTest, CallsWithAnArrayAndThis) {
    PerryValue closure = perry_closure_new(argc_fn, nullptr, 0);
    PerryValue args[9];
    for (int i = 0; i < 9; ++i) {
        args[i] = int_value(i);
    }
    PerryValue out = PERRY_UNDEFINED;
    ASSERT_EQ(perry_closure_call(closure, PERRY_NULL, args, 9, &out), PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 9);

    PerryValue with_this = perry_closure_new(this_fn, nullptr, 0);
    ASSERT_EQ(perry_closure_call(with_this, PERRY_TRUE, nullptr, 0, &out), PERRY_OK);
    EXPECT_EQ(out, PERRY_TRUE);
    ASSERT_EQ(perry_closure_call0(with_this, &out), PERRY_OK);
    EXPECT_EQ(out, PERRY_UNDEFINED);

    PerryValue self = perry_closure_new(callee_fn, nullptr, 0);
    ASSERT_EQ(perry_closure_call0(self, &out), PERRY_OK);
    EXPECT_EQ(out, self);
    EXPECT_EQ(perry_closure_call0(self, nullptr), PERRY_OK); // the result may be ignored
}

TEST_F(ClosuresTest, CppLayerCallsThroughTheSameAbi) {
    perry::Closure closure = perry::Closure::make(sum_fn, {int_value(1)});
    ASSERT_TRUE(closure.valid());
    EXPECT_EQ(perry_value_to_int32(closure.call1(int_value(5)).value), 1005);
    EXPECT_EQ(perry_value_to_int32(
                  closure.call4(int_value(1), int_value(1), int_value(1), int_value(1)).value),
              1004);
    perry::CallResult bad = perry::Closure(PERRY_NULL).call0();
    EXPECT_EQ(bad.status, PERRY_STATUS_NOT_CALLABLE);
    EXPECT_FALSE(bad.ok());
}

TEST_F(ClosuresTest, RejectsBadArguments) {
    PerryValue out = int_value(99);
    EXPECT_EQ(perry_closure_call0(PERRY_UNDEFINED, &out), PERRY_STATUS_NOT_CALLABLE);
    EXPECT_EQ(perry_closure_call0(int_value(3), &out), PERRY_STATUS_NOT_CALLABLE);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_CALLABLE);
    EXPECT_EQ(perry_value_to_int32(out), 99); // untouched on failure

    PerryValue closure = perry_closure_new(argc_fn, nullptr, 0);
    EXPECT_EQ(perry_closure_call(closure, PERRY_UNDEFINED, nullptr, 2, &out),
              PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_closure_new(nullptr, nullptr, 0), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_closure_new(argc_fn, nullptr, 1), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_closure_serial(int_value(1)), 0u);
    EXPECT_FALSE(perry_closure_is(PERRY_NULL));
}

TEST_F(ClosuresTest, CapturedClosureSurvivesCollection) {
    PerryValue inner_captures[] = {int_value(4)};
    PerryValue inner = perry_closure_new(sum_fn, inner_captures, 1);
    const uint64_t inner_serial = perry_closure_serial(inner);
    PerryValue outer = perry_closure_new(call_capture_fn, &inner, 1);
    inner = PERRY_UNDEFINED; // only the capture keeps it now
    collect_precisely();
    EXPECT_NE(perry_closure_from_serial(inner_serial), PERRY_UNDEFINED);
    PerryValue out = PERRY_UNDEFINED;
    ASSERT_EQ(perry_closure_call0(outer, &out), PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 4007);
}

TEST_F(ClosuresTest, SerialsAreExactWeakReferences) {
    PerryValue kept = perry_closure_new(argc_fn, nullptr, 0);
    const uint64_t kept_serial = perry_closure_serial(kept);
    const uint64_t lost_serial = make_unreferenced_closure();
    EXPECT_NE(kept_serial, 0u);
    EXPECT_NE(lost_serial, kept_serial);
    ASSERT_EQ(perry_gc_pin(kept), PERRY_OK);
    collect_precisely();
    EXPECT_EQ(perry_closure_from_serial(kept_serial), kept);
    EXPECT_EQ(perry_closure_from_serial(lost_serial), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_FOUND);
    // A new closure may reuse the swept one's address but never its serial.
    PerryValue fresh = perry_closure_new(argc_fn, nullptr, 0);
    EXPECT_GT(perry_closure_serial(fresh), lost_serial);
    EXPECT_EQ(perry_closure_from_serial(lost_serial), PERRY_UNDEFINED);
    ASSERT_EQ(perry_gc_unpin(kept), PERRY_OK);
}

TEST_F(ClosuresTest, CapturesHeldOnlyByTheCallersHeapArraySurviveTheAllocation) {
    // The captures array lives in malloc'd memory the stack scan cannot see; the closure's own
    // allocation may collect (always, under PERRY_GC_STRESS=1) before it copies them.
    auto* captures = new PerryValue[1];
    captures[0] = perry_closure_new(argc_fn, nullptr, 0);
    const uint64_t serial = perry_closure_serial(captures[0]);
    PerryValue holder = perry_closure_new(call_capture_fn, captures, 1);
    delete[] captures;
    collect_precisely();
    EXPECT_NE(perry_closure_from_serial(serial), PERRY_UNDEFINED);
    PerryValue out = PERRY_UNDEFINED;
    ASSERT_EQ(perry_closure_call0(holder, &out), PERRY_OK);
    EXPECT_EQ(perry_value_to_int32(out), 1);
}

TEST_F(ClosuresTest, AThrownExceptionComesBackPendingWithItsValue) {
    g_thrower_calls = 0;
    PerryValue closure = perry_closure_new(thrower, nullptr, 0);
    PerryValue out = PERRY_UNDEFINED;
    ASSERT_EQ(perry_closure_call1(closure, int_value(1), &out), PERRY_STATUS_PENDING_EXCEPTION);
    ASSERT_TRUE(perry_value_is_error(out));
    EXPECT_EQ(perry_error_type(out), PERRY_ERROR_TYPE_ERROR);
    EXPECT_EQ(error_message_of(out), "bad input");
    EXPECT_TRUE(perry_exception_pending());
    EXPECT_EQ(perry_exception_peek(), out);

    // No JavaScript runs while an exception propagates: the next call is refused.
    PerryValue other = perry_closure_new(argc_fn, nullptr, 0);
    PerryValue second = PERRY_UNDEFINED;
    EXPECT_EQ(perry_closure_call0(other, &second), PERRY_STATUS_PENDING_EXCEPTION);
    EXPECT_EQ(second, out);
    EXPECT_EQ(g_thrower_calls, 1);

    perry_exception_clear();
    ASSERT_EQ(perry_closure_call0(other, &second), PERRY_OK);
    EXPECT_EQ(second, int_value(0));
    perry::CallResult result = perry::Closure(closure).call0();
    EXPECT_TRUE(result.threw());
    EXPECT_TRUE(perry_value_is_error(result.value));
    perry_exception_clear();
}
