// Call shims end to end: shims generated for test_binding.c (every parameter and return type of
// the type table), compiled as C99 with -Wall -Wextra -Werror by the system compiler, linked
// with libperry_run_host.a, the binding and libperry_ffi.a, and run as a real host program.
// Golden: inputs inline, exact stdout, stderr and exit status.
#include "perry/linker/shims.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using perry::linker::ShimFunction;
using perry::resolver::ParamType;
using perry::resolver::ReturnType;

struct ProgramRun {
    int exit = -1;
    std::string out;
    std::string err;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// Runs argv (no shell) with `input` on stdin; stdout and stderr collected through files.
ProgramRun run_program(const std::vector<std::string>& args, const fs::path& dir,
                       const std::string& input = "") {
    const fs::path in = dir / "stdin.txt", out = dir / "stdout.txt", err = dir / "stderr.txt";
    write_file(in, input);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv;
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    ProgramRun result;
    int status = 0;
    if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0 &&
        waitpid(pid, &status, 0) == pid) {
        result.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&actions);
    result.out = read_file(out);
    result.err = read_file(err);
    return result;
}

// Runs `run` with PERRY_GC_STRESS=1 in the environment the host inherits (a collection on every
// allocation), then puts the variable back as it was.
template <typename Run> ProgramRun with_gc_stress(Run run) {
    const char* previous = std::getenv("PERRY_GC_STRESS");
    const std::string saved = previous != nullptr ? previous : "";
    setenv("PERRY_GC_STRESS", "1", 1);
    ProgramRun result = run();
    if (previous != nullptr) {
        setenv("PERRY_GC_STRESS", saved.c_str(), 1);
    } else {
        unsetenv("PERRY_GC_STRESS");
    }
    return result;
}

// The manifest of test_binding.c.
std::vector<ShimFunction> binding_functions() {
    using P = ParamType;
    using R = ReturnType;
    return {
        {"js_t_add", {P::Number, P::Number}, R::Number},
        {"js_t_half", {P::F64}, R::F64},
        {"js_t_i32", {P::I32}, R::I32},
        {"js_t_i64_next", {P::I64}, R::I64},
        {"js_t_not", {P::Bool}, R::Bool},
        {"js_t_first_byte", {P::Ptr}, R::I32},
        {"js_t_buffer_sum", {P::Buffer}, R::Number},
        {"js_t_greet", {P::String}, R::String},
        {"js_t_json_echo", {P::Json}, R::String},
        {"js_t_same", {P::String}, R::Ptr},
        {"js_t_typeof", {P::JsValue}, R::String},
        {"js_t_identity", {P::JsValue}, R::JsValue},
        {"js_t_bigint", {P::I64}, R::JsValue},
        {"js_t_label", {P::Number}, R::I64Str},
        {"js_t_store", {P::Number}, R::Void},
        {"js_t_last", {}, R::Number},
        {"js_t_bytes", {P::I32}, R::Buffer},
        {"js_t_maybe", {P::Bool}, R::String},
        {"js_t_throw", {P::String}, R::Void},
        {"js_t_add_async", {P::Number, P::Number}, R::Promise},
        {"js_t_odd_values", {}, R::JsValue},
    };
}

class ShimsTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("perry-shims-test-" + std::to_string(getpid()));
        fs::create_directories(dir_);
        write_file(dir_ / "shims.c", perry::linker::generate_shims(binding_functions()));
        std::vector<std::string> compile = {PERRY_TEST_CC,
                                            "-std=c99",
                                            "-Wall",
                                            "-Wextra",
                                            "-Werror",
                                            "-pedantic",
                                            "-I" PERRY_TEST_FFI_INCLUDE,
                                            "-I" PERRY_TEST_RUN_HOST_INCLUDE,
                                            "-c",
                                            (dir_ / "shims.c").string(),
                                            "-o",
                                            (dir_ / "shims.o").string()};
        std::vector<std::string> link = {PERRY_TEST_CXX,
                                         (dir_ / "shims.o").string(),
                                         PERRY_TEST_RUN_HOST_ARCHIVE,
                                         PERRY_TEST_BINDING_ARCHIVE,
                                         PERRY_TEST_FFI_ARCHIVE,
                                         "-lpthread",
                                         "-lm",
                                         "-o",
                                         (dir_ / "host").string()};
        if (std::string(PERRY_TEST_SANITIZE).size() != 0) {
            compile.push_back(PERRY_TEST_SANITIZE);
            link.push_back(PERRY_TEST_SANITIZE);
        }
        compile_ = run_program(compile, dir_);
        if (compile_.exit == 0) {
            link_ = run_program(link, dir_);
        }
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    void SetUp() override {
        ASSERT_EQ(compile_.exit, 0) << compile_.out << compile_.err;
        ASSERT_EQ(link_.exit, 0) << link_.out << link_.err;
    }

    static ProgramRun host(std::vector<std::string> args, const std::string& input = "") {
        args.insert(args.begin(), (dir_ / "host").string());
        return run_program(args, dir_, input);
    }
    static ProgramRun calls(const std::vector<std::string>& calls) {
        std::vector<std::string> args;
        for (const std::string& call : calls) {
            args.push_back("--call");
            args.push_back(call);
        }
        return host(args);
    }

    static fs::path dir_;
    static ProgramRun compile_;
    static ProgramRun link_;
};

fs::path ShimsTest::dir_;
ProgramRun ShimsTest::compile_;
ProgramRun ShimsTest::link_;

#define EXPECT_RUN(result, exit_code, out_text, err_text)                                          \
    do {                                                                                           \
        const ProgramRun r_ = (result);                                                            \
        EXPECT_EQ(r_.out, out_text);                                                               \
        EXPECT_EQ(r_.err, err_text);                                                               \
        EXPECT_EQ(r_.exit, exit_code);                                                             \
    } while (0)

TEST_F(ShimsTest, EveryParameterType) {
    EXPECT_RUN(
        calls({"js_t_add(1, 2.5)",
               "js_t_half(5)",
               "js_t_i32(4294967297)",
               "js_t_i32(-1.9)",
               "js_t_i32(-2147483649)",
               "js_t_i64_next(41)",
               "js_t_i64_next(9007199254740990n)",
               "js_t_not(0)",
               "js_t_not(\"\")",
               "js_t_not([])",
               "js_t_first_byte(b64\"BQY=\")",
               "js_t_first_byte(null)",
               "js_t_buffer_sum(b64\"AQID\")",
               "js_t_greet(\"ada\")",
               "js_t_greet(\"a longer name\")",
               "js_t_json_echo({\"b\": [1, null], \"a\": \"x\"})",
               "js_t_same(\"abc\")",
               "js_t_typeof(12n)",
               "js_t_typeof(undefined)",
               "js_t_identity([1, {\"k\": true}])",
               "js_t_bigint(-7)"}),
        0,
        "3.5\n2.5\n1\n-1\n2147483647\n42\n9007199254740991\ntrue\ntrue\nfalse\n5\n-1\n6\n"
        "\"hello, ada\"\n\"hello, a longer name\"\n\"{\\\"b\\\":[1,null],\\\"a\\\":\\\"x\\\"}\"\n"
        "\"abc\"\n\"bigint\"\n\"undefined\"\n[1,{\"k\":true}]\n-7n\n",
        "");
}

TEST_F(ShimsTest, NotationEdges) {
    // Commas and parentheses inside strings, arrays and objects belong to their argument;
    // undefined, BigInts and Buffers are top-level forms; results print in the same notation.
    EXPECT_RUN(calls({"js_t_greet(\"a, (b)\")", "js_t_identity([1, [2, 3], {\"x,\": \")\"}])",
                      "js_t_first_byte(undefined)", "js_t_identity(-12345678901234567890n)",
                      "js_t_identity(b64\"/w\")", "js_t_identity(undefined)",
                      "js_t_identity(\"\\ud800\")", "js_t_identity( 1.0 )"}),
               0,
               "\"hello, a, (b)\"\n[1,[2,3],{\"x,\":\")\"}]\n-1\n-12345678901234567890n\n"
               "b64\"/w==\"\nundefined\n\"\\ud800\"\n1\n",
               "");
}

