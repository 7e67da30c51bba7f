// Test support: running code with only a few file descriptors left to open.
#pragma once

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

namespace perry::test {

// Runs `body` with RLIMIT_NOFILE set so that exactly `spare` more descriptors can be opened, then
// restores the limit.
template <typename Body> void with_spare_descriptors(int spare, Body body) {
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    const int lowest_free = ::dup(0);
    ASSERT_GE(lowest_free, 0);
    ::close(lowest_free);
    rlimit few = saved;
    few.rlim_cur = static_cast<rlim_t>(lowest_free + spare);
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &few), 0);
    body();
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
}

} // namespace perry::test
