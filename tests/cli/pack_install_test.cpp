// End to end: a binding with a prebuilt archive (tests/e2e/every-type, its archive built here
// through the build cache) packed by `perry native pack`, installed with the real
// `npm install --offline` into a fresh app, resolved as native, and run by `perry native run`
// with no build tool: cmake, cargo, ninja, make and the C++ compilers are shims that fail, and cc
// (which links the run host) is a shim that records its arguments, so a compile of the binding's
// sources would show.
#include "pack_test_support.h"

#include "perry/linker/process.h"

#include <gtest/gtest.h>

#include <fstream>

namespace perry::cli::test {
namespace {

namespace fs = std::filesystem;

class PackInstallTest : public ::testing::Test {
  protected:
    Scratch scratch;
    fs::path app() const { return scratch.path() / "app"; }
    fs::path shims() const { return scratch.path() / "shims"; }

    void SetUp() override {
        if (!linker::find_program("npm"))
            GTEST_SKIP() << "npm is not installed: these tests install the tarballs with it";
        scratch.write("app/package.json", "{ \"name\": \"app\", \"version\": \"1.0.0\" }\n");
        const std::optional<std::string> cc = linker::find_program("cc");
        ASSERT_TRUE(cc);
        // Test fixtures standing in for the tools; perry itself never uses a shell.
        for (const char* tool :
             {"cmake", "cargo", "ninja", "make", "c++", "g++", "clang++", "rustc"}) {
            scratch.write("shims/" + std::string(tool), "#!/bin/sh\necho \"$0 $*\" >> " +
                                                            (shims() / "refused").string() +
                                                            "\nexit 1\n");
            fs::permissions(shims() / tool, fs::perms::owner_all);
        }
        scratch.write("shims/cc", "#!/bin/sh\necho \"cc $*\" >> " +
                                      (shims() / "cc-calls").string() + "\nexec " + *cc +
                                      " \"$@\"\n");
        fs::permissions(shims() / "cc", fs::perms::owner_all);
    }

    void npm_install(const std::vector<std::string>& tarballs) const {
        std::vector<std::string> argv = {"npm", "install", "--offline", "--no-audit", "--no-fund"};
        argv.insert(argv.end(), tarballs.begin(), tarballs.end());
        linker::ProcessOptions options;
        options.cwd = app().string();
        options.env = {{"npm_config_cache", (scratch.path() / "npm-cache").string()},
                       {"npm_config_update_notifier", "false"}};
        const linker::ProcessResult result = linker::run_process(argv, options);
        ASSERT_TRUE(result.ok()) << result.err;
    }

    // `perry native run` of the installed package with the shims first on PATH and an empty cache.
    PerryResult run_without_build_tools() const {
        const char* path = std::getenv("PATH");
        return run_perry({"run", (app() / "node_modules/@perry-tests/every-type").string(),
                          "--call", "js_every_double_number(21)"},
                         app(),
                         {{"PATH", shims().string() + ":" + (path ? path : "")},
                          {"PERRY_CACHE_DIR", (scratch.path() / "run-cache").string()}});
    }

    // `perry native resolve` from the app reports the package native, linking `archive`.
    void expect_resolved_native(const std::string& archive) const {
        const PerryResult resolved =
            run_perry({"resolve", "@perry-tests/every-type", "--from", "."}, app());
        EXPECT_EQ(resolved.exit_code, 0) << resolved.err;
        EXPECT_EQ(
            resolved.out.rfind("@perry-tests/every-type: native @perry-tests/every-type@0.1.0 ", 0),
            0u)
            << resolved.out;
        EXPECT_NE(resolved.out.find(archive), std::string::npos) << resolved.out;
    }

    void expect_no_build_tool_started() const {
        EXPECT_FALSE(fs::exists(shims() / "refused")) << read_bytes(shims() / "refused");
        const std::string cc_calls = read_bytes(shims() / "cc-calls");
        EXPECT_EQ(cc_calls.find("every_type.cpp"), std::string::npos) << cc_calls;
    }
};

TEST_F(PackInstallTest, APackedPrebuiltInstallsResolvesAndRunsWithoutABuild) {
    const std::string prebuilt =
        every_type_with_prebuilt(scratch, scratch.path() / "every-type", scratch.path() / "cache");
    const PerryResult packed =
        run_perry({"pack", "every-type", "--out", "every-type.tgz"}, scratch.path());
    ASSERT_EQ(packed.exit_code, 0) << packed.err;
    npm_install({"../every-type.tgz"});

    expect_resolved_native("node_modules/@perry-tests/every-type/" + prebuilt);

    const PerryResult ran = run_without_build_tools();
    EXPECT_EQ(ran.exit_code, 0) << ran.err;
    EXPECT_EQ(ran.out, "42\n");
    expect_no_build_tool_started();
}

// The main package has no prebuilt: the run finds the archive in the installed platform package
// through `platformPackages` (the link plan's lookup); were it not found, perry would build from
// source, which the shims refuse.
TEST_F(PackInstallTest, PerPlatformPackagesInstallResolveAndRunWithoutABuild) {
    every_type_with_prebuilt(scratch, scratch.path() / "every-type", scratch.path() / "cache");
    const PerryResult packed =
        run_perry({"pack", "every-type", "--per-platform", "--out", "main.tgz"}, scratch.path());
    ASSERT_EQ(packed.exit_code, 0) << packed.err;
    const std::string platform = "perry-tests-every-type-linux-x64-gnu-0.1.0.tgz";
    ASSERT_TRUE(fs::exists(scratch.path() / platform));
    npm_install({"../main.tgz", "../" + platform});
    ASSERT_TRUE(
        fs::exists(app() / "node_modules/@perry-tests/every-type-linux-x64-gnu/libevery_type.a"));
    EXPECT_FALSE(fs::exists(app() / "node_modules/@perry-tests/every-type/prebuilt"));

    expect_resolved_native(
        R"("prebuilt":null,)"); // the main package's own: none, the archive is elsewhere
    expect_resolved_native(
        R"("platformPackages":{"x86_64":"@perry-tests/every-type-linux-x64-gnu"})");

    const PerryResult ran = run_without_build_tools();
    EXPECT_EQ(ran.exit_code, 0) << ran.err;
    EXPECT_EQ(ran.out, "42\n");
    expect_no_build_tool_started();
}

} // namespace
} // namespace perry::cli::test
