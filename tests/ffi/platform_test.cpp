// The runtime's platform layer (ffi-runtime/src/platform/), whichever implementation the build
// selected (PERRY_PLATFORM): the stack top, aligned zeroed memory, threads and their names.
#include "platform/platform.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <string>

namespace perry::platform {
namespace {

TEST(Platform, TheSelectedImplementationIsCompiledIn) {
    EXPECT_STREQ(name(), PERRY_TEST_PLATFORM);
}

// The stack top lies above every frame of the calling thread, within its stack.
__attribute__((noinline)) bool deeper_frame_is_below(uintptr_t top) {
    volatile char here = 0;
    return reinterpret_cast<uintptr_t>(&here) < top;
}

TEST(Platform, TheStackTopIsAboveTheCallersFrames) {
    volatile char local = 0;
    const auto frame = reinterpret_cast<uintptr_t>(&local);
    const uintptr_t top = current_stack_top();
    ASSERT_NE(top, 0u) << "the platform could not find the stack";
    EXPECT_GT(top, frame);
    EXPECT_TRUE(deeper_frame_is_below(top));
    EXPECT_LT(top - frame, uintptr_t{1} << 30) << "further than any stack reaches";
    EXPECT_EQ(top % sizeof(void*), 0u);
}

TEST(Platform, AlignedMemoryIsAlignedZeroedAndWritable) {
    constexpr size_t kBytes = size_t{256} << 10;
    char* base = map_aligned(kBytes, kBytes);
    ASSERT_NE(base, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(base) % kBytes, 0u);
    prefault(base, kBytes);
    for (size_t i = 0; i < kBytes; i += 4096) {
        ASSERT_EQ(base[i], 0) << "byte " << i;
    }
    std::memset(base, 0x5A, kBytes);
    EXPECT_EQ(base[kBytes - 1], 0x5A);
    release_aligned(base, kBytes);
}

std::atomic<int> g_ran{0};
char g_name_seen[64];

void* named_thread(void* arg) {
    set_current_thread_name(static_cast<const char*>(arg));
    current_thread_name(g_name_seen, sizeof g_name_seen);
    g_ran.fetch_add(1);
    return nullptr;
}

TEST(Platform, ThreadsStartJoinAndCarryTheirNames) {
    Thread thread;
    char name_arg[] = "perry-test-thread-long"; // longer than Linux's 15 bytes
    ASSERT_TRUE(start_thread(&thread, named_thread, name_arg));
    join_thread(thread);
    EXPECT_EQ(g_ran.load(), 1);
    // Every platform of the layer names threads; the name is cut to the 15-byte limit.
    EXPECT_EQ(std::string(g_name_seen), "perry-test-thre");
    char tiny[1] = {'x'};
    current_thread_name(tiny, sizeof tiny);
    EXPECT_EQ(tiny[0], '\0');
}

} // namespace
} // namespace perry::platform
