// From `perry native init` to a running binding, for each language, with nothing but an
// installed tree in a temporary prefix: install, init with the installed perry, `perry native
// validate` (which builds the library through the cache), `perry native run` of hello and of
// the scaffold's test/hello.calls. The wall
// time of each stage is printed (no target; reported in docs/cli/init.md).
#include "scaffold_test_support.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace perry::scaffold_test;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

perry::linker::ProcessResult run(const std::vector<std::string>& argv, const fs::path& cwd,
                                 std::vector<std::pair<std::string, std::string>> env = {}) {
    perry::linker::ProcessOptions options;
    options.cwd = cwd.string();
    options.env = std::move(env);
    return perry::linker::run_process(argv, options);
}

class InitEndToEnd : public ::testing::TestWithParam<const char*> {
  protected:
    // One installed prefix for every language: `cmake --install` of this build tree.
    static void SetUpTestSuite() {
        prefix_dir_ = std::make_unique<TempDir>();
        const auto installed =
            run({"cmake", "--install", PERRY_BUILD_DIR, "--prefix", prefix().string()},
                prefix_dir_->path());
        install_log_ = installed.ok() ? "" : installed.out + installed.err + installed.error;
    }
    static void TearDownTestSuite() { prefix_dir_.reset(); }
    static fs::path prefix() { return prefix_dir_->path() / "prefix"; }

    static std::unique_ptr<TempDir> prefix_dir_;
    static std::string install_log_;
};

std::unique_ptr<TempDir> InitEndToEnd::prefix_dir_;
std::string InitEndToEnd::install_log_;

TEST_P(InitEndToEnd, ValidatesGreenAndEveryCallOfTheCallsFilePasses) {
    ASSERT_EQ(install_log_, "") << "cmake --install failed";
    const std::string lang = GetParam();
    const fs::path perry = prefix() / "bin" / "perry";
    if (lang == "rust" &&
        !fs::exists(prefix() / "share" / "perry" / "rust" / "perry-ffi" / "Cargo.toml")) {
        GTEST_SKIP() << "the install has no share/perry/rust/perry-ffi crate yet, so the Rust "
                        "scaffold cannot build; the crate's install rules add it";
    }
    TempDir work;
    const std::string symbol = "js_demo_" + lang + "_hello";

    const Clock::time_point start = Clock::now();
    const auto init = run_perry(perry, {"init", "demo-" + lang, "--lang", lang}, work.path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
    const fs::path package = work.path() / ("demo-" + lang);

    // The author's shell after installing perry: its bin directory on PATH. Warnings in the
    // templates are errors here (CMake reads CFLAGS/CXXFLAGS on first configure). Builds go to a
    // scratch cache, never into the package.
    const char* path = std::getenv("PATH");
    const std::vector<std::pair<std::string, std::string>> env = {
        {"PATH", (prefix() / "bin").string() + ":" + (path != nullptr ? path : "/usr/bin:/bin")},
        {"CFLAGS", "-Werror"},
        {"CXXFLAGS", "-Werror"},
        {"CARGO_NET_OFFLINE", "true"},
        {"PERRY_CACHE_DIR", (work.path() / "cache").string()}};
    const auto validate = run_perry(perry, {"validate"}, package, env);
    const double built = seconds_since(start);
    EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
    const std::string green = "\u2705 manifest matches the staticlib.\n";
    ASSERT_GE(validate.out.size(), green.size()) << validate.out << validate.err;
    EXPECT_EQ(validate.out.substr(validate.out.size() - green.size()), green);

    const auto hello = run_perry(perry, {"run", "--call", symbol + "(\"world\")"}, package, env);
    EXPECT_EQ(hello.exit_code, 0) << hello.err;
    EXPECT_EQ(hello.out, "\"Hello, world!\"\n");
    const double ran = seconds_since(start);

    // The scaffold's calls file is its test.
    const auto calls = run_perry(perry, {"run", "--script", "test/hello.calls"}, package, env);
    EXPECT_EQ(calls.exit_code, 0) << calls.out << calls.err;
    EXPECT_NE(calls.out.find(" passed, 0 failed\n"), std::string::npos) << calls.out;

    // Nothing was written into the package.
    EXPECT_FALSE(fs::exists(package / "build"));
    EXPECT_FALSE(fs::exists(package / "target"));
    EXPECT_FALSE(fs::exists(package / "Cargo.lock"));

    std::printf("[ timing ] %s: init -> built archive, validate green: %.2f s; -> run of hello: "
                "%.2f s\n",
                lang.c_str(), built, ran);
}

INSTANTIATE_TEST_SUITE_P(Languages, InitEndToEnd, ::testing::Values("cpp", "c", "rust"),
                         [](const auto& info) { return std::string(info.param); });

} // namespace
