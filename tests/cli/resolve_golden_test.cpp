// Golden tests of `perry native resolve` and `perry native list`: each test writes its tree
// inline, runs the built `perry` binary, and compares the exact stdout, stderr and exit code with
// golden/<test>.txt (tree root shown as <tree>, build directory as <build>).
// PERRY_UPDATE_GOLDEN=1 regenerates the expectations.
#include "golden.h"
#include "perry/linker/process.h"
#include "support/temp_tree.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <string>
#include <vector>

namespace perry::test {
namespace {

struct Invocation {
    std::vector<std::string> args; // after `perry native`
    std::string cwd;               // relative to the tree; empty: the tree's root
    std::vector<std::string> env;  // NAME=value added to a clean environment
};

// Runs perry without a shell, in an environment of PATH and what the test sets only: a
// PERRY_WELL_KNOWN or NO_COLOR from the caller's shell must not change the output.
std::string run_perry(const TempTree& tree, const Invocation& invocation) {
    std::vector<std::string> argv = {PERRY_BINARY, "native"};
    argv.insert(argv.end(), invocation.args.begin(), invocation.args.end());
    perry::linker::ProcessOptions options;
    options.cwd = invocation.cwd.empty() ? tree.root() : tree.path(invocation.cwd);
    options.inherit_environment = false;
    options.env = {{"PATH", "/usr/bin:/bin"}};
    for (const std::string& variable : invocation.env) {
        const size_t equals = variable.find('=');
        options.env.emplace_back(variable.substr(0, equals), variable.substr(equals + 1));
    }
    const perry::linker::ProcessResult result = perry::linker::run_process(argv, options);
    if (!result.started) {
        ADD_FAILURE() << "cannot run " << PERRY_BINARY << ": " << result.error;
        return {};
    }
    std::string command = "$ perry native";
    for (const std::string& arg : invocation.args) {
        command += " " + arg;
    }
    std::string text = command + "\nexit: " + std::to_string(result.exit_code) + "\n--- stdout\n" +
                       result.out + "--- stderr\n" + result.err + "\n";
    text = replace_all(std::move(text), PERRY_BUILD_DIR, "<build>");
    return tree.scrub(std::move(text));
}

void expect_runs(const TempTree& tree, const std::vector<Invocation>& runs) {
    std::string all;
    for (const Invocation& invocation : runs) {
        all += run_perry(tree, invocation);
    }
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    EXPECT_TRUE(perry::testing::matches_golden(
        std::string(PERRY_CLI_GOLDEN_DIR) + "/" + info->name() + ".txt", all));
}

constexpr const char* kTable = R"([bindings.dotenv]
crate = "perry-ext-dotenv"
lib = "perry_ext_dotenv"
tracking = "#12"

[bindings."mysql2/promise"]
crate = "perry-ext-mysql2"
lib = "perry_ext_mysql2"
alias-of = "mysql2"

[bindings.mysql2]
crate = "perry-ext-mysql2"
lib = "perry_ext_mysql2"
compat = "full"
)";

const std::string kTableEnv = "PERRY_WELL_KNOWN=";

std::string native_package(const std::string& name, const std::string& abi) {
    return R"({"name": ")" + name + R"(", "version": "1.0.0",
  "perry": {"nativeLibrary": {
    "abiVersion": ")" +
           abi + R"(",
    "functions": [{"name": "js_f", "params": ["string", "f64"], "returns": "promise"},
                  {"name": "js_g", "params": [], "returns": "void"}],
    "targets": {"linux": {"crate": "native", "lib": "perry_f", "libs": ["m"]}}}}})";
}

// A tree with one package of each kind and the table installed at share/table.toml.
TempTree mixed_tree() {
    return TempTree({
        {"share/table.toml", kTable},
        {"app/src/main.ts", ""},
        {"app/node_modules/@acme/native/package.json", native_package("@acme/native", "0.5")},
        {"app/node_modules/lodash/package.json",
         R"({"name": "lodash", "version": "4.17.21", "main": "lodash.js"})"},
        {"app/node_modules/lodash/lodash.js", ""},
        {"app/node_modules/old-abi/package.json", native_package("old-abi", "^0.4")},
    });
}

std::string table_env(const TempTree& tree) {
    return kTableEnv + tree.path("share/table.toml");
}

TEST(CliResolve, TextOutputOfEveryKind) {
    const TempTree tree = mixed_tree();
    expect_runs(tree, {{{"resolve", "@acme/native", "lodash", "dotenv", "nope", "--from",
                         tree.path("app/src/main.ts")},
                        "",
                        {table_env(tree)}}});
}

TEST(CliResolve, JsonWhenEverythingResolves) {
    const TempTree tree = mixed_tree();
    expect_runs(tree, {{{"resolve", "--json", "@acme/native", "lodash", "mysql2/promise"},
                        "app/src",
                        {table_env(tree)}}});
}

TEST(CliResolve, JsonOfProblemsStillPrintsEveryResult) {
    const TempTree tree = mixed_tree();
    expect_runs(
        tree,
        {{{"resolve", "--json", "old-abi", "nope", "--target", "web"}, "app", {table_env(tree)}}});
}