TEST_F(ShimsTest, EveryReturnType) {
    EXPECT_RUN(calls({"js_t_label(3)", "js_t_label(0)", "js_t_store(8.5)", "js_t_last()",
                      "js_t_bytes(3)", "js_t_bytes(0)", "js_t_bytes(-1)", "js_t_maybe(true)",
                      "js_t_maybe(false)", "js_t_add_async(20, 22)"}),
               0,
               "\"label 3\"\nundefined\nundefined\n8.5\nb64\"AAEC\"\nb64\"\"\nundefined\n"
               "\"some text\"\nundefined\n42\n",
               "");
}

TEST_F(ShimsTest, WrongArgumentTypesAndCountsAreTypeErrors) {
    EXPECT_RUN(
        calls({"js_t_add(1, \"2\")", "js_t_greet(5)", "js_t_buffer_sum(null)",
               "js_t_first_byte([1])", "js_t_i64_next(1.5)", "js_t_i64_next(99999999999999999999n)",
               "js_t_json_echo(1n)", "js_t_add(1)", "js_t_last(1)"}),
        1,
        "throws TypeError: js_t_add: argument 2 (number) must be a number, received a string "
        "[ERR_INVALID_ARG_TYPE]\n"
        "throws TypeError: js_t_greet: argument 1 (string) must be a string, received a number "
        "[ERR_INVALID_ARG_TYPE]\n"
        "throws TypeError: js_t_buffer_sum: argument 1 (buffer) must be a Buffer, received null "
        "[ERR_INVALID_ARG_TYPE]\n"
        "throws TypeError: js_t_first_byte: argument 1 (ptr) must be a Buffer, null or "
        "undefined, received an array [ERR_INVALID_ARG_TYPE]\n"
        "throws RangeError: js_t_i64_next: argument 1 (i64) must be an integer below 2^53 in "
        "magnitude, received a number that is not [ERR_OUT_OF_RANGE]\n"
        "throws RangeError: js_t_i64_next: argument 1 (i64) must be a bigint in the int64 "
        "range, received a bigint outside it [ERR_OUT_OF_RANGE]\n"
        "throws TypeError: js_t_json_echo: argument 1 (json) must be a value JSON can hold, "
        "received Do not know how to serialize a BigInt (at $) [ERR_INVALID_ARG_TYPE]\n"
        "throws TypeError: js_t_add expects 2 arguments (number, number), received 1 "
        "[ERR_INVALID_ARG_COUNT]\n"
        "throws TypeError: js_t_last expects 0 arguments (), received 1 "
        "[ERR_INVALID_ARG_COUNT]\n",
        "");
}

TEST_F(ShimsTest, Int64AndBufferBoundaries) {
    // i64 takes exactly [-2^63, 2^63) as a BigInt; a buffer parameter takes only a Buffer (a
    // string or null is a TypeError, not an empty buffer).
    EXPECT_RUN(calls({"js_t_bigint(-9223372036854775808n)", "js_t_bigint(9223372036854775807n)",
                      "js_t_i64_next(9223372036854775808n)", "js_t_i64_next(-9223372036854775809n)",
                      "js_t_buffer_sum(\"AQID\")", "js_t_buffer_sum(b64\"\")"}),
               1,
               "-9223372036854775808n\n9223372036854775807n\n"
               "throws RangeError: js_t_i64_next: argument 1 (i64) must be a bigint in the int64 "
               "range, received a bigint outside it [ERR_OUT_OF_RANGE]\n"
               "throws RangeError: js_t_i64_next: argument 1 (i64) must be a bigint in the int64 "
               "range, received a bigint outside it [ERR_OUT_OF_RANGE]\n"
               "throws TypeError: js_t_buffer_sum: argument 1 (buffer) must be a Buffer, received "
               "a string [ERR_INVALID_ARG_TYPE]\n0\n",
               "");
}

