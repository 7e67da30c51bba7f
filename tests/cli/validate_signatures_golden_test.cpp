// `perry native validate`'s signature checks: archives built here with -g from C, C++ and Rust,
// one per class of mismatch (parameter count, integer vs floating point, integer width, pointer vs
// integer, void vs value), a matching archive, one without debug information, one with minimal
// debug information, and --json. Exact text and exit code in golden/validate-signatures/<case>.txt
// (PERRY_UPDATE_GOLDEN=1 regenerates).
#include "golden_support.h"
#include "perry/linker/process.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace perry::cli::test {
namespace {

const char* const kSuite = "validate-signatures";

// A package whose manifest declares `functions` (a JSON array body) with a linux prebuilt.
std::string manifest(const std::string& functions) {
    return "{\n  \"name\": \"demo\",\n  \"version\": \"1.0.0\",\n  \"perry\": {\"nativeLibrary\": "
           "{\"abiVersion\": \"0.5\",\n    \"functions\": [" +
           functions +
           "],\n    \"targets\": {\"linux\": {\"prebuilt\": "
           "\"prebuilt/linux/libdemo.a\"}}\n  }}\n}\n";
}

// The declarations a binding sees from perry/ffi.h, written out so the sources stand alone.
const char* const kCPrelude = "#include <stdbool.h>\n#include <stdint.h>\n"
                              "typedef uint64_t PerryValue;\n"
                              "typedef struct PerryStringHeader PerryStringHeader;\n";
const char* const kCppPrelude = "#include <cstdint>\ntypedef uint64_t PerryValue;\n"
                                "struct PerryStringHeader;\nextern \"C\" {\n";

// Every type class the table has, declared as the manifest says. The definitions below match it.
const std::string kMatchingFunctions =
    R"({"name": "js_demo_add", "params": ["f64", "number"], "returns": "f64"},
      {"name": "js_demo_greet", "params": ["string"], "returns": "string"},
      {"name": "js_demo_count", "params": ["i32", "i64"], "returns": "i64"},
      {"name": "js_demo_flag", "params": ["bool", "ptr"], "returns": "bool"},
      {"name": "js_demo_start", "params": ["jsvalue"], "returns": "promise"},
      {"name": "js_demo_reset", "params": [], "returns": "void"})";
const char* const kMatchingBodies =
    "double js_demo_add(double a, double b) { return a + b; }\n"
    "const PerryStringHeader* js_demo_greet(const PerryStringHeader* s) { return s; }\n"
    "int64_t js_demo_count(int32_t a, int64_t b) { return a + b; }\n"
    "bool js_demo_flag(bool b, const void* p) { return b && p; }\n"
    "PerryValue js_demo_start(double v) { return (PerryValue)v; }\n"
    "void js_demo_reset(void) {}\n";

std::string c_source(const std::string& bodies) {
    return std::string(kCPrelude) + bodies;
}

std::string cpp_source(const std::string& bodies) {
    return std::string(kCppPrelude) + bodies + "}\n";
}

struct Language {
    const char* name;      // in golden names: "c" or "cpp"
    const char* extension; // of the source
    const char* compiler;
    std::string (*source)(const std::string&);
};

const Language kLanguages[] = {{"c", ".c", "gcc", c_source}, {"cpp", ".cpp", "g++", cpp_source}};

// One mismatch of each class: the manifest entry and the definition that disagrees with it.
struct MismatchCase {
    const char* name;
    const char* declared; // the manifest's function entry
    const char* defined;  // the definition in the source
};

const MismatchCase kMismatches[] = {
    {"count", R"({"name": "js_demo_pair", "params": ["f64"], "returns": "f64"})",
     "double js_demo_pair(double a, double b) { return a * b; }\n"},
    {"int_vs_float", R"({"name": "js_demo_pair", "params": ["f64", "i64"], "returns": "f64"})",
     "double js_demo_pair(double a, double b) { return a * b; }\n"},
    {"int_width", R"({"name": "js_demo_pair", "params": ["i32"], "returns": "i64"})",
     "int64_t js_demo_pair(int64_t a) { return a; }\n"},
    {"pointer_vs_integer", R"({"name": "js_demo_pair", "params": ["ptr"], "returns": "i64"})",
     "int64_t js_demo_pair(int64_t a) { return a; }\n"},
    {"void_vs_value", R"({"name": "js_demo_pair", "params": [], "returns": "i32"})",
     "void js_demo_pair(void) {}\n"},
};

