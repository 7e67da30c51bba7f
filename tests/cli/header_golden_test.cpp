// `perry native header`: the C header and the Rust assertions of a manifest with every type of
// the type table, exact text and exit code (golden/header/<case>.txt; PERRY_UPDATE_GOLDEN=1
// regenerates); the header compiled with the real C and C++ compilers against definitions that
// agree with it, and one that does not; bad input (exit 2, nothing written); an unchanged file
// left untouched.
#include "every_type_manifest.h"
#include "golden_support.h"
#include "perry/linker/header.h"
#include "perry/linker/process.h"
#include "perry/resolver/types.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace perry::cli::test {
namespace {

namespace fs = std::filesystem;

const char* const kEveryType = perry::testing::kEveryTypeManifest;

// Definitions that agree with kEveryType's prototypes, valid C99 and C++17.
const char* const kEveryDefinition = R"(#include "perry_signatures.h"
const PerryStringHeader* js_t_string(const PerryStringHeader* s) { return s; }
const PerryStringHeader* js_t_ptr(const void* p) { (void)p; return 0; }
int64_t js_t_i64_str(const PerryStringHeader* json) { (void)json; return 0; }
int64_t js_t_i64(int64_t x) { return x; }
double js_t_number(double x) { return x; }
void js_t_void(void) {}
double js_t_f64(double x) { return x; }
int32_t js_t_i32(int32_t x) { return x; }
bool js_t_bool(bool x) { return !x; }
PerryValue js_t_promise(void) { return 0; }
double js_t_jsvalue(double v) { return v; }
const PerryBufferHeader* js_t_buffer(const PerryBufferHeader* b) { return b; }
void js_t_all(const PerryStringHeader* a, double b, int32_t c, int64_t d, bool e, const void* f,
              double g, const PerryStringHeader* h, double i, const PerryBufferHeader* j) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h; (void)i; (void)j;
}
double js_t_legacy(void) { return 0; }
)";

linker::ProcessResult run_tool(const std::vector<std::string>& argv, const fs::path& cwd) {
    linker::ProcessOptions options;
    options.cwd = cwd.string();
    return linker::run_process(argv, options);
}

