// build_binding end to end: real CMake and cargo builds into a scratch cache, the package kept
// read-only and compared before and after, compiler starts counted through PATH shims.
#include "build_test_support.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A scratch cache and the options of a build into it; compiler caches off unless a test says.
struct CacheFixture : ::testing::Test {
    TempDir cache;
    BuildOptions options;
    void SetUp() override {
        options.cache_dir = cache.path();
        options.runtime = build_tree_runtime();
        options.offline = true;
        options.compiler_cache = "off";
        ASSERT_TRUE(options.runtime.found) << options.runtime.error;
    }
    void make_read_only(const fs::path& dir) { run_ok({"chmod", "-R", "a-w", dir.string()}); }
    void make_writable(const fs::path& dir) { run_ok({"chmod", "-R", "u+w", dir.string()}); }
    std::string diagnostics_text(const BuildResult& result) {
        std::string text;
        for (const resolver::Diagnostic& d : result.diagnostics)
            text += d.format() + "\n";
        return text;
    }
};

bool defines(const fs::path& archive, const std::string& symbol) {
    const SymbolListing listing = read_symbols(archive.string());
    return kinds_by_name(listing).count(symbol) == 1;
}

TEST_F(CacheFixture, CMakeBindingBuildsIntoTheCacheFromAReadOnlyPackage) {
    TempDir pkg;
    write_cmake_binding(pkg.path());
    make_read_only(pkg.path());
    const std::string before = tree_snapshot(pkg.path());
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    const std::string after = tree_snapshot(pkg.path());
    make_writable(pkg.path());
    ASSERT_EQ(result.status, BuildStatus::Built) << diagnostics_text(result) << result.output_tail;
    EXPECT_TRUE(result.diagnostics.empty()) << diagnostics_text(result);
    // Root ignores the missing write permission: the snapshot is what proves nothing was written.
    EXPECT_EQ(after, before) << "the build wrote into the package";
    EXPECT_EQ(result.archive, cache.path() / "builds" / result.key / "libdemo.a");
    EXPECT_EQ(result.key.size(), 64u);
    EXPECT_TRUE(defines(result.archive, "js_demo_add"));
    // The build found this build tree's runtime through PerryFFI_DIR, no environment variable.
    EXPECT_NE(
        read_all(result.log.string()).find("-DPerryFFI_DIR=" + options.runtime.cmake_dir.string()),
        std::string::npos);
    EXPECT_TRUE(entries(cache.path(), "tmp").empty());

    const BuildResult again = build_binding(linux_request(pkg.path()), options);
    EXPECT_EQ(again.status, BuildStatus::Cached);
    EXPECT_EQ(again.archive, result.archive);
    EXPECT_EQ(again.key, result.key);
}

TEST_F(CacheFixture, RustStaticlibBuildsOfflineFromAReadOnlyPackage) {
    TempDir pkg;
    write_rust_binding(pkg.path(),
                       R"({"crate": ".", "lib": "perry_symbols_probe", "cargo_features": []})");
    make_read_only(pkg.path());
    const std::string before = tree_snapshot(pkg.path());
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    const std::string after = tree_snapshot(pkg.path());
    make_writable(pkg.path());
    ASSERT_EQ(result.status, BuildStatus::Built) << diagnostics_text(result) << result.output_tail;
    EXPECT_TRUE(result.diagnostics.empty()) << diagnostics_text(result);
    // Root ignores the missing write permission: the snapshot is what proves nothing was written.
    EXPECT_EQ(after, before) << "the build wrote into the package";
    EXPECT_FALSE(fs::exists(pkg.path() / "Cargo.lock"));
    EXPECT_EQ(result.archive.filename(), "libperry_symbols_probe.a");
    EXPECT_TRUE(defines(result.archive, "js_probe_add"));
    EXPECT_EQ(build_binding(linux_request(pkg.path()), options).status, BuildStatus::Cached);
}

// A second build with unchanged inputs starts no program at all: not cargo, not cmake, and not
// even the compilers' version queries (their identities are cached).
TEST_F(CacheFixture, SecondBuildStartsNoCompiler) {
    TempDir cmake_pkg;
    TempDir rust_pkg;
    write_cmake_binding(cmake_pkg.path());
    write_rust_binding(rust_pkg.path(), R"({"crate": ".", "lib": "perry_symbols_probe"})");
    CountingShims shims({"cmake", "ninja", "c++", "cc", "g++", "gcc", "cargo", "rustc"});
    shims.install();
    ASSERT_EQ(build_binding(linux_request(cmake_pkg.path()), options).status, BuildStatus::Built);
    ASSERT_EQ(build_binding(linux_request(rust_pkg.path()), options).status, BuildStatus::Built);
    const int first = shims.starts();
    EXPECT_GT(first, 3) << shims.started();
    EXPECT_EQ(build_binding(linux_request(cmake_pkg.path()), options).status, BuildStatus::Cached);
    EXPECT_EQ(build_binding(linux_request(rust_pkg.path()), options).status, BuildStatus::Cached);
    EXPECT_EQ(shims.starts(), first) << shims.started();
}

