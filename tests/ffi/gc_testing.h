// Helpers for tests that expect an object to be COLLECTED despite the conservative stack scan.
//
// A stale copy of a pointer in a dead stack frame can keep an object alive. So: create and touch
// such objects only inside __attribute__((noinline)) helpers, keep no PerryValue or pointer to
// them in the test body, and collect with collect_precisely(), which overwrites the dead part of
// the stack first. Tests that expect survival need none of this.
#pragma once

#include "perry/ffi.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

namespace perry::testing {

// Overwrites 32 KiB of the dead stack below the caller's frame, word by word through a volatile
// pointer so that the compiler cannot drop the stores of a dead array (and then the call).
// Not instrumented by ASan: an instrumented frame would put redzones around the array that the
// stores skip, and stale pointers in those redzones kept objects alive in ASan builds.
__attribute__((noinline, no_sanitize_address)) inline void clobber_stack() {
    uintptr_t scratch[32 * 1024 / sizeof(uintptr_t)];
    volatile uintptr_t* words = scratch;
    for (size_t i = 0; i < sizeof scratch / sizeof scratch[0]; ++i) {
        words[i] = 0;
    }
}

inline PerryGcStats gc_stats() {
    PerryGcStats out{};
    EXPECT_EQ(perry_gc_stats(&out), PERRY_OK);
    return out;
}

} // namespace perry::testing

// Collects with a clean stack so that only real roots keep objects alive. A macro, not a
// function: a function's own frame would sit over the dead frames and keep their stale slots.
#define collect_precisely()                                                                        \
    do {                                                                                           \
        ::perry::testing::clobber_stack();                                                         \
        ASSERT_EQ(perry_gc_collect(), PERRY_OK);                                                   \
    } while (0)
