// run_process: exit codes, signals, both streams, the log file, live lines, environment, working
// directory, a missing program, and the timeout that ends the program's whole process group.
#include "build_test_support.h"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

namespace perry::linker::test {
namespace {

using namespace std::chrono_literals;

TEST(Process, ExitCodeAndBothStreams) {
    const ProcessResult result = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
    EXPECT_TRUE(result.started);
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.out, "out\n");
    EXPECT_EQ(result.err, "err\n");
    EXPECT_TRUE(run_process({"true"}).ok());
}

TEST(Process, KilledBySignalIs128PlusTheSignal) {
    const ProcessResult result = run_process({"sh", "-c", "kill -KILL $$"});
    EXPECT_TRUE(result.started);
    EXPECT_EQ(result.exit_code, 128 + SIGKILL);
}

TEST(Process, MissingProgramIsNotStarted) {
    const ProcessResult result = run_process({"perry-no-such-program-xyz"});
    EXPECT_FALSE(result.started);
    EXPECT_EQ(result.error, "`perry-no-such-program-xyz` not found on PATH");
    EXPECT_FALSE(run_process({}).started);
}

TEST(Process, EnvironmentAndWorkingDirectory) {
    TempDir dir;
    ProcessOptions options;
    options.cwd = dir.path().string();
    options.env = {{"PERRY_PROCESS_TEST", "a b"}};
    const ProcessResult result =
        run_process({"sh", "-c", "pwd; printf '%s\\n' \"$PERRY_PROCESS_TEST\""}, options);
    EXPECT_EQ(result.out, std::filesystem::canonical(dir.path()).string() + "\na b\n");
    options.inherit_environment = false;
    options.env = {{"ONLY", "1"}, {"PATH", "/usr/bin:/bin"}};
    const ProcessResult bare = run_process({"/usr/bin/env"}, options);
    EXPECT_EQ(bare.out, "ONLY=1\nPATH=/usr/bin:/bin\n");
}

TEST(Process, StandardInputIsEmpty) {
    EXPECT_EQ(run_process({"cat"}).out, "");
}

TEST(Process, OutputGoesToTheLogAndTheLineCallback) {
    TempDir dir;
    const std::string log = dir / "build.log";
    write_file(log, "earlier\n");
    ProcessOptions options;
    options.log_file = log;
    std::vector<std::string> lines;
    options.on_line = [&](OutputStream stream, std::string_view line) {
        lines.push_back((stream == OutputStream::Err ? "err:" : "out:") + std::string(line));
    };
    const ProcessResult result = run_process(
        {"sh", "-c", "echo one; sleep 0.05; echo two >&2; sleep 0.05; printf last"}, options);
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(read_all(log), "earlier\none\ntwo\nlast");
    EXPECT_EQ(lines, (std::vector<std::string>{"out:one", "err:two", "out:last"}));

    options.log_stdout = false;
    options.keep_output = false;
    const ProcessResult quiet = run_process({"sh", "-c", "echo json; echo text >&2"}, options);
    EXPECT_EQ(quiet.out, "");
    EXPECT_EQ(read_all(log), "earlier\none\ntwo\nlasttext\n");
}

TEST(Process, ManyLinesOnBothStreamsDoNotBlock) {
    const ProcessResult result = run_process(
        {"sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo o$i; echo e$i >&2; i=$((i+1)); done"});
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 20000);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 20000);
}

// The program and what it started (a background sleep in the same group) are all ended.
TEST(Process, TimeoutEndsTheWholeProcessGroup) {
    TempDir dir;
    const std::string pid_file = dir / "pid";
    ProcessOptions options;
    options.timeout = 300ms;
    options.kill_grace = 500ms;
    const auto started = std::chrono::steady_clock::now();
    const ProcessResult result =
        run_process({"sh", "-c", "sleep 60 & echo $! > " + pid_file + "; wait"}, options);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_TRUE(result.timed_out);
    EXPECT_FALSE(result.ok());
    EXPECT_LT(took, 10s);
    const int background = std::stoi(read_all(pid_file));
    EXPECT_TRUE(wait_until_gone({background}, 5s)) << "the background sleep survived";
}

// A program that ignores SIGTERM gets SIGKILL after the grace period.
TEST(Process, TimeoutEscalatesToKill) {
    ProcessOptions options;
    options.timeout = 200ms;
    options.kill_grace = 300ms;
    const auto started = std::chrono::steady_clock::now();
    const ProcessResult result =
        run_process({"sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"}, options);
    EXPECT_TRUE(result.timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

// A program that closes its output and then hangs is still ended by the timeout.
TEST(Process, TimeoutAppliesAfterTheOutputIsClosed) {
    ProcessOptions options;
    options.timeout = 300ms;
    const auto started = std::chrono::steady_clock::now();
    const ProcessResult result =
        run_process({"sh", "-c", "exec >/dev/null 2>&1; sleep 60"}, options);
    EXPECT_TRUE(result.timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

// Something the program started that keeps the pipes open (a compiler-cache server) does not
// keep the caller waiting once the program itself has exited.
TEST(Process, ProgramThatLeavesAChildHoldingThePipesReturns) {
    TempDir dir;
    const std::string pid_file = dir / "pid";
    const auto started = std::chrono::steady_clock::now();
    const ProcessResult result =
        run_process({"sh", "-c", "sleep 30 & echo $! > " + pid_file + "; echo done"});
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.out, "done\n");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    ::kill(std::stoi(read_all(pid_file)), SIGKILL);
}

TEST(Process, CommandLineQuotesArgumentsWithSpaces) {
    EXPECT_EQ(command_line({"cmake", "-S", "a b", ""}), "cmake -S 'a b' ''");
}

} // namespace
} // namespace perry::linker::test
