// What `perry native init` refuses, and that it then writes nothing: an existing directory,
// invalid names (npm's rule named), bad options, missing templates; --force, --dry-run, --json.
#include "scaffold_test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace fs = std::filesystem;
using namespace perry::scaffold_test;

const fs::path kPerry = PERRY_BIN;

constexpr const char* kNameFix =
    "  fix: use lowercase letters, digits, `-`, `.` and `_`, optionally scoped as @scope/name, "
    "e.g. `my-bindings` or `@acme/pdf-tools`\n";

TEST(InitRefuses, AnExistingNonEmptyDirectoryAndChangesNothing) {
    TempDir scratch;
    write_file(scratch.path() / "mine" / "package.json", "{\"name\": \"mine\"}\n");
    write_file(scratch.path() / "mine" / "notes.txt", "keep me\n");
    const auto result = run_perry(kPerry, {"init", "mine"}, scratch.path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(replace_all(result.err, scratch.path().string(), "<tmp>"),
              "perry: error: <tmp>/mine already exists and is not empty\n"
              "  fix: choose another directory with --dir, or pass --force to overwrite the files "
              "init writes (other files are kept)\n");
    EXPECT_EQ(file_list(scratch.path() / "mine"), "notes.txt\npackage.json\n");
    EXPECT_EQ(read_file(scratch.path() / "mine" / "package.json"), "{\"name\": \"mine\"}\n");
}

TEST(InitRefuses, AFileWhereTheDirectoryShouldBe) {
    TempDir scratch;
    write_file(scratch.path() / "taken", "a file\n");
    const auto result = run_perry(kPerry, {"init", "x", "--dir", "taken"}, scratch.path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(replace_all(result.err, scratch.path().string(), "<tmp>"),
              "perry: error: <tmp>/taken exists and is not a directory\n"
              "  fix: choose another directory with --dir\n");
    EXPECT_EQ(read_file(scratch.path() / "taken"), "a file\n");
}

TEST(InitForce, OverwritesWhatInitWritesAndKeepsTheRest) {
    TempDir scratch;
    write_file(scratch.path() / "mine" / "package.json", "{\"name\": \"mine\"}\n");
    write_file(scratch.path() / "mine" / "notes.txt", "keep me\n");
    const auto result = run_perry(kPerry, {"init", "mine", "--force"}, scratch.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(file_list(scratch.path() / "mine"),
              ".github/workflows/release.yml\n.gitignore\nCMakeLists.txt\nLICENSE\nREADME.md\n"
              "notes.txt\npackage.json\nsrc/binding.cpp\nsrc/index.ts\ntest/hello.calls\n");
    EXPECT_EQ(read_file(scratch.path() / "mine" / "notes.txt"), "keep me\n");
    EXPECT_NE(read_file(scratch.path() / "mine" / "package.json").find("js_mine_hello"),
              std::string::npos);
}

TEST(InitAccepts, AnEmptyExistingDirectory) {
    TempDir scratch;
    fs::create_directories(scratch.path() / "empty");
    const auto result = run_perry(kPerry, {"init", "x", "--dir", "empty"}, scratch.path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(fs::exists(scratch.path() / "empty" / "package.json"));
}

TEST(InitDryRun, ListsTheFilesAndWritesNothing) {
    TempDir scratch;
    const auto result =
        run_perry(kPerry, {"init", "@acme/pdf-tools", "--lang", "c", "--dry-run"}, scratch.path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Would create pdf-tools: C binding `@acme/pdf-tools`, symbols "
                          "`js_pdf_tools_*`, library perry_ext_pdf_tools\n"
                          "  .github/workflows/release.yml\n  .gitignore\n  CMakeLists.txt\n"
                          "  LICENSE\n  README.md\n  package.json\n  src/binding.c\n"
                          "  src/index.ts\n  test/hello.calls\n"
                          "Dry run: nothing was written.\n");
    EXPECT_EQ(file_list(scratch.path()), "");
    EXPECT_TRUE(fs::is_empty(scratch.path()));
}

TEST(InitDryRun, StillRefusesANonEmptyDirectory) {
    TempDir scratch;
    write_file(scratch.path() / "x" / "a.txt", "a\n");
    const auto result = run_perry(kPerry, {"init", "x", "--dry-run"}, scratch.path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(file_list(scratch.path()), "x/a.txt\n");
}

TEST(InitJson, ReportsWhatWasWritten) {
    TempDir scratch;
    const auto result =
        run_perry(kPerry, {"init", "@acme/pdf-tools", "--json", "--dry-run"}, scratch.path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(replace_all(result.out, scratch.path().string(), "<tmp>"), R"({
  "dir": "<tmp>/pdf-tools",
  "dryRun": true,
  "errors": [],
  "files": [
    ".github/workflows/release.yml",
    ".gitignore",
    "CMakeLists.txt",
    "LICENSE",
    "README.md",
    "package.json",
    "src/binding.cpp",
    "src/index.ts",
    "test/hello.calls"
  ],
  "helloSymbol": "js_pdf_tools_hello",
  "language": "cpp",
  "lib": "perry_ext_pdf_tools",
  "ok": true,
  "package": "@acme/pdf-tools",
  "symbolPrefix": "js_pdf_tools_",
  "warnings": [],
  "written": false
}
)");
}

TEST(InitJson, CarriesTheErrorsAndLeavesStderrEmpty) {
    TempDir scratch;
    const auto result = run_perry(kPerry, {"init", "Foo", "--json"}, scratch.path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "");
    const std::string error = R"json("errors": [
    {
      "fix": "use lowercase letters, digits, `-`, `.` and `_`, optionally scoped as @scope/name, e.g. `my-bindings` or `@acme/pdf-tools`",
      "message": "invalid package name \"Foo\": name can no longer contain capital letters (npm's naming rules)"
    }
  ],)json";
    EXPECT_NE(result.out.find(error), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("\"ok\": false,"), std::string::npos) << result.out;
    EXPECT_TRUE(fs::is_empty(scratch.path()));
}

struct BadName {
    const char* name;
    const char* rules; // the expected `error:` lines' rule part, one per line
};

class InitInvalidName : public ::testing::TestWithParam<BadName> {};

TEST_P(InitInvalidName, IsRefusedWithNpmsRuleNamed) {
    TempDir scratch;
    const auto result = run_perry(kPerry, {"init", GetParam().name}, scratch.path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.out, "");
    std::string expected;
    std::string rules = GetParam().rules;
    for (std::size_t start = 0; start < rules.size();) {
        const std::size_t end = rules.find('\n', start);
        expected += "perry: error: invalid package name \"" + std::string(GetParam().name) +
                    "\": " + rules.substr(start, end - start) + " (npm's naming rules)\n" +
                    kNameFix;
        start = end + 1;
    }
    EXPECT_EQ(result.err, expected);
    EXPECT_TRUE(fs::is_empty(scratch.path()));
}

INSTANTIATE_TEST_SUITE_P(
    Names, InitInvalidName,
    ::testing::Values(BadName{"MyBindings", "name can no longer contain capital letters\n"},
                      BadName{".config", "name cannot start with a period\n"},
                      BadName{"_x", "name cannot start with an underscore\n"},
                      BadName{"fs", "fs is a core module name\n"},
                      BadName{"node_modules", "node_modules is not a valid package name\n"},
                      BadName{"hello world", "name can only contain URL-friendly characters\n"},
                      BadName{"wow!",
                              "name can no longer contain special characters (\"~'!()*\")\n"},
                      BadName{"Fs", "Fs is a core module name\n"
                                    "name can no longer contain capital letters\n"},
                      BadName{"@acme/.x", "name cannot start with a period\n"}));

TEST(InitRefuses, ANameWithoutLettersOrDigitsAfterItsScope) {
    TempDir scratch;
    const auto result = run_perry(kPerry, {"init", "@acme/--"}, scratch.path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "perry: error: package name \"@acme/--\" gives no symbol prefix: it has "
                          "no lowercase letter or digit after its scope\n"
                          "  fix: choose a name with letters or digits, e.g. `my-bindings`\n");
}

TEST(InitRefuses, BadOptions) {
    TempDir scratch;
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const std::vector<Case> cases = {
        {{"init", "x", "--lang", "go"},
         "perry: error: --lang: unknown language `go`\n  fix: use one of: cpp, c, rust\n"},
        {{"init", "x", "--upstream-dep", "zlib = \"1\""},
         "perry: error: --upstream-dep is a Cargo dependency line and needs --lang rust\n"
         "  fix: for C or C++, add the library to CMakeLists.txt (find_package or "
         "add_subdirectory) after init\n"},
        {{"init", "x", "--lang", "rust", "--upstream-dep", "image"},
         "perry: error: --upstream-dep 'image': it is not a TOML `name = value` line (Error while "
         "parsing key-value pair: encountered end-of-file)\n"
         "  fix: write one Cargo dependency, e.g. --upstream-dep 'pdfium-render = \"0.8\"'\n"},
        {{"init", "x", "--lang", "rust", "--upstream-dep", "perry-ffi = \"1\""},
         "perry: error: --upstream-dep 'perry-ffi = \"1\"': `perry-ffi` is already a dependency "
         "of the template\n"
         "  fix: write one Cargo dependency, e.g. --upstream-dep 'pdfium-render = \"0.8\"'\n"},
        {{"init", "x", "--github-owner", "-acme"},
         "perry: error: --github-owner \"-acme\" is not a GitHub user or organisation name\n"
         "  fix: use 1-39 letters, digits or single hyphens, not starting or ending with `-`\n"},
        {{"init", "x", "--description", "two\nlines"},
         "perry: error: --description: the text contains a line break or another control "
         "character\n  fix: give a one-line description\n"},
    };
    for (const Case& c : cases) {
        const auto result = run_perry(kPerry, c.args, scratch.path());
        EXPECT_EQ(result.exit_code, 2) << c.args[2];
        EXPECT_EQ(result.err, c.err);
    }
    EXPECT_TRUE(fs::is_empty(scratch.path()));
}

// The templates are found beside the binary (../share/perry/templates), so a perry without them
// says where it looked.
TEST(InitRefuses, WhenTheTemplatesAreNotBesideTheBinary) {
    TempDir scratch;
    fs::create_directories(scratch.path() / "bin");
    fs::copy_file(kPerry, scratch.path() / "bin" / "perry");
    fs::create_directories(scratch.path() / "work");
    const auto result =
        run_perry(scratch.path() / "bin" / "perry", {"init", "x"}, scratch.path() / "work");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(replace_all(result.err, scratch.path().string(), "<tmp>"),
              "perry: error: templates not found: <tmp>/share/perry/templates is not a "
              "directory\n"
              "  fix: reinstall perry (the templates install under "
              "<prefix>/share/perry/templates beside <prefix>/bin/perry)\n");
    EXPECT_TRUE(fs::is_empty(scratch.path() / "work"));
}

} // namespace