// A package with the matching functions plus `extra` (a manifest entry and its definition),
// built into prebuilt/linux/libdemo.a with `flags`.
void write_package(const Scratch& pkg, const Language& language, const std::string& declared,
                   const std::string& defined, const std::vector<std::string>& flags) {
    pkg.write("package.json",
              manifest(kMatchingFunctions + (declared.empty() ? "" : ",\n      " + declared)));
    const std::string source = std::string("src/demo") + language.extension;
    pkg.write(source, language.source(kMatchingBodies + defined));
    std::vector<std::string> compile = {language.compiler};
    compile.insert(compile.end(), flags.begin(), flags.end());
    pkg.archive("prebuilt/linux/libdemo.a", {source}, compile);
}

TEST(ValidateSignaturesGolden, EachMismatchClassInCAndCpp) {
    for (const Language& language : kLanguages) {
        for (const MismatchCase& mismatch : kMismatches) {
            Scratch pkg;
            write_package(pkg, language, mismatch.declared, mismatch.defined, {"-g", "-O2"});
            const std::string name = std::string(language.name) + "_" + mismatch.name;
            EXPECT_TRUE(matches_golden_run(kSuite, name, {"validate", "--no-build"}, pkg.path()));
        }
    }
}

TEST(ValidateSignaturesGolden, AMatchingArchiveIsGreen) {
    for (const Language& language : kLanguages) {
        Scratch pkg;
        write_package(pkg, language, "", "", {"-g", "-O0"});
        const std::string name = std::string(language.name) + "_matching";
        EXPECT_TRUE(matches_golden_run(kSuite, name, {"validate", "--no-build"}, pkg.path()));
    }
}

TEST(ValidateSignaturesGolden, JsonCarriesTheCoverageAndTheMismatches) {
    Scratch pkg;
    write_package(pkg, kLanguages[1], kMismatches[1].declared, kMismatches[1].defined, {"-g"});
    EXPECT_TRUE(matches_golden_run(kSuite, "cpp_int_vs_float_json",
                                   {"validate", "--no-build", "--json"}, pkg.path()));
}

