// `perry native init` as a user runs it: the build tree's perry (which finds the templates in
// <build>/share/perry like an installed one), a scratch directory, the exact output, exit code
// and files. The complete scaffold of each language is compared with golden/<lang>.txt
// (PERRY_UPDATE_GOLDEN=1 rewrites them; review the diff).
#include "golden.h"
#include "perry/resolver/manifest.h"
#include "scaffold_test_support.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <ctime>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace perry::scaffold_test;

const fs::path kPerry = PERRY_BIN;
const fs::path kShare = fs::path(PERRY_BIN).parent_path().parent_path() / "share" / "perry";

std::string this_year() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    return std::to_string(parts.tm_year + 1900);
}

// The whole tree as one text: each file under a `==> path <==` line, with the machine-specific
// parts (the perry-ffi crate's path, the year) replaced by names.
std::string tree_text(const fs::path& dir) {
    std::string out;
    for (const auto& [path, contents] : read_tree(dir)) {
        std::string text = replace_all(contents, kShare.generic_string(), "<share>");
        if (path == "LICENSE")
            text = replace_all(text, this_year(), "<year>");
        out += "==> " + path + " <==\n" + text;
    }
    return out;
}

struct InitCase {
    const char* lang;
    const char* expected_stdout;
};

class InitLanguage : public ::testing::TestWithParam<InitCase> {};