TEST_F(ShimsTest, ThrownErrorsAndRejectionsPrintNameMessageAndCode) {
    EXPECT_RUN(calls({"js_t_throw(\"bad input\")", "js_t_add_async(1, -5)", "js_t_add(1, 1)"}), 1,
               "throws RangeError: bad input [E_TEST]\nthrows Error: negative sum\n2\n", "");
}

TEST_F(ShimsTest, ScriptWithExpectations) {
    write_file(dir_ / "pass.calls", "# every line checked\n\n"
                                    "js_t_add(1, 2) => 3\n"
                                    "js_t_bytes(2) => b64\"AAE=\"\n"
                                    "js_t_identity({\"a\": [1, 2]}) => { \"a\" : [1,2] }\n"
                                    "js_t_throw(\"x\") => throws RangeError\n"
                                    "js_t_add_async(2, 3) => 5\n");
    EXPECT_RUN(
        host({"--script", (dir_ / "pass.calls").string()}), 0,
        "3\nb64\"AAE=\"\n{\"a\":[1,2]}\nthrows RangeError: x [E_TEST]\n5\n5 passed, 0 failed\n",
        "");
    write_file(dir_ / "fail.calls", "js_t_add(1, 2) => 4\n"
                                    "js_t_greet(\"x\") => throws TypeError\n"
                                    "js_t_half(1) => 0.5\n");
    const std::string file = (dir_ / "fail.calls").string();
    EXPECT_RUN(host({"--script", file}), 1,
               "FAIL " + file +
                   ":1: js_t_add(1, 2)\n  expected: 4\n  actual:   3\n"
                   "FAIL " +
                   file +
                   ":2: js_t_greet(\"x\")\n  expected: throws TypeError\n"
                   "  actual:   \"hello, x\"\n0.5\n1 passed, 2 failed\n",
               "");
}

TEST_F(ShimsTest, SyntaxErrorsNameTheFileAndLineAndRunNothing) {
    write_file(dir_ / "bad.calls", "js_t_store(1)\njs_t_add(1, [2)\njs_t_ad(1, 2)\n"
                                   "js_t_add(1,, 2)\njs_t_add(1, 2) => throws\n");
    const std::string file = (dir_ / "bad.calls").string();
    EXPECT_RUN(host({"--script", file}), 2, "",
               "perry: error: " + file +
                   ":2: column 9: the '(' is never closed (a ')' is missing)\n"
                   "perry: error: " +
                   file +
                   ":3: no function js_t_ad; did you mean js_t_add(number, "
                   "number) -> number? (functions: js_t_add, js_t_add_async, js_t_bigint, "
                   "js_t_buffer_sum, "
                   "js_t_bytes, js_t_first_byte, js_t_greet, js_t_half, js_t_i32, js_t_i64_next, "
                   "js_t_identity, js_t_json_echo, ...)\n"
                   "perry: error: " +
                   file +
                   ":4: column 12: argument 2 is empty\n"
                   "perry: error: " +
                   file +
                   ":5: column 19: `throws` needs an error name, as in => "
                   "throws TypeError\n");
    EXPECT_RUN(calls({"js_t_add(1, tru)"}), 2, "",
               "perry: error: --call 1: argument 2 (tru): Unexpected end of JSON input\n");
}

TEST_F(ShimsTest, StandardInputOneCallALine) {
    EXPECT_RUN(
        host({}, "js_t_add(2, 2)\n\n# comment\njs_t_nope()\njs_t_greet(\"in\")\n"), 2,
        "4\n\"hello, in\"\n",
        "perry: error: <stdin>:4: no function js_t_nope; did you mean js_t_not(bool) -> bool? "
        "(functions: js_t_add, js_t_add_async, js_t_bigint, js_t_buffer_sum, js_t_bytes, "
        "js_t_first_byte, js_t_greet, js_t_half, js_t_i32, js_t_i64_next, js_t_identity, "
        "js_t_json_echo, ...)\n");
}

