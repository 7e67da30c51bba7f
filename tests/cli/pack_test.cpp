// `perry native pack`: the same bytes from two packs, refusals (exit 2, nothing written), the
// prebuilt checks (exit 1), --dry-run and --json, and the per-platform layout. Messages are
// golden (golden/pack); archives are built here from inline C sources.
#include "golden.h"
#include "pack_test_support.h"

#include "perry/linker/process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>
#include <thread>

namespace perry::cli::test {
namespace {

namespace fs = std::filesystem;

const char* const kTinyManifest = R"({
  "name": "@acme/tiny",
  "version": "1.2.3",
  "license": "MIT",
  "files": ["index.js", "prebuilt"],
  "perry": {
    "nativeLibrary": {
      "abiVersion": "0.5",
      "functions": [{ "name": "js_tiny_triple", "params": ["number"], "returns": "number" }],
      "targets": { "linux": { "prebuilt": "prebuilt/linux-x64/libtiny.a" } }
    }
  }
}
)";

class PackTest : public ::testing::Test {
  protected:
    Scratch scratch;
    fs::path pkg() const { return scratch.path() / "pkg"; }

    // A C binding with its prebuilt archive (gcc, ar), sources outside the package.
    void tiny_package(const std::string& manifest = kTinyManifest) const {
        scratch.write("pkg/package.json", manifest);
        scratch.write("pkg/index.js", "module.exports = {};\n");
        scratch.write("pkg/README.md", "# tiny\n");
        scratch.write("src/tiny.c", "double js_tiny_triple(double x) { return 3 * x; }\n");
        scratch.archive("pkg/prebuilt/linux-x64/libtiny.a", {"src/tiny.c"});
    }

    ::testing::AssertionResult golden(const std::string& name,
                                      const std::vector<std::string>& args) const {
        return matches_golden_run("pack", name, args, scratch.path());
    }
};

TEST_F(PackTest, TwoPacksOfOneTreeAreByteIdentical) {
    tiny_package();
    ASSERT_EQ(run_perry({"pack", "pkg", "--out", "first.tgz"}, scratch.path()).exit_code, 0);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(1100)); // a time in the output would differ
    ASSERT_EQ(run_perry({"pack", "pkg", "--out", "second.tgz"}, scratch.path()).exit_code, 0);
    const std::string first = read_bytes(scratch.path() / "first.tgz");
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(first, read_bytes(scratch.path() / "second.tgz"));
}

TEST_F(PackTest, PackingTwiceInThePackageDirectoryLeavesTheOldTarballOut) {
    tiny_package();
    set_manifest_field(pkg(), "/files", R"(["index.js", "prebuilt", "*.tgz"])");
    ASSERT_EQ(run_perry({"pack"}, pkg()).exit_code, 0);
    const std::string first = read_bytes(pkg() / "acme-tiny-1.2.3.tgz");
    const PerryResult second = run_perry({"pack"}, pkg());
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(second.err, "perry: warning: package.json: `acme-tiny-1.2.3.tgz` is left out: it is "
                          "the tarball this pack replaces\n");
    EXPECT_EQ(read_bytes(pkg() / "acme-tiny-1.2.3.tgz"), first);
}

TEST_F(PackTest, TheDefaultNameIsNpmsAndEntriesAreSortedUnderPackage) {
    tiny_package();
    const PerryResult packed = run_perry({"pack", "pkg"}, scratch.path());
    ASSERT_EQ(packed.exit_code, 0) << packed.err;
    EXPECT_EQ(packed.err, "");
    linker::ProcessOptions options;
    options.cwd = scratch.path().string();
    const linker::ProcessResult names =
        linker::run_process({"tar", "-tzf", "acme-tiny-1.2.3.tgz"}, options);
    ASSERT_TRUE(names.ok()) << names.err;
    EXPECT_EQ(names.out, "package/README.md\npackage/index.js\npackage/package.json\n"
                         "package/prebuilt/linux-x64/libtiny.a\n");
    const linker::ProcessResult long_listing =
        linker::run_process({"tar", "--utc", "-tvzf", "acme-tiny-1.2.3.tgz"}, options);
    std::istringstream lines(long_listing.out);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_EQ(line.rfind("-rw-r--r-- 0/0 ", 0), 0u) << line;
        EXPECT_NE(line.find(" 1985-10-26 08:15 package/"), std::string::npos) << line;
    }
}

