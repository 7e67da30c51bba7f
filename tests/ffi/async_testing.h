// Shared helpers of the async runtime tests (closures, promises, work, pump, emitter).
#pragma once

#include "perry/ffi.h"

#include <gtest/gtest.h>

#include <cstring>

namespace perry::testing {

// The conservative stack scan may keep an object alive through a stale copy in a dead frame:
// tests that expect a collection overwrite the dead stack first (see gc_test.cpp).
__attribute__((noinline)) inline void clobber_stack() {
    volatile char scratch[32 * 1024];
    std::memset(const_cast<char*>(scratch), 0, sizeof scratch);
}

// A macro so that no frame of its own sits over the dead frames.
#define collect_precisely()                                                                        \
    do {                                                                                           \
        ::perry::testing::clobber_stack();                                                         \
        ASSERT_EQ(perry_gc_collect(), PERRY_OK);                                                   \
    } while (0)

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

} // namespace perry::testing
