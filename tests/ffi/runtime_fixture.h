// A fixture that initialises the runtime for each test and shuts it down after, checking that
// the test left no handle and no pending exception behind.
#pragma once

#include "perry/ffi.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace perry::testing {

class RuntimeTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
        perry_clear_last_status();
    }
    void TearDown() override {
        EXPECT_EQ(perry_handle_count(nullptr), 0u) << "the test leaked handles";
        EXPECT_FALSE(perry_exception_pending()) << "the test left an exception pending";
        perry_exception_clear();
        ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    }
    // Fewer iterations under PERRY_GC_STRESS=1 (a collection per allocation), same assertions.
    static int scaled(int iterations) {
        return perry_gc_stress_enabled() ? (iterations < 50 ? iterations : 50) : iterations;
    }
};

// The bytes of a string value as a std::string ("<not a string>" otherwise).
inline std::string text_of(PerryValue value) {
    const char* bytes = nullptr;
    size_t length = 0;
    if (perry_string_bytes(&value, &bytes, &length) != PERRY_OK) {
        return "<not a string>";
    }
    return std::string(bytes, length);
}

inline PerryValue str(std::string_view text) {
    return perry_string_from_utf8(text.data(), text.size());
}

} // namespace perry::testing