TEST_F(ShimsTest, JsonOutput) {
    write_file(dir_ / "json.calls", "js_t_add(1, 2) => 3\njs_t_throw(\"m\")\n");
    const std::string file = (dir_ / "json.calls").string();
    EXPECT_RUN(host({"--json", "--call", "js_t_bytes(1)", "--script", file}), 1,
               "{\"source\":\"--call 1\",\"call\":\"js_t_bytes(1)\",\"result\":\"b64\\\"AA==\\\"\","
               "\"pass\":true}\n"
               "{\"source\":\"" +
                   file +
                   "\",\"line\":1,\"call\":\"js_t_add(1, 2)\",\"result\":\"3\","
                   "\"expected\":\"3\",\"pass\":true}\n"
                   "{\"source\":\"" +
                   file +
                   "\",\"line\":2,\"call\":\"js_t_throw(\\\"m\\\")\","
                   "\"throws\":{\"name\":\"RangeError\",\"message\":\"m\",\"code\":\"E_TEST\"},"
                   "\"pass\":false}\n"
                   "{\"passed\":2,\"failed\":1}\n",
               "");
}

TEST_F(ShimsTest, ListAndUsage) {
    const ProgramRun listed = host({"--list"});
    EXPECT_EQ(listed.exit, 0);
    EXPECT_EQ(listed.out.substr(0, 77),
              "js_t_add(number, number) -> number\njs_t_add_async(number, number) -> promise\n");
    const ProgramRun bad = host({"--frobnicate"});
    EXPECT_EQ(bad.exit, 2);
    EXPECT_EQ(bad.err.substr(0, 45), "perry: error: unknown argument --frobnicate\nu");
}

TEST_F(ShimsTest, MissingScriptIsUnusableInput) {
    const std::string file = (dir_ / "no-such.calls").string();
    EXPECT_RUN(host({"--script", file}), 2, "",
               "perry: error: " + file + ": cannot read the script: No such file or directory\n");
}

TEST_F(ShimsTest, VariablesKeepResultsForLaterLines) {
    // `name = call` keeps the result (printed as usual, an expectation allowed); `$name` stands
    // for it at the top level, nested, and in an expectation. A variable can be assigned again.
    write_file(dir_ / "vars.calls",
               "b = js_t_bytes(3)\n"
               "n = js_t_add(1, 2) => 3\n"
               "js_t_buffer_sum($b) => $n\n"
               "pair = js_t_identity([$b, {\"n\": $n, \"b\": [$b]}])\n"
               "js_t_identity($pair) => [b64\"AAEC\",{\"n\":3,\"b\":[b64\"AAEC\"]}]\n"
               "n = js_t_add_async(40, 2)\n"
               "js_t_add($n, $n) => 84\n"
               "n = js_t_add($n, 1) => 43\n"
               "  spaced   =   js_t_greet(\"a long enough name\")  \n"
               "js_t_same($spaced)\n");
    const std::string file = (dir_ / "vars.calls").string();
    const std::string out = "b64\"AAEC\"\n3\n3\n[b64\"AAEC\",{\"n\":3,\"b\":[b64\"AAEC\"]}]\n"
                            "[b64\"AAEC\",{\"n\":3,\"b\":[b64\"AAEC\"]}]\n42\n84\n43\n"
                            "\"hello, a long enough name\"\n\"hello, a long enough name\"\n"
                            "10 passed, 0 failed\n";
    EXPECT_RUN(host({"--script", file}), 0, out, "");
    // With a collection on every allocation, the values held only by variables survive the
    // calls between their assignment and their use: the variables keep them reachable.
    const ProgramRun stressed = with_gc_stress([&] { return host({"--script", file}); });
    EXPECT_RUN(stressed, 0, out, "");
    // --call lines share the variables, in order, with the script after them.
    EXPECT_RUN(host({"--json", "--call", "x = js_t_bigint(5)", "--call", "js_t_identity([$x])"}), 0,
               "{\"source\":\"--call 1\",\"call\":\"x = js_t_bigint(5)\",\"result\":\"5n\","
               "\"pass\":true}\n"
               "{\"source\":\"--call 2\",\"call\":\"js_t_identity([$x])\",\"result\":\"[5n]\","
               "\"pass\":true}\n",
               "");
}

