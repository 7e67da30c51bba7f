// `perry native validate`: every outcome with its exact text and exit code. Each test writes a
// package (package.json + C sources) inline, builds its archives with the real compilers, and
// compares with golden/validate/<case>.txt (PERRY_UPDATE_GOLDEN=1 regenerates).
#include "golden_support.h"
#include "perry/linker/process.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace perry::cli::test {
namespace {

const char* const kBindings = R"(double js_demo_add(double a, double b) { return a + b; }
const char* js_demo_greet(void) { return "hi"; }
)";

// A manifest with `functions` (JSON array body) and `targets` (JSON object body).
std::string manifest(const std::string& functions, const std::string& targets,
                     const std::string& abi = "\"abiVersion\": \"0.5\", ") {
    return "{\n  \"name\": \"demo\",\n  \"version\": \"1.0.0\",\n  \"perry\": {\"nativeLibrary\": "
           "{" +
           abi + "\n    \"functions\": [" + functions + "],\n    \"targets\": {" + targets +
           "}\n  }}\n}\n";
}

const std::string kTwoFunctions =
    R"({"name": "js_demo_add", "params": ["f64", "f64"], "returns": "f64"},
      {"name": "js_demo_greet", "params": [], "returns": "string"})";
const std::string kLinuxPrebuilt = R"("linux": {"prebuilt": "prebuilt/linux/libdemo.a"})";

TEST(ValidateGolden, GreenRun) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt));
    pkg.write("src/demo.c", kBindings);
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c"});
    EXPECT_TRUE(matches_golden_run("validate", "green", {"validate", "--no-build"}, pkg.path()));
    // An existing prebuilt is used without building.
    EXPECT_TRUE(matches_golden_run("validate", "green_prebuilt_no_flag", {"validate"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("validate", "green_json", {"validate", "--no-build", "--json"},
                                   pkg.path()));
}

TEST(ValidateGolden, MissingFunctionAndDataDeclaredAsFunction) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions + R"(,
      {"name": "js_demo_gone", "params": [], "returns": "void"},
      {"name": "js_demo_table", "params": [], "returns": "i64"})",
                                       kLinuxPrebuilt));
    pkg.write("src/demo.c", kBindings);
    pkg.write("src/table.c", "int js_demo_table[4] = {1, 2, 3, 4};\n");
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c", "src/table.c"});
    EXPECT_TRUE(
        matches_golden_run("validate", "missing_and_data", {"validate", "--no-build"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("validate", "missing_and_data_json",
                                   {"validate", "--no-build", "--json"}, pkg.path()));
}

TEST(ValidateGolden, UndeclaredBindingIsAWarningOrAnErrorWithStrict) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt));
    pkg.write("src/demo.c", std::string(kBindings) +
                                "int js_demo_extra(void) { return 1; }\n"
                                "int helper_not_a_binding(void) { return 2; }\n");
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c"});
    EXPECT_TRUE(
        matches_golden_run("validate", "undeclared", {"validate", "--no-build"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("validate", "undeclared_strict",
                                   {"validate", "--no-build", "--strict"}, pkg.path()));
}

TEST(ValidateGolden, BindingPrefixIsInferredFromTheDeclaredNames) {
    Scratch pkg;
    pkg.write("package.json", manifest(R"({"name": "bloom_init", "params": [], "returns": "void"},
      {"name": "bloom_draw", "params": ["f64"], "returns": "void"})",
                                       kLinuxPrebuilt));
    pkg.write("src/bloom.c", "void bloom_init(void) {}\nvoid bloom_draw(double x) { (void)x; }\n"
                             "void bloom_secret(void) {}\nvoid js_not_ours(void) {}\n");
    pkg.archive("prebuilt/linux/libdemo.a", {"src/bloom.c"});
    EXPECT_TRUE(
        matches_golden_run("validate", "custom_prefix", {"validate", "--no-build"}, pkg.path()));
}

TEST(ValidateGolden, BundledRuntimeIsAnError) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt));
    pkg.write("src/demo.c", kBindings);
    pkg.write("src/runtime.c", "int perry_ffi_version(void) { return 5; }\n"
                               "void* perry_string_new(void) { return 0; }\n");
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c", "src/runtime.c"});
    EXPECT_TRUE(
        matches_golden_run("validate", "bundled_runtime", {"validate", "--no-build"}, pkg.path()));
}