TEST(HeaderGolden, CHeaderOfEveryType) {
    Scratch pkg;
    pkg.write("package.json", kEveryType);
    EXPECT_TRUE(matches_golden_run("header", "every_type_c", {"header"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("header", "every_type_json", {"header", "--json"}, pkg.path()));
}

TEST(HeaderGolden, RustAssertionsOfEveryType) {
    Scratch pkg;
    pkg.write("package.json", kEveryType);
    EXPECT_TRUE(matches_golden_run("header", "every_type_rust", {"header", "--rust"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run(
        "header", "every_type_rust_paths",
        {"header", "--rust", "--rust-functions", "crate::ffi", "--rust-types", "::perry_ffi_sys"},
        pkg.path()));
}

// Every C type of the table has a Rust spelling: a new table entry with a C type the Rust side
// does not know fails here rather than in an author's build.
TEST(HeaderGolden, EveryTableCTypeHasARustType) {
    for (resolver::ParamType type : resolver::all_param_types()) {
        EXPECT_NE(linker::rust_type_of(resolver::info(type).c_type, "::s"), "")
            << resolver::info(type).c_type;
    }
    for (resolver::ReturnType type : resolver::all_return_types()) {
        EXPECT_NE(linker::rust_type_of(resolver::info(type).c_type, "::s"), "")
            << resolver::info(type).c_type;
    }
    EXPECT_EQ(linker::rust_type_of("const PerryStringHeader*", "::s"),
              "*const ::s::PerryStringHeader");
    EXPECT_EQ(linker::rust_type_of("const void*", "::s"), "*const ::core::ffi::c_void");
    EXPECT_EQ(linker::rust_type_of("int64_t", "::s"), "i64");
    EXPECT_EQ(linker::rust_type_of("long double", "::s"), "");
}

// The header compiles as C and as C++ with definitions of every type, and a definition that
// disagrees with it is an error naming the function.
TEST(HeaderGolden, TheHeaderCompilesWithAgreeingDefinitionsAndRejectsADisagreeingOne) {
    Scratch pkg;
    pkg.write("package.json", kEveryType);
    ASSERT_TRUE(
        run_tool({PERRY_BIN, "native", "header", "--out", "perry_signatures.h"}, pkg.path()).ok());
    pkg.write("every.c", kEveryDefinition);
    pkg.write("every.cpp", kEveryDefinition);
    const std::string include = std::string("-I") + PERRY_FFI_INCLUDE;
    for (const std::vector<std::string>& compile :
         {std::vector<std::string>{"gcc", "-std=c99", "-Wall", "-Wextra", "-Werror",
                                   "-Wmissing-prototypes", include, "-I.", "-c", "every.c"},
          std::vector<std::string>{"g++", "-std=c++17", "-Wall", "-Wextra", "-Werror",
                                   "-Wmissing-declarations", include, "-I.", "-c", "every.cpp"}}) {
        const linker::ProcessResult result = run_tool(compile, pkg.path());
        EXPECT_TRUE(result.ok()) << compile[0] << ": " << result.err << result.error;
    }
    std::string wrong = kEveryDefinition;
    const std::string agreeing = "int32_t js_t_i32(int32_t x)";
    wrong.replace(wrong.find(agreeing), agreeing.size(), "int64_t js_t_i32(int32_t x)");
    pkg.write("wrong.c", wrong);
    const linker::ProcessResult result =
        run_tool({"gcc", "-std=c99", include, "-I.", "-c", "wrong.c"}, pkg.path());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("conflicting types for"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("js_t_i32"), std::string::npos) << result.err;
}

TEST(HeaderGolden, BadInputExitsTwoAndWritesNothing) {
    Scratch pkg;
    EXPECT_TRUE(
        matches_golden_run("header", "no_package_json", {"header", "--out", "out.h"}, pkg.path()));
    pkg.write("broken/package.json", "{\"name\": \"x\",\n");
    EXPECT_TRUE(matches_golden_run("header", "invalid_json", {"header", "broken", "--out", "out.h"},
                                   pkg.path()));
    pkg.write("plain/package.json", "{\"name\": \"plain\", \"version\": \"1.0.0\"}\n");
    EXPECT_TRUE(matches_golden_run("header", "not_a_binding",
                                   {"header", "plain", "--rust", "--out", "out.h"}, pkg.path()));
    pkg.write("bad/package.json", R"({"name": "bad", "perry": {"nativeLibrary": {
      "abiVersion": "0.5",
      "functions": [{"name": "js_bad_f", "params": ["float"], "returns": "void"}]}}}
)");
    EXPECT_TRUE(matches_golden_run("header", "manifest_with_errors",
                                   {"header", "bad", "--out", "out.h"}, pkg.path()));
    EXPECT_TRUE(matches_golden_run("header", "manifest_with_errors_json",
                                   {"header", "bad", "--json", "--out", "out.h"}, pkg.path()));
    EXPECT_FALSE(fs::exists(pkg.path() / "out.h"));
    // A package that is fine, written where no directory exists.
    pkg.write("good/package.json", kEveryType);
    EXPECT_TRUE(matches_golden_run("header", "out_directory_missing",
                                   {"header", "good", "--out", "missing/out.h"}, pkg.path()));
    EXPECT_FALSE(fs::exists(pkg.path() / "missing"));
    for (const fs::directory_entry& entry : fs::directory_iterator(pkg.path())) {
        EXPECT_TRUE(entry.is_directory()) << "left behind: " << entry.path();
    }
}

// --out replaces the file whole when the manifest changed, and leaves it untouched (the same
// modification time) when it did not, so a build does not recompile what includes it.
TEST(HeaderGolden, AnUnchangedHeaderKeepsItsModificationTime) {
    Scratch pkg;
    pkg.write("package.json", kEveryType);
    EXPECT_TRUE(matches_golden_run("header", "out_written", {"header", "--out", "sig.h", "--json"},
                                   pkg.path()));
    const fs::path header = pkg.path() / "sig.h";
    const fs::file_time_type old_time = fs::last_write_time(header) - std::chrono::hours(1);
    fs::last_write_time(header, old_time);
    EXPECT_TRUE(matches_golden_run("header", "out_unchanged",
                                   {"header", "--out", "sig.h", "--json"}, pkg.path()));
    EXPECT_EQ(fs::last_write_time(header), old_time);
    // The same text as stdout gives.
    const linker::ProcessResult printed = run_tool({PERRY_BIN, "native", "header"}, pkg.path());
    std::string written;
    {
        std::ifstream in(header, std::ios::binary);
        written.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    EXPECT_EQ(printed.out, written);

    std::string changed = kEveryType;
    changed.replace(changed.find("\"js_t_void\", \"params\": []"),
                    std::string("\"js_t_void\", \"params\": []").size(),
                    "\"js_t_void\", \"params\": [\"i32\"]");
    pkg.write("package.json", changed);
    const linker::ProcessResult rewritten =
        run_tool({PERRY_BIN, "native", "header", "--out", "sig.h"}, pkg.path());
    EXPECT_TRUE(rewritten.ok()) << rewritten.err;
    EXPECT_NE(fs::last_write_time(header), old_time);
    std::ifstream in(header, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("void js_t_void(int32_t a0);"), std::string::npos) << text;
}

// The package's name is text from the file: it cannot end the banner's comment and become code.
TEST(HeaderGolden, APackageNameCannotEndTheBannerComment) {
    Scratch pkg;
    pkg.write("package.json", R"({"name": "x*/ int injected; /*", "perry": {"nativeLibrary": {
      "abiVersion": "0.5",
      "functions": [{"name": "js_x_f", "params": [], "returns": "void"}]}}}
)");
    EXPECT_TRUE(matches_golden_run("header", "name_with_comment_end", {"header"}, pkg.path()));
    ASSERT_TRUE(
        run_tool({PERRY_BIN, "native", "header", "--out", "perry_signatures.h"}, pkg.path()).ok());
    pkg.write("use.c", "#include \"perry_signatures.h\"\nvoid js_x_f(void) {}\n"
                       "int check(void) { return injected; }\n");
    const linker::ProcessResult result =
        run_tool({"gcc", "-std=c99", std::string("-I") + PERRY_FFI_INCLUDE, "-I.", "-c", "use.c"},
                 pkg.path());
    EXPECT_NE(result.exit_code, 0) << "the name's text became a declaration";
    EXPECT_NE(result.err.find("injected"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("undeclared"), std::string::npos) << result.err;
}

} // namespace
} // namespace perry::cli::test