TEST_F(ShimsTest, VariableErrors) {
    // Checked before any call runs: a variable used before (or without) its assignment, a name
    // that is not an identifier, `$` followed by no name.
    write_file(dir_ / "bad-vars.calls", "js_t_store(1)\n"
                                        "js_t_add($later, 1)\n"
                                        "later = js_t_add(1, 1) => $later\n"
                                        "js_t_identity([1, {\"k\": $nope}])\n"
                                        "2x = js_t_add(1, 1)\n"
                                        "$h = js_t_add(1, 1)\n"
                                        "js_t_identity($2x)\n");
    const std::string file = (dir_ / "bad-vars.calls").string();
    EXPECT_RUN(host({"--script", file}), 2, "",
               "perry: error: " + file +
                   ":2: argument 1 ($later): $later is not defined: no earlier line assigns it "
                   "(later = js_fn(...))\n"
                   "perry: error: " +
                   file +
                   ":3: the expected value ($later): $later is not defined: no earlier line "
                   "assigns it (later = js_fn(...))\n"
                   "perry: error: " +
                   file +
                   ":4: argument 1 ([1, {\"k\": $nope}]): $nope is not defined: no earlier line "
                   "assigns it (nope = js_fn(...))\n"
                   "perry: error: " +
                   file +
                   ":5: column 1: a variable's name must be an identifier (letters, digits and "
                   "_, not starting with a digit), as in h = js_pkg_open(1); it is read as $h\n"
                   "perry: error: " +
                   file +
                   ":6: column 1: a variable's name must be an identifier (letters, digits and "
                   "_, not starting with a digit), as in h = js_pkg_open(1); it is read as $h\n"
                   "perry: error: " +
                   file +
                   ":7: argument 1 ($2x): $2x is not a variable: a variable is $name, name an "
                   "identifier (letters, digits and _, not starting with a digit)\n");
    // A variable whose call threw holds no value: a line reading it is a line error (exit 2)
    // and runs nothing; the lines after it still run.
    write_file(dir_ / "thrown-var.calls", "e = js_t_throw(\"no\") => throws RangeError\n"
                                          "f = js_t_identity([$e])\n"
                                          "js_t_identity($f)\n"
                                          "js_t_add(1, 1) => $e\n"
                                          "js_t_add(2, 2)\n");
    const std::string thrown = (dir_ / "thrown-var.calls").string();
    EXPECT_RUN(host({"--script", thrown}), 2,
               "throws RangeError: no [E_TEST]\n4\n2 passed, 3 failed\n",
               "perry: error: " + thrown + ":2: argument 1 ([$e]): $e has no value: its call (" +
                   thrown + ":1) threw\n" + "perry: error: " + thrown +
                   ":3: argument 1 ($f): $f has no value: its line (" + thrown +
                   ":2) did not run\n" + "perry: error: " + thrown +
                   ":4: the expected value ($e): $e has no value: " + "its call (" + thrown +
                   ":1) threw\n");
    // On standard input, each line sees the variables of the lines before it.
    EXPECT_RUN(host({}, "js_t_identity($v)\nv = js_t_add(1, 2)\njs_t_identity([$v])\n"), 2,
               "3\n[3]\n",
               "perry: error: <stdin>:1: argument 1 ($v): $v is not defined: no earlier line "
               "assigns it (v = js_fn(...))\n");
}