// Content addresses the cache: a changed source rebuilds; a file only touched does not.
TEST_F(CacheFixture, ChangingASourceRebuilds) {
    TempDir pkg;
    write_cmake_binding(pkg.path());
    const BuildResult first = build_binding(linux_request(pkg.path()), options);
    ASSERT_EQ(first.status, BuildStatus::Built) << first.output_tail;
    run_ok({"touch", (pkg.path() / "native" / "demo.cpp").string()});
    EXPECT_EQ(build_binding(linux_request(pkg.path()), options).status, BuildStatus::Cached);
    std::ofstream(pkg.path() / "native" / "demo.cpp", std::ios::app)
        << "extern \"C\" int js_demo_more() { return 2; }\n";
    const BuildResult second = build_binding(linux_request(pkg.path()), options);
    ASSERT_EQ(second.status, BuildStatus::Built);
    EXPECT_NE(second.key, first.key);
    EXPECT_TRUE(defines(second.archive, "js_demo_more"));
    // Flags the compilers read are inputs.
    ::setenv("CXXFLAGS", "-DPERRY_TEST_FLAG=1", 1);
    const BuildResult flagged = build_binding(linux_request(pkg.path()), options);
    ::unsetenv("CXXFLAGS");
    EXPECT_EQ(flagged.status, BuildStatus::Built);
    EXPECT_NE(flagged.key, second.key);
    // Build outputs in the package are not inputs.
    fs::create_directories(pkg.path() / "native" / "build");
    write_file((pkg.path() / "native" / "build" / "junk.o").string(), "x");
    EXPECT_EQ(build_binding(linux_request(pkg.path()), options).status, BuildStatus::Cached);
}

TEST_F(CacheFixture, FailingBuildShowsItsOutputTailAndLog) {
    TempDir pkg;
    write_cmake_binding(pkg.path());
    write_file((pkg.path() / "native" / "demo.cpp").string(), "this is not C++;\n");
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    ASSERT_EQ(result.status, BuildStatus::Failed);
    EXPECT_FALSE(result.unusable_input);
    EXPECT_EQ(result.log, cache.path() / "logs" / (result.key + ".log"));
    const std::string log = read_all(result.log.string());
    EXPECT_NE(log.find("this is not C++"), std::string::npos) << log;
    EXPECT_NE(result.output_tail.find("this is not C++"), std::string::npos);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    const resolver::Diagnostic& error = result.diagnostics[0];
    EXPECT_EQ(error.pointer, "/perry/nativeLibrary/targets/linux");
    EXPECT_EQ(error.message.rfind("package `demo`: `cmake --build ", 0), 0u) << error.message;
    const std::string ending = "` failed (exit 1)";
    EXPECT_EQ(error.message.substr(error.message.size() - ending.size()), ending);
    EXPECT_EQ(error.fix, "fix the build; its full output is in " + result.log.string());
    EXPECT_TRUE(entries(cache.path(), "builds").empty());
    EXPECT_TRUE(entries(cache.path(), "tmp").empty());
}

TEST_F(CacheFixture, HangingBuildIsEndedByTheTimeoutWithEverythingItStarted) {
    TempDir pkg;
    write_cmake_binding(pkg.path(), "execute_process(COMMAND sleep 300)\n");
    const std::string mark = "timeout-" + std::to_string(::getpid());
    ::setenv("PERRY_TEST_MARK", mark.c_str(), 1);
    options.timeout = 3s;
    const auto started = std::chrono::steady_clock::now();
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    ::unsetenv("PERRY_TEST_MARK");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 20s);
    EXPECT_EQ(result.status, BuildStatus::Failed);
    EXPECT_TRUE(result.timed_out);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].message.rfind(
                  "package `demo`: the build timed out after 3 s and was ended with everything it "
                  "started (`cmake -S ",
                  0),
              0u)
        << result.diagnostics[0].message;
    EXPECT_TRUE(wait_until_unmarked(mark, 5s)) << "a process of the build survived the timeout";
    EXPECT_TRUE(entries(cache.path(), "builds").empty());
    EXPECT_TRUE(entries(cache.path(), "tmp").empty());
}