TEST(ValidateGolden, SameGlobalInTwoMembersIsAWarning) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt));
    pkg.write("src/demo.c", kBindings);
    pkg.write("src/again.c", "const char* js_demo_greet(void) { return \"again\"; }\n");
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c", "src/again.c"});
    EXPECT_TRUE(
        matches_golden_run("validate", "duplicate", {"validate", "--no-build"}, pkg.path()));
}

TEST(ValidateGolden, AbiVersion) {
    Scratch pkg;
    pkg.write("src/demo.c", kBindings);
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c"});
    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt, "\"abiVersion\": \"0.4\", "));
    EXPECT_TRUE(
        matches_golden_run("validate", "abi_mismatch", {"validate", "--no-build"}, pkg.path()));
    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt, ""));
    EXPECT_TRUE(
        matches_golden_run("validate", "abi_missing", {"validate", "--no-build"}, pkg.path()));
}

TEST(ValidateGolden, AllTargetsChecksEveryPrebuiltAndItsFormat) {
    Scratch pkg;
    pkg.write("src/demo.c", kBindings);
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c"});
    pkg.archive("prebuilt/macos/libdemo.a", {"src/demo.c"},
                {"clang-14", "--target=arm64-apple-macos11"}, "llvm-ar-14");
    pkg.archive("prebuilt/windows/demo.lib", {"src/demo.c"},
                {"clang-14", "--target=x86_64-pc-windows-msvc"}, "llvm-ar-14");
    pkg.archive("prebuilt/web/libdemo.a", {"src/demo.c"},
                {"clang-14", "--target=wasm32-unknown-unknown"}, "llvm-ar-14");
    pkg.write("package.json", manifest(kTwoFunctions, R"(
      "linux": {"prebuilt": "prebuilt/linux/libdemo.a"},
      "macos": {"prebuilt": "prebuilt/macos/libdemo.a"},
      "windows": {"prebuilt": "prebuilt/windows/demo.lib"},
      "web": {"prebuilt": "prebuilt/web/libdemo.a"})"));
    EXPECT_TRUE(
        matches_golden_run("validate", "all_targets", {"validate", "--all-targets"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("validate", "one_foreign_target",
                                   {"validate", "--target", "macos"}, pkg.path()));

    // An ELF archive given to windows, an Apple target with a missing prebuilt, and an Apple
    // target with a crate but nothing built for it.
    pkg.write("native/Cargo.toml", "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n");
    pkg.write("package.json", manifest(kTwoFunctions, R"(
      "linux": {"prebuilt": "prebuilt/linux/libdemo.a"},
      "windows": {"prebuilt": "prebuilt/linux/libdemo.a"},
      "ios": {"prebuilt": "prebuilt/ios/libdemo.a"},
      "tvos": {"crate": "native", "lib": "demo"})"));
    EXPECT_TRUE(matches_golden_run("validate", "all_targets_problems",
                                   {"validate", "--all-targets"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("validate", "target_not_in_manifest",
                                   {"validate", "--target", "macos"}, pkg.path()));
}

// prebuiltPerArch: each archive is checked as its own entry against its key's machine, and the
// default `prebuilt` that is one of them is not checked twice; an archive under the wrong key is
// an error naming both machines.
TEST(ValidateGolden, PerArchitecturePrebuiltsAreCheckedPerArchitecture) {
    Scratch pkg;
    pkg.write("src/demo.c", kBindings);
    pkg.archive("prebuilt/x86_64/libdemo.a", {"src/demo.c"},
                {"clang-14", "--target=x86_64-linux-gnu"}, "llvm-ar-14");
    pkg.archive("prebuilt/aarch64/libdemo.a", {"src/demo.c"},
                {"clang-14", "--target=aarch64-linux-gnu"}, "llvm-ar-14");
    pkg.write("package.json", manifest(kTwoFunctions, R"(
      "linux": {"prebuilt": "prebuilt/x86_64/libdemo.a", "prebuiltPerArch": {
        "x86_64": "prebuilt/x86_64/libdemo.a", "aarch64": "prebuilt/aarch64/libdemo.a"}})"));
    EXPECT_TRUE(matches_golden_run("validate", "per_arch", {"validate", "--no-build"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("validate", "per_arch_json",
                                   {"validate", "--no-build", "--json"}, pkg.path()));
    pkg.write("package.json", manifest(kTwoFunctions, R"(
      "linux": {"prebuiltPerArch": {"x86_64": "prebuilt/aarch64/libdemo.a"}})"));
    EXPECT_TRUE(matches_golden_run("validate", "per_arch_wrong_machine", {"validate", "--no-build"},
                                   pkg.path()));
}

TEST(ValidateGolden, BadInputExitsWithTwo) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions, R"("linux": {"crate": "native"})"));
    pkg.write("native/Cargo.toml", "[package]\nname = \"demo-native\"\nversion = \"0.1.0\"\n");
    EXPECT_TRUE(matches_golden_run("validate", "no_build_nothing_built", {"validate", "--no-build"},
                                   pkg.path()));

    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt));
    pkg.write("prebuilt/linux/libdemo.a", "not an archive\n");
    EXPECT_TRUE(matches_golden_run("validate", "unreadable_archive", {"validate", "--no-build"},
                                   pkg.path()));

    EXPECT_TRUE(matches_golden_run("validate", "unknown_target", {"validate", "--target", "mars"},
                                   pkg.path()));
    EXPECT_TRUE(matches_golden_run("validate", "target_and_all_targets",
                                   {"validate", "--target", "linux", "--all-targets"}, pkg.path()));

    pkg.write("package.json", "{\"name\": \"plain\", \"version\": \"1.0.0\"}\n");
    EXPECT_TRUE(matches_golden_run("validate", "not_a_binding", {"validate"}, pkg.path()));
    pkg.write("package.json", "{\"name\": \n");
    EXPECT_TRUE(matches_golden_run("validate", "broken_json", {"validate"}, pkg.path()));
}

// End to end: validate builds the crate itself (cargo, offline) and finds the staticlib by the
// crate's own name (package root as crate, the authoring guide's layout).
TEST(ValidateGolden, BuildsACargoCrate) {
    Scratch pkg;
    pkg.run({"cp", "-r", std::string(PERRY_RUST_CRATE) + "/.", pkg.path().string()});
    pkg.write("package.json",
              manifest(R"({"name": "js_probe_add", "params": ["f64", "f64"], "returns": "f64"},
      {"name": "js_probe_greeting_len", "params": [], "returns": "i64"})",
                       R"("linux": {"cargo_features": []})"));
    ::setenv("CARGO_NET_OFFLINE", "true", 1);
    Scratch cache; // the build goes to the cache, never into the package
    ::setenv("PERRY_CACHE_DIR", cache.path().c_str(), 1);
    const bool had_lock_file = std::filesystem::exists(pkg.path() / "Cargo.lock");
    EXPECT_TRUE(matches_golden_run("validate", "cargo_build", {"validate"}, pkg.path()));
    EXPECT_FALSE(std::filesystem::exists(pkg.path() / "target"));
    EXPECT_EQ(std::filesystem::exists(pkg.path() / "Cargo.lock"), had_lock_file);
    ::unsetenv("PERRY_CACHE_DIR");
}

TEST(ValidateGolden, BuildsACMakeCrate) {
    Scratch pkg;
    pkg.write("native/CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\n"
                                       "project(demo C)\nadd_library(demo STATIC demo.c)\n");
    pkg.write("native/demo.c", kBindings);
    pkg.write("package.json",
              manifest(kTwoFunctions, R"("linux": {"crate": "native", "lib": "demo"})"));
    Scratch cache;
    ::setenv("PERRY_CACHE_DIR", cache.path().c_str(), 1);
    EXPECT_TRUE(matches_golden_run("validate", "cmake_build", {"validate"}, pkg.path()));
    EXPECT_FALSE(std::filesystem::exists(pkg.path() / "native" / "build"));
    ::unsetenv("PERRY_CACHE_DIR");
}

} // namespace
} // namespace perry::cli::test

namespace perry::cli::test {

// An aarch64 archive as the linux prebuilt, checked on this (x86_64) machine: its machine is
// reported and it is an error, since no program here can link it.
TEST(ValidateGolden, AnArchiveOfAnotherMachineCannotServeTheHostTarget) {
    Scratch pkg;
    pkg.write("src/demo.c", kBindings);
    pkg.archive("prebuilt/linux/libdemo.a", {"src/demo.c"},
                {"clang-14", "--target=aarch64-linux-gnu"}, "llvm-ar-14");
    pkg.write("package.json",
              manifest(kTwoFunctions, R"("linux": {"prebuilt": "prebuilt/linux/libdemo.a"})"));
    EXPECT_TRUE(matches_golden_run("validate", "other_machine", {"validate"}, pkg.path()));
}

// A declared prebuilt that does not exist is an error even where the crate could be built.
TEST(ValidateGolden, AMissingPrebuiltIsAnErrorInEveryMode) {
    Scratch pkg;
    pkg.write("src/demo.c", kBindings);
    pkg.write("CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\nproject(demo C)\n"
                                "add_library(demo STATIC src/demo.c)\n");
    pkg.write("package.json", manifest(kTwoFunctions, R"(
      "linux": {"crate": ".", "lib": "demo", "prebuilt": "prebuilt/linux/libdemo.a"})"));
    EXPECT_TRUE(matches_golden_run("validate", "missing_prebuilt", {"validate"}, pkg.path()));
    EXPECT_FALSE(std::filesystem::exists(pkg.path() / "build"));
}

// --no-build finds the archive in the crate's build/ directory; a build/ that is a symlink out of
// the package is refused, as a manifest path through such a link is.
TEST(ValidateGolden, AnArchiveFoundThroughASymlinkOutOfThePackageIsRefused) {
    Scratch outside;
    outside.write("src/demo.c", kBindings);
    outside.archive("build/libdemo.a", {"src/demo.c"});
    Scratch pkg;
    pkg.write("CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\nproject(demo C)\n");
    pkg.write("package.json", manifest(kTwoFunctions, R"("linux": {"crate": ".", "lib": "demo"})"));
    std::filesystem::create_directory_symlink(outside.path() / "build", pkg.path() / "build");
    // The outside directory's name is random, so the message is checked here, not in a golden.
    std::vector<std::string> argv = {PERRY_BIN, "native", "validate", "--no-build"};
    linker::ProcessOptions options;
    options.cwd = pkg.path().string();
    const linker::ProcessResult result = linker::run_process(argv, options);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("build/libdemo.a leads out of the package (to " +
                              std::filesystem::canonical(outside.path()).string() +
                              "/build/libdemo.a)"),
              std::string::npos)
        << result.err;
}

} // namespace perry::cli::test

namespace perry::cli::test {

// One mistake in a target entry is one diagnostic: the archive of an entry the manifest check
// already refused is not looked for (no second error about what the entry fails to name), and
// the exit code is 1 (the check found a problem), not 2.
TEST(ValidateGolden, AnInvalidTargetEntryGetsOneDiagnostic) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions, R"("linux": {"prebuilt": true})"));
    EXPECT_TRUE(matches_golden_run("validate", "prebuilt_true", {"validate"}, pkg.path()));
}

} // namespace perry::cli::test

