// The checked build (PERRY_CHECKED): a main-thread-only call from another thread aborts with a
// message naming the function and the thread. Linked against a copy of the runtime compiled
// with PERRY_CHECKED=1.
#include "perry/ffi.h"
#include "platform/platform.h"

#include <gtest/gtest.h>

#include <thread>

namespace {

PerryValue identity(const PerryClosureCall* call) {
    return call->argc ? call->args[0] : 0;
}

void call_closure_from_named_thread(PerryValue closure) {
    std::thread([closure] {
        // Named through the platform layer, so that the name is the one the runtime reads on
        // every platform (a Windows thread description, a pthread name elsewhere).
        perry::platform::set_current_thread_name("binding-io");
        PerryValue out;
        perry_closure_call0(closure, &out);
    }).join();
}

} // namespace

TEST(CheckedAbortDeathTest, WrongThreadCallAbortsNamingFunctionAndThread) {
    ::testing::FLAGS_gtest_death_test_style = "threadsafe";
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    const PerryValue closure = perry_closure_new(identity, nullptr, 0);
    EXPECT_DEATH(call_closure_from_named_thread(closure),
                 "perry: fatal: perry_closure_call is main-thread only but was called from "
                 "thread 'binding-io' \\(checked build, PERRY_CHECKED\\)");
    // The main thread itself is unaffected.
    PerryValue out = PERRY_UNDEFINED;
    EXPECT_EQ(perry_closure_call1(closure, PERRY_TRUE, &out), PERRY_OK);
    EXPECT_EQ(out, PERRY_TRUE);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
}
