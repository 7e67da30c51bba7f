// End to end: `perry native run` and `perry native link` on real bindings, built through the real
// build cache (a scratch PERRY_CACHE_DIR per test), linked with the system compiler and run.
// Transcripts are golden (golden/run, golden/link) after the scratch, cache, source and build
// paths and build times are replaced by placeholders.
#include "link_run_fixture.h"

#include <chrono>
#include <cstdlib>

namespace perry::cli::test {
namespace {

TEST_F(LinkRunTest, RunsEveryTypeOfTheTableFromACallsFile) {
    const PerryRun run =
        perry({"run", kEveryType.string(), "--script", (kEveryType / "every-type.calls").string()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(golden("run", "every_type", run));
}

TEST_F(LinkRunTest, ASecondRunBuildsAndLinksNothing) {
    const std::vector<std::string> args = {"run", kEveryType.string(), "--call",
                                           "js_every_double_number(2)"};
    ASSERT_EQ(perry(args).exit_code, 0);
    ASSERT_EQ(std::distance(fs::directory_iterator(cache() / "hosts"), {}), 1);
    const fs::path host = fs::directory_iterator(cache() / "hosts")->path() / "run-host";
    const auto linked_at = fs::last_write_time(host);
    const PerryRun second = perry(args);
    EXPECT_EQ(second.exit_code, 0);
    EXPECT_EQ(second.out, "4\n");
    EXPECT_EQ(second.err, "@perry-tests/every-type: cached\n");
    EXPECT_EQ(fs::last_write_time(host), linked_at);
    EXPECT_EQ(std::distance(fs::directory_iterator(cache() / "hosts"), {}), 1);
}

TEST_F(LinkRunTest, RunsARustStaticlibBuiltOffline) {
    if (!linker::find_program(
            "cargo",
            {std::string(std::getenv("HOME") ? std::getenv("HOME") : "") + "/.cargo/bin"})) {
        GTEST_SKIP() << "cargo is not installed";
    }
    const PerryRun run = perry(
        {"run", kRustBinding.string(), "--script", (kRustBinding / "rust-binding.calls").string()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("\"hello, ferris\"\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("throws Error: panic in native code: kaboom [ERR_NATIVE_PANIC]\n"),
              std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("6 passed, 0 failed\n"), std::string::npos) << run.out;
    EXPECT_FALSE(fs::exists(kRustBinding / "target")); // built in the cache, not the package
}

TEST_F(LinkRunTest, ACallThatThrowsExitsOneAndABadLineExitsTwo) {
    const PerryRun threw = perry({"run", kEveryType.string(), "--call", "js_every_fail(\"no\")"});
    const PerryRun bad = perry({"run", kEveryType.string(), "--call", "js_every_nothin()"});
    EXPECT_EQ(threw.exit_code, 1);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_TRUE(golden("run", "throws", threw));
    EXPECT_TRUE(golden("run", "unknown_function", bad));
}

TEST_F(LinkRunTest, AFailingBuildShowsItsOutputAndExitsOne) {
    const fs::path package = c_package("broken", "broken", "broken", "", "",
                                       "message(FATAL_ERROR \"this build fails on purpose\")\n");
    const PerryRun run = perry({"run", package.string(), "--call", "js_broken_x()"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("this build fails on purpose"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("---- log: "), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(package / "build"));
}

TEST_F(LinkRunTest, AHangingBuildIsEndedByTheTimeout) {
    const fs::path package =
        c_package("hangs", "hangs", "hangs", "double js_hangs_x(void) { return 1; }\n",
                  R"({ "name": "js_hangs_x", "params": [], "returns": "number" })",
                  "execute_process(COMMAND sleep 120)\n");
    const auto start = std::chrono::steady_clock::now();
    const PerryRun run =
        perry({"run", package.string(), "--build-timeout", "2", "--call", "js_hangs_x()"});
    const auto took = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_LT(took, std::chrono::seconds(60));
    EXPECT_NE(run.err.find("time"), std::string::npos) << run.err;
}

TEST_F(LinkRunTest, APackageWithoutAManifestIsBadInput) {
    scratch.write("plain/package.json", "{ \"name\": \"plain\", \"version\": \"1.0.0\" }\n");
    const PerryRun run = perry({"run", (scratch.path() / "plain").string(), "--call", "js_x()"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_TRUE(golden("run", "not_a_binding", run));
}

// A program's two native packages: one C++ (every-type), one C written here, linked with its
// own object through `perry native link` and run.
TEST_F(LinkRunTest, LinksAProgramWithItsNativeDependencies) {
    scratch.run({"cp", "-R", kEveryType.string(), (scratch.path() / "every-type").string()});
    fs::create_directories(scratch.path() / "app/node_modules/@perry-tests");
    fs::rename(scratch.path() / "every-type",
               scratch.path() / "app/node_modules/@perry-tests/every-type");
    c_package("app/node_modules/tiny", "tiny", "tiny",
              "double js_tiny_triple(double x) { return 3 * x; }\n",
              R"({ "name": "js_tiny_triple", "params": ["number"], "returns": "number" })");
    scratch.write("app/package.json", R"({ "name": "app", "version": "1.0.0", "dependencies": )"
                                      R"({ "@perry-tests/every-type": "0.1.0", "tiny": "1.0.0" } })"
                                      "\n");
    scratch.write("app/main.c", "#include <perry/ffi.h>\n#include <stdio.h>\n"
                                "double js_every_double_number(double);\n"
                                "double js_tiny_triple(double);\n"
                                "int main(void) {\n  perry_runtime_init(NULL);\n"
                                "  printf(\"%g\\n\", js_tiny_triple(js_every_double_number(7)));\n"
                                "  return perry_runtime_shutdown() == PERRY_OK ? 0 : 1;\n}\n");
    scratch.run({"cc", "-c", (scratch.path() / "app/main.c").string(),
                 "-I" + (kSource / "ffi-runtime/include").string(), "-o",
                 (scratch.path() / "app/main.o").string()});
    const fs::path app = scratch.path() / "app";

    const PerryRun dry = perry({"link", "main.o", "-o", "program", "--dry-run"}, app);
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_TRUE(golden("link", "dry_run", dry));
    EXPECT_FALSE(fs::exists(app / "program"));

    const PerryRun link = perry({"link", "main.o", "-o", "program"}, app);
    ASSERT_EQ(link.exit_code, 0) << link.err;
    EXPECT_TRUE(golden("link", "two_packages", link));
    linker::ProcessOptions options;
    options.cwd = app.string();
    const linker::ProcessResult program =
        linker::run_process({(app / "program").string()}, options);
    EXPECT_EQ(program.exit_code, 0);
    EXPECT_EQ(program.out, "42\n");
}

TEST_F(LinkRunTest, TwoPackagesDefiningOneSymbolDoNotLink) {
    const std::string same = "double js_dup_value(void) { return 1; }\n";
    const std::string entry = R"({ "name": "js_dup_value", "params": [], "returns": "number" })";
    c_package("app/node_modules/first", "first", "first", same, entry);
    c_package("app/node_modules/second", "second", "second", same, entry);
    scratch.write("app/package.json", R"({ "name": "app", "version": "1.0.0", "dependencies": )"
                                      R"({ "first": "1", "second": "1" } })"
                                      "\n");
    scratch.write("app/main.c", "int main(void) { return 0; }\n");
    scratch.run({"cc", "-c", (scratch.path() / "app/main.c").string(), "-o",
                 (scratch.path() / "app/main.o").string()});
    const PerryRun run = perry({"link", "main.o", "-o", "program"}, scratch.path() / "app");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_TRUE(golden("link", "conflict", run));
    EXPECT_FALSE(fs::exists(scratch.path() / "app/program"));
}

TEST_F(LinkRunTest, AnUnresolvedImportIsBadInput) {
    scratch.write("app/package.json", "{ \"name\": \"app\", \"version\": \"1.0.0\" }\n");
    const PerryRun run =
        perry({"link", "-o", "program", "--import", "not-installed"}, scratch.path() / "app");
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_TRUE(golden("link", "unresolved", run));
}

} // namespace
} // namespace perry::cli::test

namespace perry::cli::test {
namespace {

// A Rust crate without Cargo.lock is built from a copy in the cache (cargo would write the lock
// into the package); its relative path dependency must still resolve from there.
TEST_F(LinkRunTest, ARustCrateWithoutALockKeepsItsPathDependencies) {
    if (!linker::find_program(
            "cargo",
            {std::string(std::getenv("HOME") ? std::getenv("HOME") : "") + "/.cargo/bin"})) {
        GTEST_SKIP() << "cargo is not installed";
    }
    scratch.write("pkg/shared/Cargo.toml",
                  "[package]\nname = \"shared\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    scratch.write("pkg/shared/src/lib.rs", "pub fn seven() -> f64 { 7.0 }\n");
    scratch.write("pkg/native/Cargo.toml",
                  "[package]\nname = \"pathdep\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"
                  "[lib]\ncrate-type = [\"staticlib\"]\n"
                  "[dependencies]\nshared = { path = \"../shared\" }\n[workspace]\n");
    scratch.write(
        "pkg/native/src/lib.rs",
        "#[no_mangle]\npub extern \"C\" fn js_pathdep_seven() -> f64 { shared::seven() }\n");
    scratch.write("pkg/package.json",
                  R"({ "name": "pathdep", "version": "1.0.0", "perry": { "nativeLibrary": {)"
                  R"( "abiVersion": "0.5", "functions": [ { "name": "js_pathdep_seven",)"
                  R"( "params": [], "returns": "number" } ], "targets": { "linux":)"
                  R"( { "crate": "native", "lib": "pathdep" } } } } })"
                  "\n");
    const PerryRun run =
        perry({"run", (scratch.path() / "pkg").string(), "--call", "js_pathdep_seven()"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "7\n");
    EXPECT_FALSE(fs::exists(scratch.path() / "pkg/native/Cargo.lock"));
    EXPECT_FALSE(fs::exists(scratch.path() / "pkg/native/target"));
}

} // namespace
} // namespace perry::cli::test

namespace perry::cli::test {
namespace {

// An import no node_modules holds resolves to a binding perry-native ships (the well-known
// table's `source`), which is built from the folder beside the table and linked.
TEST_F(LinkRunTest, ABundledWellKnownBindingLinksWithoutAnInstall) {
    scratch.write("app/package.json", R"({ "name": "app", "version": "1.0.0", "dependencies": )"
                                      R"({ "@perry/zlib": "0.1.0" } })"
                                      "\n");
    scratch.write("app/main.c", "#include <perry/ffi.h>\n#include <stdio.h>\n"
                                "double js_zlib_crc32(const PerryBufferHeader*);\n"
                                "int main(void) {\n  perry_runtime_init(NULL);\n"
                                "  PerryValue b = perry_buffer_from_bytes(\"perry\", 5);\n"
                                "  printf(\"%.0f\\n\", js_zlib_crc32(perry_value_to_pointer(b)));\n"
                                "  return perry_runtime_shutdown() == PERRY_OK ? 0 : 1;\n}\n");
    scratch.run({"cc", "-c", (scratch.path() / "app/main.c").string(),
                 "-I" + (kSource / "ffi-runtime/include").string(), "-o",
                 (scratch.path() / "app/main.o").string()});
    const fs::path app = scratch.path() / "app";
    const PerryRun link = perry({"link", "main.o", "-o", "program"}, app);
    ASSERT_EQ(link.exit_code, 0) << link.err;
    EXPECT_TRUE(golden("link", "well_known", link));
    const linker::ProcessResult program = linker::run_process({(app / "program").string()});
    EXPECT_EQ(program.exit_code, 0);
    EXPECT_EQ(program.out, "1353547313\n"); // zlib's crc32 of "perry" (Python: zlib.crc32)
}

} // namespace
} // namespace perry::cli::test
