// Shared helpers of the async runtime tests (closures, promises, work, pump, emitter), on top of
// the runtime suite's fixture.
#pragma once

#include "gc_testing.h"
#include "perry/ffi.h"
#include "runtime_fixture.h"

#include <gtest/gtest.h>

#include <string>

namespace perry::testing {

// RuntimeTest, plus: at the end nothing the test started is left (no task in flight, nothing
// pending in the pump) besides what RuntimeTest checks (handles, pending exception).
class AsyncRuntimeTest : public RuntimeTest {
  protected:
    void TearDown() override {
        EXPECT_EQ(perry_pump_run(PERRY_PUMP_UNTIL_IDLE), PERRY_OK);
        EXPECT_EQ(perry_work_in_flight(), 0u) << "the test left blocking work in flight";
        EXPECT_FALSE(perry_pump_has_pending()) << "the test left work pending in the pump";
        RuntimeTest::TearDown();
    }
};

inline PerryValue int_value(int32_t i) {
    return perry_value_from_int32(i);
}

// The message of an Error value.
inline std::string error_message_of(PerryValue error) {
    return text_of(perry_error_message(error));
}

} // namespace perry::testing
