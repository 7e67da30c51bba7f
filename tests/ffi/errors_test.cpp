// Errors: Error/TypeError/RangeError values with message and code; throwing from a binding; the
// host reading and clearing the pending exception.
#include "gc_testing.h"
#include "runtime_fixture.h"

#include <string>
#include <thread>

using namespace perry::testing;

using Errors = RuntimeTest;

TEST_F(Errors, ErrorValuesCarryNameMessageAndCode) {
    PerryValue e = perry_error_new_cstr(PERRY_ERROR_TYPE_ERROR, "expected a string", "ERR_ARG");
    ASSERT_TRUE(perry_value_is_error(e));
    EXPECT_EQ(e >> 48, 0x7FFDull);
    EXPECT_EQ(perry_value_kind(e), PERRY_KIND_ERROR);
    EXPECT_STREQ(perry_value_typeof(e), "object");
    EXPECT_EQ(perry_error_type(e), PERRY_ERROR_TYPE_ERROR);
    EXPECT_EQ(text_of(perry_error_name(e)), "TypeError");
    EXPECT_EQ(text_of(perry_error_message(e)), "expected a string");
    EXPECT_EQ(text_of(perry_error_code(e)), "ERR_ARG");

    PerryValue plain = perry_error_new(PERRY_ERROR_ERROR, "boom", 4, nullptr, 0);
    EXPECT_EQ(text_of(perry_error_name(plain)), "Error");
    EXPECT_EQ(perry_error_code(plain), PERRY_UNDEFINED);
    PerryValue range = perry_error_new_cstr(PERRY_ERROR_RANGE_ERROR, "", nullptr);
    EXPECT_EQ(text_of(perry_error_name(range)), "RangeError");
    EXPECT_EQ(text_of(perry_error_message(range)), "");
}

TEST_F(Errors, InvalidUtf8InAMessageIsReplacedNotRejected) {
    PerryValue e = perry_error_new(PERRY_ERROR_ERROR, "bad \xFF byte", 10, "\xC3", 1);
    ASSERT_TRUE(perry_value_is_error(e));
    EXPECT_EQ(text_of(perry_error_message(e)), "bad \xEF\xBF\xBD byte");
    EXPECT_EQ(text_of(perry_error_code(e)), "\xEF\xBF\xBD");
}

TEST_F(Errors, BadInputGivesAStatus) {
    EXPECT_EQ(perry_error_new(static_cast<PerryErrorType>(7), "m", 1, nullptr, 0), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_error_new(PERRY_ERROR_ERROR, nullptr, 3, nullptr, 0), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_error_message(perry_value_from_int32(1)), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_error_type(perry_object_new(nullptr)), PERRY_ERROR_ERROR);
    EXPECT_FALSE(perry_value_is_error(PERRY_NULL));
    EXPECT_EQ(perry_throw_error(static_cast<PerryErrorType>(-1), "m", 1, nullptr, 0),
              PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_FALSE(perry_exception_pending());
}

namespace {

// A binding as a generated program would call it: validates and throws.
extern "C" double js_test_sqrt(double x) {
    if (x < 0) {
        perry_throw_error_cstr(PERRY_ERROR_RANGE_ERROR, "x must be >= 0", "ERR_NEGATIVE");
        return perry_value_to_abi(PERRY_UNDEFINED);
    }
    return x;
}

} // namespace

TEST_F(Errors, ABindingThrowsAndTheHostReadsAndClears) {
    EXPECT_FALSE(perry_exception_pending());
    EXPECT_EQ(perry_exception_peek(), PERRY_UNDEFINED);
    EXPECT_EQ(js_test_sqrt(4.0), 4.0);
    EXPECT_FALSE(perry_exception_pending());
    js_test_sqrt(-1.0);
    ASSERT_TRUE(perry_exception_pending());
    PerryValue peeked = perry_exception_peek();
    EXPECT_TRUE(perry_exception_pending()) << "peek does not clear";
    PerryValue taken = perry_exception_take();
    EXPECT_EQ(peeked, taken);
    EXPECT_FALSE(perry_exception_pending());
    EXPECT_EQ(text_of(perry_error_name(taken)), "RangeError");
    EXPECT_EQ(text_of(perry_error_message(taken)), "x must be >= 0");
    EXPECT_EQ(text_of(perry_error_code(taken)), "ERR_NEGATIVE");
    EXPECT_EQ(perry_exception_take(), PERRY_UNDEFINED);
}

TEST_F(Errors, TheFirstExceptionWinsAndAnyValueMayBeThrown) {
    ASSERT_EQ(perry_throw(perry_value_from_int32(1)), PERRY_OK);
    EXPECT_EQ(perry_throw(perry_value_from_int32(2)), PERRY_STATUS_PENDING_EXCEPTION);
    EXPECT_EQ(perry_throw_error_cstr(PERRY_ERROR_ERROR, "later", nullptr),
              PERRY_STATUS_PENDING_EXCEPTION);
    EXPECT_EQ(perry_exception_take(), perry_value_from_int32(1));
    ASSERT_EQ(perry_throw(str("thrown string")), PERRY_OK);
    perry_exception_clear();
    EXPECT_FALSE(perry_exception_pending());
}

namespace {
__attribute__((noinline)) void throw_fresh_error() {
    perry_throw_error_cstr(PERRY_ERROR_TYPE_ERROR, "a message longer than five bytes", "CODE_X");
}
} // namespace

TEST_F(Errors, ThePendingExceptionIsAGcRoot) {
    throw_fresh_error();
    for (int i = 0; i < scaled(20); ++i) {
        str("garbage garbage garbage " + std::to_string(i));
        collect_precisely();
    }
    PerryValue e = perry_exception_take();
    EXPECT_EQ(text_of(perry_error_message(e)), "a message longer than five bytes");
    EXPECT_EQ(text_of(perry_error_code(e)), "CODE_X");
}

TEST_F(Errors, ThrowingIsMainThreadOnly) {
    PerryStatus from_worker = PERRY_OK;
    bool pending_seen = true;
    std::thread worker([&] {
        from_worker = perry_throw(PERRY_NULL);
        pending_seen = perry_exception_pending();
    });
    worker.join();
    EXPECT_EQ(from_worker, PERRY_STATUS_WRONG_THREAD);
    EXPECT_FALSE(pending_seen);
    EXPECT_FALSE(perry_exception_pending());
}

TEST(ErrorsAcrossShutdown, APendingExceptionIsClearedByShutdown) {
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    ASSERT_EQ(perry_throw_error_cstr(PERRY_ERROR_ERROR, "left pending", nullptr), PERRY_OK);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    EXPECT_FALSE(perry_exception_pending());
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
}