namespace perry::cli::test {

// GNU unique definitions (the statics GCC emits for std::to_string in every C++ file that calls
// it) are merged by the linker: two members defining one are not duplicates.
TEST(ValidateGolden, GnuUniqueDefinitionsAreNotDuplicates) {
    Scratch pkg;
    pkg.write("package.json", manifest(kTwoFunctions, kLinuxPrebuilt));
    pkg.write("src/add.cpp", "#include <string>\n"
                             "extern \"C\" double js_demo_add(double a, double b) {\n"
                             "    return std::to_string(static_cast<int>(a)).size() + b;\n}\n");
    pkg.write("src/greet.cpp", "#include <string>\n"
                               "extern \"C\" const char* js_demo_greet(void) {\n"
                               "    volatile int n = 42;\n"
                               "    static std::string s = std::to_string(static_cast<int>(n));\n"
                               "    return s.c_str();\n}\n");
    pkg.archive("prebuilt/linux/libdemo.a", {"src/add.cpp", "src/greet.cpp"}, {"g++", "-O2"});
    EXPECT_TRUE(
        matches_golden_run("validate", "gnu_unique", {"validate", "--no-build"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "gnu_unique", {"symbols", "prebuilt/linux/libdemo.a"},
                                   pkg.path()));
}

} // namespace perry::cli::test