TEST(CliResolve, AbiMismatchIsAnError) {
    const TempTree tree = mixed_tree();
    expect_runs(tree, {{{"resolve", "old-abi"}, "app", {table_env(tree)}}});
}

TEST(CliResolve, BadUsageExitsTwo) {
    const TempTree tree = mixed_tree();
    const std::string env = table_env(tree);
    expect_runs(tree, {
                          {{"resolve"}, "app", {env}},
                          {{"resolve", "lodash", "--target", "plan9"}, "app", {env}},
                          {{"resolve", "lodash", "--from", "no/such/dir"}, "app", {env}},
                          {{"resolve", "lodash", "./local", "node:fs"}, "app", {env}},
                          {{"resolve", "--bogus", "lodash"}, "app", {env}},
                      });
}

TEST(CliResolve, UnreadableInputExitsTwoAtOnce) {
    // An empty --target; a package.json that is a FIFO (reading it would wait for a writer
    // forever) or a symlink to /dev/zero (it would never end); a host package.json that is a
    // directory.
    TempTree tree = mixed_tree();
    const std::string env = table_env(tree);
    tree.write("fifo-app/src/main.ts", "");
    ASSERT_EQ(::mkdir(tree.path("fifo-app/node_modules").c_str(), 0700), 0);
    ASSERT_EQ(::mkdir(tree.path("fifo-app/node_modules/f").c_str(), 0700), 0);
    ASSERT_EQ(::mkfifo(tree.path("fifo-app/node_modules/f/package.json").c_str(), 0600), 0);
    ASSERT_EQ(::mkdir(tree.path("fifo-app/node_modules/z").c_str(), 0700), 0);
    tree.link("fifo-app/node_modules/z/package.json", "/dev/zero");
    tree.write("dir-host/src/main.ts", "");
    ASSERT_EQ(::mkdir(tree.path("dir-host/package.json").c_str(), 0700), 0);
    expect_runs(tree, {
                          {{"resolve", "lodash", "--target", ""}, "app", {env}},
                          {{"resolve", "f", "z"}, "fifo-app/src", {env}},
                          {{"resolve", "lodash"}, "dir-host/src", {env}},
                      });
}

TEST(CliResolve, WellKnownTableProblems) {
    TempTree tree = mixed_tree();
    tree.write("share/bad.toml", "[bindings.x]\ncrate = \"c\"\nlib = \"l\"\ncreate = \"typo\"\n"
                                 "[bindings.y]\ncrate = \"c\"\nlib = \"l\"\nalias-of = \"z\"\n");
    tree.write("share/syntax.toml", "[bindings.x\n");
    expect_runs(tree,
                {
                    {{"resolve", "lodash", "--well-known", tree.path("share/bad.toml")}, "app", {}},
                    {{"resolve", "lodash"}, "app", {kTableEnv + tree.path("share/syntax.toml")}},
                    {{"resolve", "lodash"}, "app", {kTableEnv + tree.path("share/missing.toml")}},
                    {{"list", "--well-known", tree.path("share/bad.toml")}, "app", {}},
                });
}

TEST(CliResolve, WellKnownOptionBeatsTheEnvironment) {
    const TempTree tree = mixed_tree();
    tree.write("share/other.toml", "[bindings.nope]\ncrate = \"perry-ext-nope\"\nlib = \"nope\"\n");
    expect_runs(tree, {{{"resolve", "nope", "--well-known", tree.path("share/other.toml")},
                        "app",
                        {table_env(tree)}}});
}

TEST(CliResolve, AllowlistRefusesWithTheJsonToAdd) {
    TempTree tree = mixed_tree();
    tree.write("app/package.json",
               R"({"name": "app", "perry": {"allow": {"nativeLibrary": ["@other/*"]}}})");
    const std::string env = table_env(tree);
    expect_runs(tree, {
                          {{"resolve", "@acme/native", "lodash", "dotenv"}, "app/src", {env}},
                          {{"resolve", "--json", "@acme/native"}, "app/src", {env}},
                      });
}

TEST(CliResolve, LockdownAndMalformedAllowlist) {
    TempTree tree = mixed_tree();
    const std::string env = table_env(tree);
    tree.write("app/package.json", R"({"name": "app"})");
    std::string all =
        run_perry(tree, {{"resolve", "--lockdown", "@acme/native", "lodash"}, "app", {env}});
    tree.write("app/package.json", R"({"perry": {"allow": {"nativeLibrary": ["ok", 7]}}})");
    all += run_perry(tree, {{"resolve", "@acme/native"}, "app", {env}});
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    EXPECT_TRUE(perry::testing::matches_golden(
        std::string(PERRY_CLI_GOLDEN_DIR) + "/" + info->name() + ".txt", all));
}

TEST(CliList, TextAndJsonOfATable) {
    const TempTree tree = mixed_tree();
    expect_runs(tree, {
                          {{"list"}, "", {table_env(tree)}},
                          {{"list", "--json"}, "", {table_env(tree)}},
                      });
}

TEST(CliList, TheShippedTableIsFoundBesideTheBinary) {
    const TempTree tree({{"README", ""}});
    expect_runs(tree, {
                          {{"list"}, "", {}},
                          {{"list", "--json"}, "", {}},
                      });
}

} // namespace
} // namespace perry::test
