// From `perry native init` to a running binding, for each language, with nothing but an
// installed tree in a temporary prefix: install, init with the installed perry, `perry native
// validate` (which builds the library), then a host program linked with the archive and the
// runtime makes every call of the scaffold's test/hello.calls and compares the results. The wall
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

struct Call {
    std::string argument; // the string argument
    std::string expected; // the string result
};

// The calls of a .calls file whose argument and result are strings: `sym("x") => "y"`.
std::vector<Call> read_calls(const std::string& text, const std::string& symbol) {
    std::vector<Call> calls;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line[0] == '#')
            continue;
        const std::size_t arrow = line.find(") => ");
        EXPECT_EQ(line.rfind(symbol + "(", 0), 0u) << line;
        EXPECT_NE(arrow, std::string::npos) << line;
        if (arrow == std::string::npos)
            continue;
        const std::string argument = line.substr(symbol.size() + 1, arrow - symbol.size() - 1);
        calls.push_back({nlohmann::json::parse(argument).get<std::string>(),
                         nlohmann::json::parse(line.substr(arrow + 5)).get<std::string>()});
    }
    return calls;
}

// A C string literal of any bytes (octal escapes: they never swallow the next character).
std::string c_literal(const std::string& bytes) {
    std::string out = "\"";
    for (unsigned char c : bytes) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\%03o", c);
        out += escaped;
    }
    return out + "\"";
}

// What a compiled Perry program does for each call: a string argument as a heap header, the
// result read back from the returned header. One result per line on stdout.
std::string host_source(const std::string& symbol, const std::vector<Call>& calls) {
    std::string out = "#include <perry/ffi.h>\n#include <stdio.h>\n"
                      "extern const PerryStringHeader* " +
                      symbol +
                      "(const PerryStringHeader*);\n"
                      "static void call(const char* text, size_t length) {\n"
                      "    PerryValue name = perry_string_from_utf8(text, length);\n"
                      "    const PerryStringHeader* result = " +
                      symbol +
                      "(perry_string_header(&name));\n"
                      "    if (result == NULL) { printf(\"(null)\\n\"); return; }\n"
                      "    printf(\"%.*s\\n\", (int)result->byte_len, "
                      "perry_string_header_bytes(result));\n"
                      "}\n"
                      "int main(void) {\n"
                      "    if (perry_runtime_init(NULL) != PERRY_OK) return 3;\n";
    for (const Call& c : calls) {
        out +=
            "    call(" + c_literal(c.argument) + ", " + std::to_string(c.argument.size()) + ");\n";
    }
    return out + "    return perry_runtime_shutdown() == PERRY_OK ? 0 : 4;\n}\n";
}

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

    // The author's shell after installing perry: its bin directory on PATH, which is also how
    // CMake's find_package finds the runtime (it searches the prefix of each PATH entry ending in
    // bin/). Warnings in the templates are errors here (CMake reads CFLAGS/CXXFLAGS on first
    // configure).
    const char* path = std::getenv("PATH");
    const auto validate = run_perry(
        perry, {"validate"}, package,
        {{"PATH", (prefix() / "bin").string() + ":" + (path != nullptr ? path : "/usr/bin:/bin")},
         {"CFLAGS", "-Werror"},
         {"CXXFLAGS", "-Werror"},
         {"CARGO_NET_OFFLINE", "true"}});
    const double built = seconds_since(start);
    EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
    const std::string green = "\u2705 manifest matches the staticlib.\n";
    ASSERT_GE(validate.out.size(), green.size()) << validate.out << validate.err;
    EXPECT_EQ(validate.out.substr(validate.out.size() - green.size()), green);
    const fs::path archive = lang == "rust" ? package / "target/release/libperry_ext_demo_rust.a"
                                            : package / ("build/libperry_ext_demo_" + lang + ".a");
    ASSERT_TRUE(fs::exists(archive)) << validate.out;

    // The calls file, made by a host linked from the archive and the installed runtime.
    const std::vector<Call> calls = read_calls(read_file(package / "test/hello.calls"), symbol);
    ASSERT_GE(calls.size(), 4u);
    write_file(work.path() / "host.c", host_source(symbol, calls));
    const auto compile =
        run({"cc", "-c", "host.c", "-I", (prefix() / "include").string()}, work.path());
    ASSERT_TRUE(compile.ok()) << compile.err;
    const auto link =
        run({"c++", "host.o", archive.string(), (prefix() / "lib" / "libperry_ffi.a").string(),
             "-o", "host", "-lpthread", "-ldl", "-lm"},
            work.path());
    ASSERT_TRUE(link.ok()) << link.err;
    const auto host = run({(work.path() / "host").string()}, work.path());
    ASSERT_TRUE(host.ok()) << host.exit_code << host.err;
    std::string expected;
    for (const Call& c : calls)
        expected += c.expected + "\n";
    EXPECT_EQ(host.out, expected);
    const double ran = seconds_since(start);

    std::printf("[ timing ] %s: init -> built archive, validate green: %.2f s; -> hello calls "
                "ran: %.2f s\n",
                lang.c_str(), built, ran);
}

INSTANTIATE_TEST_SUITE_P(Languages, InitEndToEnd, ::testing::Values("cpp", "c", "rust"),
                         [](const auto& info) { return std::string(info.param); });

} // namespace