TEST_F(ShimsTest, NestedFormsAsArguments) {
    // BigInts, Buffers, undefined, NaN and the infinities inside arrays and objects; -0 stays -0;
    // a form is not a key; JSON.parse's own rules and messages (positions counted in the text
    // as written) for the rest.
    const std::vector<std::string> nested = {
        "js_t_identity([1n, b64\"AA==\", undefined])",
        "js_t_identity({\"big\": 9007199254740993n})",
        "js_t_identity([NaN, Infinity, -Infinity, -0, 0, [ -12n ], {\"u\": undefined}])",
        "js_t_identity(NaN)",
        "js_t_identity(-Infinity)",
        "js_t_identity(-0)",
        "js_t_typeof({\"a\": [b64\"\"]})",
        "js_t_identity({\"a\": 1n, \"a\": 2})",
        "js_t_identity({\"undefined\": \"Infinity\", \"n\": \"1n\"})",
        "js_t_identity([\"b64\\\"AA==\\\"\", \"$x\"])"};
    const std::string printed =
        "[1n,b64\"AA==\",undefined]\n{\"big\":9007199254740993n}\n"
        "[NaN,Infinity,-Infinity,-0,0,[-12n],{\"u\":undefined}]\nNaN\n-Infinity\n-0\n"
        "\"object\"\n{\"a\":2}\n{\"undefined\":\"Infinity\",\"n\":\"1n\"}\n"
        "[\"b64\\\"AA==\\\"\",\"$x\"]\n";
    EXPECT_RUN(calls(nested), 0, printed, "");
    // The BigInts and Buffers are made after the parse, into its tree: with a collection on
    // every allocation the tree must stay reachable meanwhile.
    const ProgramRun stressed = with_gc_stress([&] { return calls(nested); });
    EXPECT_RUN(stressed, 0, printed, "");
    EXPECT_RUN(calls({"js_t_identity([1n, 2,])"}), 2, "",
               "perry: error: --call 1: argument 1 ([1n, 2,]): Unexpected token ']' in JSON at "
               "position 7\n");
    EXPECT_RUN(calls({"js_t_identity({undefined: 1})"}), 2, "",
               "perry: error: --call 1: argument 1 ({undefined: 1}): Expected property name or '}' "
               "in JSON at position 1\n");
    EXPECT_RUN(calls({"js_t_identity([\"é\", 1n, x])"}), 2, "",
               "perry: error: --call 1: argument 1 ([\"é\", 1n, x]): Unexpected token 'x' in JSON "
               "at position 10\n");
    EXPECT_RUN(calls({"js_t_identity([b64\"AA=A\"])", "js_t_identity([b64\"AA)"}), 2, "",
               "perry: error: --call 1: argument 1 ([b64\"AA=A\"]): b64\"AA=A\" holds no valid "
               "base64 (A-Z a-z 0-9 + /, optional = padding)\n"
               "perry: error: --call 2: column 14: the '(' is never closed (a ')' is missing, "
               "and a string is unterminated)\n");
}