TEST_P(InitLanguage, WritesTheScaffoldAndItsManifestIsValid) {
    TempDir scratch;
    const auto result =
        run_perry(kPerry,
                  {"init", "@acme/pdf-tools", "--lang", GetParam().lang, "--description",
                   "Text out of \"PDF\" files", "--github-owner", "acme"},
                  scratch.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const fs::path crate = kShare / "rust" / "perry-ffi";
    const bool crate_missing =
        std::string(GetParam().lang) == "rust" && !fs::exists(crate / "Cargo.toml");
    EXPECT_EQ(result.err,
              crate_missing
                  ? "perry: warning: the perry-ffi crate is not installed at " + crate.string() +
                        "; Cargo.toml depends on it by that path\n  fix: install perry with its "
                        "Rust crates (share/perry/rust), or edit the perry-ffi path in "
                        "Cargo.toml\n"
                  : "");
    EXPECT_EQ(result.out, GetParam().expected_stdout);
    const fs::path package = scratch.path() / "pdf-tools";
    EXPECT_TRUE(perry::testing::matches_golden(fs::path(PERRY_SCAFFOLD_GOLDEN_DIR) /
                                                   (std::string(GetParam().lang) + ".txt"),
                                               tree_text(package)));

    // The manifest passes the resolver's checks (the ones `validate --no-build` runs first):
    // no error and no warning.
    const perry::resolver::ManifestResult manifest =
        perry::resolver::parse_manifest_file(package / "package.json");
    EXPECT_TRUE(manifest.ok());
    for (const perry::resolver::Diagnostic& diagnostic : manifest.diagnostics) {
        ADD_FAILURE() << diagnostic.format();
    }
    // And `validate --no-build`: its one complaint is that nothing was built yet.
    const auto validate = run_perry(kPerry, {"validate", "--no-build", "--json"}, package);
    EXPECT_EQ(validate.exit_code, 2) << validate.err;
    const nlohmann::json report = nlohmann::json::parse(validate.out);
    EXPECT_EQ(report["warnings"], nlohmann::json::array());
    ASSERT_EQ(report["errors"].size(), 1u) << report.dump(2);
    EXPECT_EQ(report["errors"][0]["pointer"], "/perry/nativeLibrary/targets/linux");
    EXPECT_EQ(report["errors"][0]["message"].get<std::string>().rfind(
                  "no libperry_ext_pdf_tools.a found", 0),
              0u);
    ASSERT_TRUE(manifest.has_native_library);
    ASSERT_EQ(manifest.native_library.functions.size(), 1u);
    EXPECT_EQ(manifest.native_library.functions[0].name, "js_pdf_tools_hello");
}

constexpr const char* kCppStdout =
    "Created pdf-tools: C++ binding `@acme/pdf-tools`, symbols `js_pdf_tools_*`, library "
    "perry_ext_pdf_tools\n"
    "  .github/workflows/release.yml\n"
    "  .gitignore\n"
    "  CMakeLists.txt\n"
    "  LICENSE\n"
    "  README.md\n"
    "  package.json\n"
    "  src/binding.cpp\n"
    "  src/index.ts\n"
    "  test/hello.calls\n"
    "Next steps:\n"
    "  cd pdf-tools\n"
    "  perry native validate                       # build the library, check its symbols\n"
    "  perry native run --script test/hello.calls  # call js_pdf_tools_hello, check the results\n"
    "Then add your functions to src/binding.cpp, package.json and src/index.ts (README.md says "
    "how).\n";

constexpr const char* kCStdout =
    "Created pdf-tools: C binding `@acme/pdf-tools`, symbols `js_pdf_tools_*`, library "
    "perry_ext_pdf_tools\n"
    "  .github/workflows/release.yml\n"
    "  .gitignore\n"
    "  CMakeLists.txt\n"
    "  LICENSE\n"
    "  README.md\n"
    "  package.json\n"
    "  src/binding.c\n"
    "  src/index.ts\n"
    "  test/hello.calls\n"
    "Next steps:\n"
    "  cd pdf-tools\n"
    "  perry native validate                       # build the library, check its symbols\n"
    "  perry native run --script test/hello.calls  # call js_pdf_tools_hello, check the results\n"
    "Then add your functions to src/binding.c, package.json and src/index.ts (README.md says "
    "how).\n";

constexpr const char* kRustStdout =
    "Created pdf-tools: Rust binding `@acme/pdf-tools`, symbols `js_pdf_tools_*`, library "
    "perry_ext_pdf_tools\n"
    "  .github/workflows/release.yml\n"
    "  .gitignore\n"
    "  Cargo.toml\n"
    "  LICENSE\n"
    "  README.md\n"
    "  build.rs\n"
    "  package.json\n"
    "  src/index.ts\n"
    "  src/lib.rs\n"
    "  test/hello.calls\n"
    "Next steps:\n"
    "  cd pdf-tools\n"
    "  perry native validate                       # build the library, check its symbols\n"
    "  perry native run --script test/hello.calls  # call js_pdf_tools_hello, check the results\n"
    "Then add your functions to src/lib.rs, package.json and src/index.ts (README.md says how).\n";

INSTANTIATE_TEST_SUITE_P(Languages, InitLanguage,
                         ::testing::Values(InitCase{"cpp", kCppStdout}, InitCase{"c", kCStdout},
                                           InitCase{"rust", kRustStdout}),
                         [](const auto& info) { return std::string(info.param.lang); });

TEST(Init, PackageJsonOfAnUnscopedNameWithoutOwner) {
    TempDir scratch;
    const auto result = run_perry(kPerry, {"init", "my-bindings"}, scratch.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(read_file(scratch.path() / "my-bindings" / "package.json"), R"({
  "name": "my-bindings",
  "version": "0.1.0",
  "description": "Perry native bindings for my-bindings",
  "license": "MIT",
  "main": "src/index.ts",
  "types": "src/index.ts",
  "files": ["src/", "CMakeLists.txt", "prebuilt/", "test/", "README.md", "LICENSE"],
  "perry": {
    "nativeLibrary": {
      "abiVersion": "0.5",
      "functions": [
        { "name": "js_my_bindings_hello", "params": ["string"], "returns": "string" }
      ],
      "targets": {
        "linux": { "crate": ".", "lib": "perry_ext_my_bindings" },
        "macos": { "crate": ".", "lib": "perry_ext_my_bindings" },
        "windows": { "crate": ".", "lib": "perry_ext_my_bindings" }
      }
    }
  }
}
)");
    const std::string license_head =
        "MIT License\n\nCopyright (c) " + this_year() + " The my-bindings authors\n";
    EXPECT_EQ(read_file(scratch.path() / "my-bindings" / "LICENSE").substr(0, license_head.size()),
              license_head);
}

// The workflow builds the Linux targets (perry-native's .deb installs perry on those runners
// only) with prebuild's real interface.
TEST(Init, ReleaseWorkflowIsYamlAndPrebuildsTheLinuxTargets) {
    TempDir scratch;
    ASSERT_EQ(run_perry(kPerry, {"init", "my-bindings"}, scratch.path()).exit_code, 0);
    // PyYAML reads it as GitHub does (YAML 1.1); the script prints the matrix targets and the
    // triggers.
    const std::string script =
        "import sys, yaml\n"
        "doc = yaml.safe_load(open(sys.argv[1]))\n"
        "print(sorted(e['target'] for e in doc['jobs']['prebuild']['strategy']['matrix']"
        "['include']))\n"
        "print(doc[True]['push'], doc['jobs']['release']['needs'])\n"
        "print([s['run'] for s in doc['jobs']['prebuild']['steps'] if 'prebuild' in "
        "s.get('run', '')])\n";
    perry::linker::ProcessOptions options;
    const auto result = perry::linker::run_process(
        {"python3", "-c", script,
         (scratch.path() / "my-bindings/.github/workflows/release.yml").string()},
        options);
    ASSERT_TRUE(result.ok()) << result.error << result.err;
    EXPECT_EQ(result.out, "['aarch64-unknown-linux-gnu', 'x86_64-unknown-linux-gnu']\n"
                          "{'tags': ['v*']} prebuild\n"
                          "['perry native prebuild --target ${{ matrix.target }} --json > "
                          "prebuild-${{ matrix.target }}.json']\n");
}

TEST(Init, UpstreamDependencyBecomesACargoLine) {
    TempDir scratch;
    const auto result =
        run_perry(kPerry, {"init", "img", "--lang", "rust", "--upstream-dep", "image = \"0.25\""},
                  scratch.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string cargo = read_file(scratch.path() / "img" / "Cargo.toml");
    EXPECT_NE(cargo.find("perry-ffi = { path = \"" + kShare.generic_string() +
                         "/rust/perry-ffi\" }\nimage = \"0.25\"\n"),
              std::string::npos)
        << cargo;
}

} // namespace
