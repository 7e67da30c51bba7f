// The build cache across processes (the build_driver program): two builds of one key build once,
// a killed build leaves nothing in the cache, a SIGTERM to the parent ends the build's group.
#include "build_test_support.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <fstream>
#include <future>
#include <sstream>
#include <thread>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::future<ProcessResult> start_driver(const fs::path& pkg, const fs::path& cache,
                                        std::vector<std::pair<std::string, std::string>> env) {
    env.emplace_back("PERRY_COMPILER_CACHE", "off");
    return std::async(std::launch::async, [=] {
        ProcessOptions options;
        options.env = env;
        return run_process({build_driver().string(), pkg.string(), cache.string()}, options);
    });
}

TEST(BuildProcesses, TwoBuildsOfOneKeyBuildOnceAndBothSucceed) {
    TempDir pkg;
    TempDir cache;
    write_cmake_binding(pkg.path());
    // Shims that record each `cmake` command line: the build step must run exactly once.
    CountingShims shims({"cmake"});
    shims.install();
    std::future<ProcessResult> a = start_driver(pkg.path(), cache.path(), {});
    std::future<ProcessResult> b = start_driver(pkg.path(), cache.path(), {});
    const ProcessResult first = a.get();
    const ProcessResult second = b.get();
    ASSERT_TRUE(first.ok()) << first.err;
    ASSERT_TRUE(second.ok()) << second.err;
    const std::string statuses =
        first.out.substr(0, first.out.find(' ')) + "+" + second.out.substr(0, second.out.find(' '));
    EXPECT_TRUE(statuses == "built+cached" || statuses == "cached+built") << statuses;
    EXPECT_EQ(first.out.substr(first.out.find(' ')), second.out.substr(second.out.find(' ')));
    // One configure and one build: two `cmake -S` would mean two builds (the identity query,
    // `cmake --version`, may run in both).
    const std::string started = shims.started();
    std::istringstream lines(started);
    int builds = 0;
    for (std::string line; std::getline(lines, line);)
        builds += line.rfind("cmake --build ", 0) == 0;
    EXPECT_EQ(builds, 1) << started;
    EXPECT_EQ(entries(cache.path(), "builds").size(), 1u);
    EXPECT_TRUE(entries(cache.path(), "tmp").empty());
}

// A build killed outright (the driver and everything under it, as when a session dies) leaves
// only a temporary folder, which the next build of any key removes.
TEST(BuildProcesses, KilledBuildLeavesNothingInTheCache) {
    TempDir pkg;
    TempDir cache;
    write_cmake_binding(pkg.path(), "if(DEFINED ENV{PERRY_TEST_HANG})\n"
                                    "  execute_process(COMMAND sleep 300)\nendif()\n");
    const std::string mark = "killed-" + std::to_string(::getpid());
    std::future<ProcessResult> driver = start_driver(
        pkg.path(), cache.path(), {{"PERRY_TEST_MARK", mark}, {"PERRY_TEST_HANG", "1"}});
    ASSERT_NE(wait_for_process(mark, "sleep", 30s), 0) << "the build never started";
    EXPECT_EQ(entries(cache.path(), "tmp").size(), 1u);
    kill_marked(mark);
    EXPECT_EQ(driver.get().exit_code, 128 + SIGKILL);
    EXPECT_TRUE(entries(cache.path(), "builds").empty());

    const ProcessResult next = start_driver(pkg.path(), cache.path(), {}).get();
    ASSERT_TRUE(next.ok()) << next.err;
    EXPECT_EQ(next.out.substr(0, 6), "built ");
    EXPECT_TRUE(entries(cache.path(), "tmp").empty());
    EXPECT_EQ(entries(cache.path(), "builds").size(), 1u);
}

// SIGTERM (or Ctrl-C's SIGINT) sent to the parent alone: it passes the signal on to the build's
// process group, then ends as signalled; nothing of the build survives and nothing reaches the
// cache.
void signal_to_the_parent_ends_the_build_group(int signal_number) {
    TempDir pkg;
    TempDir cache;
    write_cmake_binding(pkg.path(), "execute_process(COMMAND sleep 300)\n");
    const std::string mark =
        "signal-" + std::to_string(signal_number) + "-" + std::to_string(::getpid());
    std::future<ProcessResult> driver =
        start_driver(pkg.path(), cache.path(), {{"PERRY_TEST_MARK", mark}});
    ASSERT_NE(wait_for_process(mark, "sleep", 30s), 0) << "the build never started";
    const int parent = wait_for_process(mark, "build_driver", 1s);
    ASSERT_NE(parent, 0);
    ::kill(parent, signal_number);
    if (driver.wait_for(30s) != std::future_status::ready) {
        kill_marked(mark);
        FAIL() << "the parent did not end the build after the signal";
    }
    const ProcessResult result = driver.get();
    EXPECT_EQ(result.exit_code, 128 + signal_number);
    EXPECT_TRUE(wait_until_unmarked(mark, 5s)) << "a process of the build survived";
    kill_marked(mark);
    EXPECT_TRUE(entries(cache.path(), "builds").empty());
}

TEST(BuildProcesses, SigtermToTheParentEndsTheBuildGroup) {
    signal_to_the_parent_ends_the_build_group(SIGTERM);
}

TEST(BuildProcesses, SigintToTheParentEndsTheBuildGroup) {
    signal_to_the_parent_ends_the_build_group(SIGINT);
}

} // namespace
} // namespace perry::linker::test