TEST_F(ShimsTest, NestedFormsInResultsAndExpectations) {
    // What is printed reads back as an expectation: BigInts, Buffers, undefined, functions and
    // the numbers JSON lacks print in the notation at any depth; keys in JavaScript's order;
    // strings as JSON.stringify escapes them; a container inside itself as <cycle> (the same
    // array twice is no cycle).
    write_file(dir_ / "printed.calls",
               "js_t_odd_values()\n"
               "js_t_identity({\"b\": 1, \"2\": 2, \"1\": [3n], \"a\": b64\"/w\"}) => "
               "{\"1\":[3n],\"2\":2,\"b\":1,\"a\":b64\"/w==\"}\n"
               "js_t_identity([\"q\\\"\\n\\u0001\\u2028\", \"\\ud800\"]) => "
               "[\"q\\\"\\n\\u0001\u2028\",\"\\ud800\"]\n"
               "js_t_identity([[1n, [undefined]]]) => [ [ 1n , [ undefined ] ] ]\n"
               "js_t_identity([NaN, {\"x\": -0}]) => [Infinity, {\"x\": 0}]\n"
               "js_t_add(0, NaN) => NaN\n"
               "js_t_half(-Infinity) => -Infinity\n"
               "js_t_identity(-0) => -0\n"
               "js_t_half(-0) => 0\n");
    const std::string file = (dir_ / "printed.calls").string();
    EXPECT_RUN(host({"--script", file}), 1,
               "{\"f\":function,\"list\":[function,undefined],\"twice\":[[1],[1]],"
               "\"loop\":[<cycle>],\"self\":<cycle>}\n"
               "{\"1\":[3n],\"2\":2,\"b\":1,\"a\":b64\"/w==\"}\n"
               "[\"q\\\"\\n\\u0001\u2028\",\"\\ud800\"]\n"
               "[[1n,[undefined]]]\n"
               "FAIL " +
                   file +
                   ":5: js_t_identity([NaN, {\"x\": -0}])\n"
                   "  expected: [Infinity,{\"x\":0}]\n"
                   "  actual:   [NaN,{\"x\":-0}]\n"
                   "NaN\n-Infinity\n-0\n"
                   "FAIL " +
                   file +
                   ":9: js_t_half(-0)\n"
                   "  expected: 0\n"
                   "  actual:   -0\n"
                   "7 passed, 2 failed\n",
               "");
}

TEST_F(ShimsTest, DeepNestingNeedsNoCStack) {
    // 100,000 levels, a BigInt at the bottom: read, substituted and printed without recursion.
    const std::string deep = std::string(100000, '[') + "1n" + std::string(100000, ']');
    write_file(dir_ / "deep.calls", "js_t_identity(" + deep + ") => " + deep + "\n");
    EXPECT_RUN(host({"--script", (dir_ / "deep.calls").string()}), 0,
               deep + "\n1 passed, 0 failed\n", "");
}

TEST(GenerateShims, OneFunctionExactly) {
    EXPECT_EQ(
        perry::linker::generate_shims(
            {{"js_p_f", {ParamType::I32, ParamType::String}, ReturnType::Bool}}),
        "/* Call shims generated by perry (perry::linker::generate_shims). Do not edit. */\n"
        "#include \"perry/ffi.h\"\n#include \"perry/run/shims.h\"\n\n"
        "extern bool js_p_f(int32_t, const PerryStringHeader*);\n\n"
        "static PerryValue perry_shim__js_p_f(PerryValue* args, size_t count) {\n"
        "    if (!PERRY_SHIM_LIKELY(count == 2)) {\n"
        "        return perry_shim_arity_error(\"js_p_f\", \"i32, string\", 2, count);\n    }\n"
        "    int32_t a0;\n    if (!PERRY_SHIM_LIKELY(perry_shim_i32(args[0], \"js_p_f\", 0, &a0))) "
        "{\n"
        "        return PERRY_UNDEFINED;\n    }\n"
        "    const PerryStringHeader* a1;\n"
        "    if (!PERRY_SHIM_LIKELY(perry_shim_string(&args[1], \"js_p_f\", 1, &a1))) {\n"
        "        return PERRY_UNDEFINED;\n    }\n"
        "    return perry_value_from_bool(js_p_f(a0, a1));\n}\n\n"
        "const PerryShim perry_run_shims[] = {\n"
        "    {\"js_p_f\", 2, perry_shim__js_p_f, \"js_p_f(i32, string) -> bool\"},\n};\n"
        "const size_t perry_run_shim_count = 1;\n");
}

TEST(GenerateShims, RejectsNamesThatAreNotCIdentifiers) {
    EXPECT_THROW(perry::linker::generate_shims({{"js-bad", {}, ReturnType::Void}}),
                 std::invalid_argument);
    EXPECT_THROW(perry::linker::generate_shims(
                     {{"js_a", {}, ReturnType::Void}, {"js_a", {}, ReturnType::Void}}),
                 std::invalid_argument);
}

} // namespace