TEST_F(CacheFixture, InferredCrateAndLibAreAWarningWithTheKeysToAdd) {
    TempDir pkg;
    write_rust_binding(pkg.path(), R"({"cargo_features": []})");
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    ASSERT_EQ(result.status, BuildStatus::Built) << result.output_tail;
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].format(),
              "perry: warning: " + (pkg.path() / "package.json").string() +
                  ": /perry/nativeLibrary/targets/linux: target `linux` does not say what to "
                  "build; inferred `crate` \".\" (the package directory) and `lib` "
                  "\"perry_symbols_probe\" (from Cargo.toml)\n"
                  "  fix: add \"crate\": \".\", \"lib\": \"perry_symbols_probe\" to "
                  "perry.nativeLibrary.targets.linux");
}

TEST_F(CacheFixture, NothingToLinkIsAnErrorNamingThePackage) {
    TempDir pkg;
    write_file((pkg.path() / "package.json").string(),
               R"({"name": "empty-binding", "version": "1.0.0", "perry": {"nativeLibrary": {
  "abiVersion": "0.5", "functions": [], "targets": {"linux": {"cargo_features": []}}}}})");
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    EXPECT_EQ(result.status, BuildStatus::Failed);
    EXPECT_TRUE(result.unusable_input);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].format(),
              "perry: error: " + (pkg.path() / "package.json").string() +
                  ": /perry/nativeLibrary/targets/linux: package `empty-binding`: target `linux` "
                  "has nothing to link: no `prebuilt`, and no Cargo.toml or CMakeLists.txt in the "
                  "package directory to build one from\n"
                  "  fix: set `crate` to the folder holding the binding's Cargo.toml or "
                  "CMakeLists.txt, or `prebuilt` to its archive");
}

TEST_F(CacheFixture, CMakeWithoutLibIsAnError) {
    TempDir pkg;
    write_cmake_binding(pkg.path());
    write_file((pkg.path() / "package.json").string(),
               R"({"name": "demo", "version": "1.0.0", "perry": {"nativeLibrary": {
  "abiVersion": "0.5", "functions": [], "targets": {"linux": {"crate": "native"}}}}})");
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].message,
              "package `demo`: target `linux` builds with CMake but names no `lib`");
}

// The compiler cache named by PERRY_COMPILER_CACHE is the CMake launcher.
TEST_F(CacheFixture, CompilerCacheIsUsedWhenAsked) {
    TempDir pkg;
    write_cmake_binding(pkg.path());
    options.compiler_cache = "ccache";
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    ASSERT_EQ(result.status, BuildStatus::Built) << result.output_tail;
    EXPECT_NE(read_all(result.log.string())
                  .find("-DCMAKE_CXX_COMPILER_LAUNCHER=" + *find_program("ccache")),
              std::string::npos);
}

// An installed tree, moved after `cmake --install`, still gives a working runtime: the CMake
// binding builds against the moved prefix.
TEST_F(CacheFixture, MovedInstallStillLocatesItsRuntime) {
    TempDir root;
    run_ok({"cmake", "--install", PERRY_TEST_BUILD_DIR, "--prefix", root / "first"});
    fs::rename(root.path() / "first", root.path() / "moved");
    const RuntimeLocation runtime = locate_runtime(root.path() / "moved" / "bin" / "perry");
    ASSERT_TRUE(runtime.found) << runtime.error;
    EXPECT_EQ(runtime.layout, "installed");
    EXPECT_EQ(runtime.include_dir, root.path() / "moved" / "include");
    EXPECT_TRUE(fs::is_regular_file(runtime.ffi_library));
    EXPECT_TRUE(fs::is_regular_file(runtime.cmake_dir / "PerryFFIConfig.cmake"));
    EXPECT_TRUE(fs::is_regular_file(runtime.pkgconfig_dir / "perry-ffi.pc"));
    EXPECT_EQ(runtime.share_dir, root.path() / "moved" / "share" / "perry");
    TempDir pkg;
    write_cmake_binding(pkg.path());
    options.runtime = runtime;
    const BuildResult result = build_binding(linux_request(pkg.path()), options);
    ASSERT_EQ(result.status, BuildStatus::Built) << result.output_tail;
    EXPECT_NE(read_all(result.log.string()).find("-DPerryFFI_DIR=" + runtime.cmake_dir.string()),
              std::string::npos);
}

} // namespace
} // namespace perry::linker::test