TEST_F(PackTest, AFilesEntryThatLeavesThePackageIsRefusedAndNothingWritten) {
    tiny_package();
    set_manifest_field(pkg(), "/files", R"(["index.js", "prebuilt", "../src"])");
    EXPECT_TRUE(golden("files_escape", {"pack", "pkg"}));
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
}

TEST_F(PackTest, AnAbsoluteFilesEntryIsRefusedAndNothingWritten) {
    tiny_package();
    set_manifest_field(pkg(), "/files", R"(["index.js", "prebuilt", "/etc/passwd"])");
    EXPECT_TRUE(golden("files_absolute", {"pack", "pkg"}));
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
}

TEST_F(PackTest, ASymlinkOutOfThePackageIsRefusedAndNothingWritten) {
    tiny_package();
    fs::create_symlink(scratch.path() / "src/tiny.c", pkg() / "prebuilt/tiny.c");
    EXPECT_TRUE(golden("symlink_outside", {"pack", "pkg", "--out", "out.tgz"}));
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
}

TEST_F(PackTest, ANameOrVersionThatIsAPathIsRefusedAndNothingWritten) {
    tiny_package();
    set_manifest_field(pkg(), "/name", R"("../../escaped")");
    set_manifest_field(pkg(), "/version", R"("1.0.0/../../x")");
    EXPECT_TRUE(golden("name_version_paths", {"pack", "pkg"}));
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
}

TEST_F(PackTest, APrebuiltThatFilesLeaveOutIsRefused) {
    tiny_package();
    set_manifest_field(pkg(), "/files", R"(["index.js"])");
    EXPECT_TRUE(golden("prebuilt_left_out", {"pack", "pkg"}));
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
}

TEST_F(PackTest, APrebuiltThatDoesNotExportItsFunctionsIsRefused) {
    tiny_package();
    set_manifest_field(pkg(), "/perry/nativeLibrary/functions/0/name", "\"js_tiny_missing\"");
    EXPECT_TRUE(golden("prebuilt_mismatch", {"pack", "pkg"}));
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
}

TEST_F(PackTest, APerArchArchiveOfAnotherMachineIsRefused) {
    if (!linker::find_program("clang-14") || !linker::find_program("llvm-ar-14"))
        GTEST_SKIP() << "clang-14 and llvm-ar-14 build the aarch64 archive of this test";
    tiny_package();
    scratch.archive("pkg/prebuilt/linux-arm64/libtiny.a", {"src/tiny.c"},
                    {"clang-14", "--target=aarch64-linux-gnu"}, "llvm-ar-14");
    set_manifest_field(pkg(), "/perry/nativeLibrary/targets/linux/prebuiltPerArch",
                       R"({ "x86_64": "prebuilt/linux-arm64/libtiny.a" })");
    EXPECT_TRUE(golden("per_arch_wrong_machine", {"pack", "pkg"}));
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
}