// Without debug information nothing can be compared: one line says so and how to enable it, and
// the run is otherwise as before (green here, although the archive disagrees with the manifest).
TEST(ValidateSignaturesGolden, NoDebugInformationIsSaidOnce) {
    Scratch pkg;
    write_package(pkg, kLanguages[0], kMismatches[0].declared, kMismatches[0].defined, {"-O2"});
    EXPECT_TRUE(
        matches_golden_run(kSuite, "no_debug_info", {"validate", "--no-build"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run(kSuite, "no_debug_info_json",
                                   {"validate", "--no-build", "--json"}, pkg.path()));
    // GCC's -g1 names the functions but describes no types: that is no signature either.
    write_package(pkg, kLanguages[0], kMismatches[0].declared, kMismatches[0].defined, {"-g1"});
    EXPECT_TRUE(
        matches_golden_run(kSuite, "minimal_debug_info", {"validate", "--no-build"}, pkg.path()));
}

// One member with debug information and one without: the first is checked, the second counted.
TEST(ValidateSignaturesGolden, SomeMembersWithoutDebugInformation) {
    Scratch pkg;
    pkg.write("package.json", manifest(kMatchingFunctions + ",\n      " + kMismatches[4].declared));
    pkg.write("src/demo.c", c_source(kMatchingBodies));
    pkg.write("src/extra.c", c_source(kMismatches[4].defined));
    pkg.run({"gcc", "-g", "-c", "src/demo.c", "-o", "src/demo.o"});
    pkg.run({"gcc", "-c", "src/extra.c", "-o", "src/extra.o"});
    pkg.run({"mkdir", "-p", "prebuilt/linux"});
    pkg.run({"ar", "rcs", "prebuilt/linux/libdemo.a", "src/demo.o", "src/extra.o"});
    EXPECT_TRUE(matches_golden_run(kSuite, "partial", {"validate", "--no-build"}, pkg.path()));
}

TEST(ValidateSignaturesGolden, NoSignaturesTurnsTheCheckOff) {
    Scratch pkg;
    write_package(pkg, kLanguages[1], kMismatches[0].declared, kMismatches[0].defined, {"-g"});
    EXPECT_TRUE(matches_golden_run(kSuite, "no_signatures",
                                   {"validate", "--no-build", "--no-signatures"}, pkg.path()));
}

// clang's DWARF 5 reads as GCC's does; a C++ reference (here through a typedef) is a pointer.
TEST(ValidateSignaturesGolden, ClangArchives) {
    const Language clang{"clang", ".cpp", "clang++-14", cpp_source};
    Scratch pkg;
    write_package(pkg, clang, R"({"name": "js_demo_ref", "params": ["i32"], "returns": "i64"})",
                  "typedef const int64_t& Ref;\nint64_t js_demo_ref(Ref a) { return a; }\n",
                  {"-g", "-O2"});
    EXPECT_TRUE(
        matches_golden_run(kSuite, "clang_reference", {"validate", "--no-build"}, pkg.path()));
}

// A Rust staticlib built with rustc -g: #[no_mangle] functions carry their names and Rust's
// types (f64, i32, *const u8, bool, unit) in the DWARF.
TEST(ValidateSignaturesGolden, RustStaticlib) {
    const char* home = std::getenv("HOME");
    const std::optional<std::string> rustc =
        linker::find_program("rustc", {std::string(home ? home : "") + "/.cargo/bin"});
    if (!rustc)
        GTEST_SKIP() << "rustc is neither on PATH nor in ~/.cargo/bin";
    Scratch pkg;
    pkg.write("package.json",
              manifest(
                  R"({"name": "js_demo_add", "params": ["f64", "f64"], "returns": "f64"},
      {"name": "js_demo_len", "params": ["ptr"], "returns": "i32"},
      {"name": "js_demo_flag", "params": ["bool"], "returns": "bool"},
      {"name": "js_demo_reset", "params": [], "returns": "void"},
      {"name": "js_demo_wide", "params": ["i64"], "returns": "f64"},
      {"name": "js_demo_none", "params": [], "returns": "i64"})"));
    pkg.write("src/lib.rs",
              "#[no_mangle]\npub extern \"C\" fn js_demo_add(a: f64, b: f64) -> f64 { a + b }\n"
              "#[no_mangle]\npub extern \"C\" fn js_demo_len(p: *const u8) -> i32 { p as i32 }\n"
              "#[no_mangle]\npub extern \"C\" fn js_demo_flag(b: bool) -> bool { !b }\n"
              "#[no_mangle]\npub extern \"C\" fn js_demo_reset() {}\n"
              "#[no_mangle]\npub extern \"C\" fn js_demo_wide(a: i32) -> f64 { a as f64 }\n"
              "#[no_mangle]\npub extern \"C\" fn js_demo_none() {}\n");
    pkg.run({"mkdir", "-p", "prebuilt/linux"});
    pkg.run({*rustc, "--crate-type", "staticlib", "--crate-name", "demo", "--edition", "2021", "-g",
             "-C", "opt-level=1", "src/lib.rs", "-o", "prebuilt/linux/libdemo.a"});
    // Rust names its members after a hash of the crate: the text is checked here, not in a golden.
    linker::ProcessOptions options;
    options.cwd = pkg.path().string();
    const linker::ProcessResult result =
        linker::run_process({PERRY_BIN, "native", "validate", "--no-build"}, options);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("signatures: checked against DWARF (6 of 6 functions, 2 mismatched)"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.err.find("`js_demo_wide` parameter 1: the manifest says `i64` (a 64-bit "
                              "integer), the code in ./prebuilt/linux/libdemo.a("),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("takes `i32` (a 32-bit integer): integer width; manifest: `double "
                              "js_demo_wide(int64_t)`, code: `f64 js_demo_wide(i32)`"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("`js_demo_none` return value: the manifest says `i64` (a 64-bit "
                              "integer), the code in ./prebuilt/linux/libdemo.a("),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("returns nothing: void vs value"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("js_demo_add"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("js_demo_len"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("js_demo_flag"), std::string::npos) << result.err;
}

} // namespace
} // namespace perry::cli::test
