// The conservative stack scan under valgrind's memcheck: a small program's collection, and the
// same program collecting on every allocation (PERRY_GC_STRESS=1), must report no error, so that
// binding authors can run their bindings under valgrind. Skipped when valgrind is not installed.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

// The valgrind executable on PATH, or "" when there is none.
std::string find_valgrind() {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path != nullptr ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        const std::string candidate = (dir.empty() ? "." : dir) + "/valgrind";
        if (access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return "";
}

struct Outcome {
    int exit_code = -1;
    std::string output; // valgrind's report and the program's stderr
};

// Runs argv (no shell) with `extra_env` added, its stdout and stderr going to a temporary file.
Outcome run_program(const std::vector<std::string>& argv,
                    const std::vector<std::string>& extra_env) {
    char log_name[] = "/tmp/perry-valgrind-test-XXXXXX";
    const int log = mkstemp(log_name);
    EXPECT_GE(log, 0) << "mkstemp: " << std::strerror(errno);
    std::vector<char*> args;
    for (const std::string& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    std::vector<std::string> env_text(extra_env);
    for (char** entry = environ; *entry != nullptr; ++entry) {
        env_text.emplace_back(*entry);
    }
    std::vector<char*> env;
    for (std::string& entry : env_text) {
        env.push_back(entry.data());
    }
    env.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, log, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, log, STDERR_FILENO);
    Outcome result;
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    close(log);
    if (spawned == 0) {
        int status = 0;
        if (waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
            result.exit_code = WEXITSTATUS(status);
        }
    } else {
        result.output = std::string("posix_spawn: ") + std::strerror(spawned);
    }
    std::ifstream in(log_name);
    result.output += std::string(std::istreambuf_iterator<char>(in), {});
    std::remove(log_name);
    return result;
}

// memcheck with every error fatal (exit code 9) and every report printed.
std::vector<std::string> memcheck(const std::string& valgrind) {
    return {valgrind,
            "--tool=memcheck",
            "--error-exitcode=9",
            "--track-origins=no",
            "--leak-check=no",
            "-q",
            PERRY_VALGRIND_PROGRAM};
}

class ValgrindTest : public ::testing::Test {
  protected:
    void SetUp() override {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        GTEST_SKIP() << "valgrind cannot run a sanitizer build's programs";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
        GTEST_SKIP() << "valgrind cannot run a sanitizer build's programs";
#endif
#endif
        valgrind_ = find_valgrind();
        if (valgrind_.empty()) {
            GTEST_SKIP() << "valgrind is not installed (Debian: apt-get install valgrind); the "
                            "stack scan's memcheck test did not run";
        }
    }
    std::string valgrind_;
};

} // namespace

TEST_F(ValgrindTest, OneCollectionIsClean) {
    const Outcome result = run_program(memcheck(valgrind_), {"PERRY_GC_STRESS=0"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output, "") << "memcheck reported errors";
}

TEST_F(ValgrindTest, ACollectionOnEveryAllocationIsClean) {
    const Outcome result = run_program(memcheck(valgrind_), {"PERRY_GC_STRESS=1"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output, "") << "memcheck reported errors";
}