TEST_F(PackTest, DryRunWritesNothingAndJsonHasNpmsFields) {
    tiny_package();
    const PerryResult dry = run_perry({"pack", "pkg", "--dry-run", "--json"}, scratch.path());
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_EQ(dry.err, "");
    EXPECT_EQ(files_in(scratch.path()), (std::vector<std::string>{"pkg", "src"}));
    const nlohmann::json report = nlohmann::json::parse(dry.out);
    EXPECT_EQ(report.at("file"), "acme-tiny-1.2.3.tgz");
    EXPECT_EQ(report.at("entries").size(), 4u);
    EXPECT_EQ(report.at("entries").at(0).at("path"), "README.md");
    EXPECT_EQ(report.at("entries").at(0).at("size"), 7);
    EXPECT_EQ(report.at("entries").at(0).at("mode"), 0644);
    EXPECT_EQ(report.at("integrity").get<std::string>().rfind("sha512-", 0), 0u);
    EXPECT_EQ(report.at("shasum").get<std::string>().size(), 40u);
    EXPECT_EQ(report.at("ok"), true);
    // The real pack writes what the dry run described.
    const PerryResult real = run_perry({"pack", "pkg", "--json"}, scratch.path());
    ASSERT_EQ(real.exit_code, 0) << real.err;
    const nlohmann::json written = nlohmann::json::parse(real.out);
    EXPECT_EQ(written.at("integrity"), report.at("integrity"));
    EXPECT_EQ(written.at("size"), fs::file_size(scratch.path() / "acme-tiny-1.2.3.tgz"));
}

std::string tarball_file(const Scratch& scratch, const std::string& tarball,
                         const std::string& entry) {
    linker::ProcessOptions options;
    options.cwd = scratch.path().string();
    const linker::ProcessResult result =
        linker::run_process({"tar", "-xzOf", tarball, "package/" + entry}, options);
    EXPECT_TRUE(result.ok()) << result.err;
    return result.out;
}

TEST_F(PackTest, PerPlatformMovesTheArchiveToAPlatformPackage) {
    tiny_package();
    set_manifest_field(pkg(), "/perry/nativeLibrary/targets/linux/prebuiltPerArch",
                       R"({ "x86_64": "prebuilt/linux-x64/libtiny.a" })");
    const std::string before = read_bytes(pkg() / "package.json");
    const PerryResult packed =
        run_perry({"pack", "pkg", "--per-platform", "--json"}, scratch.path());
    ASSERT_EQ(packed.exit_code, 0) << packed.err;
    EXPECT_EQ(read_bytes(pkg() / "package.json"), before); // the package on disk is untouched
    const nlohmann::json report = nlohmann::json::parse(packed.out);
    std::vector<std::string> main_entries;
    for (const nlohmann::json& entry : report.at("entries"))
        main_entries.push_back(entry.at("path"));
    EXPECT_EQ(main_entries, (std::vector<std::string>{"README.md", "index.js", "package.json"}));
    ASSERT_EQ(report.at("platformPackages").size(), 1u);
    const nlohmann::json& platform = report.at("platformPackages").at(0);
    EXPECT_EQ(platform.at("name"), "@acme/tiny-linux-x64-gnu");
    EXPECT_EQ(platform.at("file"), "acme-tiny-linux-x64-gnu-1.2.3.tgz");
    EXPECT_EQ(platform.at("target"), "linux");
    EXPECT_EQ(platform.at("arch"), "x86_64");
    EXPECT_EQ(files_in(scratch.path()),
              (std::vector<std::string>{"acme-tiny-1.2.3.tgz", "acme-tiny-linux-x64-gnu-1.2.3.tgz",
                                        "pkg", "src"}));
    EXPECT_TRUE(perry::testing::matches_golden(
        fs::path(PERRY_GOLDEN_DIR) / "pack/per_platform_main_package.json",
        tarball_file(scratch, "acme-tiny-1.2.3.tgz", "package.json")));
    EXPECT_TRUE(perry::testing::matches_golden(
        fs::path(PERRY_GOLDEN_DIR) / "pack/per_platform_platform_package.json",
        tarball_file(scratch, "acme-tiny-linux-x64-gnu-1.2.3.tgz", "package.json")));
    EXPECT_EQ(tarball_file(scratch, "acme-tiny-linux-x64-gnu-1.2.3.tgz", "libtiny.a"),
              read_bytes(pkg() / "prebuilt/linux-x64/libtiny.a"));
}

} // namespace
} // namespace perry::cli::test
