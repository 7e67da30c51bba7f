// Shared helpers of the async runtime tests (closures, promises, work, pump, emitter).
#pragma once

#include "gc_testing.h"
#include "perry/ffi.h"

#include <gtest/gtest.h>

#include <string>

namespace perry::testing {

// Initialises the runtime per test; at the end asserts that nothing the test started is left
// (no task in flight, nothing pending in the pump) and shuts down.
class RuntimeTest : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK); }
    void TearDown() override {
        EXPECT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
        EXPECT_EQ(perry_work_in_flight(), 0u);
        EXPECT_FALSE(perry_pump_has_pending());
        ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    }
    // Fewer iterations when every allocation collects; the assertions stay the same.
    static int scaled(int normal, int stressed) {
        return perry_gc_stress_enabled() ? stressed : normal;
    }
};

inline PerryValue int_value(int32_t i) { return perry_value_from_int32(i); }

// The UTF-8 content of a string value ("<not a string>" otherwise).
inline std::string string_of(PerryValue value) {
    char buffer[256];
    size_t length = 0;
    if (perry_string_copy(value, buffer, sizeof buffer, &length) != PERRY_OK) {
        return "<not a string>";
    }
    return std::string(buffer, length);
}

// The message of an Error value.
inline std::string error_message_of(PerryValue error) {
    return string_of(perry_error_message(error));
}

} // namespace perry::testing
