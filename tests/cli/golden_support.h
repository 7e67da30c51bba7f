// Golden tests of `perry native ...`: run the real binary in a scratch package, compare its exact
// stdout, stderr and exit code with tests/cli/golden/<suite>/<case>.txt. Set
// PERRY_UPDATE_GOLDEN=1 to rewrite the expectations from the current output (then review the
// diff). No binary input is checked in: the tests build their archives from inline sources.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace perry::cli::test {

// A scratch directory with helpers to write files and build archives in it.
class Scratch {
  public:
    Scratch();
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    const std::filesystem::path& path() const { return path_; }
    void write(const std::string& relative, const std::string& text) const;
    // Runs a tool (compiler, ar, cargo) in the directory; fails the test when it fails.
    void run(const std::vector<std::string>& argv) const;
    // Compiles each `sources` entry with `compile` (e.g. {"gcc"} or {"clang-14", "--target=..."})
    // and archives the objects with `archiver` (`ar` or `llvm-ar-14`) into `archive`.
    void archive(const std::string& archive, const std::vector<std::string>& sources,
                 const std::vector<std::string>& compile = {"gcc"},
                 const std::string& archiver = "ar") const;

  private:
    std::filesystem::path path_;
};

// Runs `perry native <args>` in `cwd` and compares the transcript (command, exit code, stdout,
// stderr) with golden/<suite>/<name>.txt: EXPECT_TRUE(matches_golden_run(...)).
::testing::AssertionResult matches_golden_run(const std::string& suite, const std::string& name,
                                              const std::vector<std::string>& args,
                                              const std::filesystem::path& cwd);

} // namespace perry::cli::test
