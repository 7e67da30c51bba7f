// `perry native prebuild` (perry/linker/prebuild.h): the package.json edit byte for byte, real
// builds of a C++ (CMake) and a Rust (cargo, offline) binding copied into prebuilt/<triple>/, a
// second run that changes nothing, targets the host cannot build with their reasons, the
// aarch64 cross build when the cross compiler is installed, and a prebuild killed during its
// build, which leaves package.json as it was.
#include "build_test_support.h"

#include "perry/linker/prebuild.h"
#include "prebuild/manifest_edit.h"
#include "validate/archive_machine.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>

#include <fstream>
#include <future>
#include <thread>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using resolver::TargetKey;

// ---- the package.json edit --------------------------------------------------------------------

std::string edit(const std::string& text, const std::string& arch, bool set_default) {
    std::string error;
    const std::optional<std::string> out = detail::set_prebuilt_paths(
        text, TargetKey::Linux, arch, "prebuilt/" + arch + "-unknown-linux-gnu/libfoo.a",
        set_default, error);
    EXPECT_TRUE(out) << error;
    return out.value_or(error);
}

constexpr const char* kMultiline = R"({
  "name": "foo",
  "version": "1.0.0",
  "perry": {
    "nativeLibrary": {
      "functions": [ { "name": "js_foo", "params": ["f64"], "returns": "f64" } ],
      "targets": {
        "linux": {
          "crate": ".",
          "lib": "foo"
        },
        "macos": { "crate": "." }
      }
    }
  }
}
)";

TEST(PrebuildManifestEdit, MembersAreAddedInTheObjectsOwnLayoutAndNothingElseChanges) {
    const std::string first = edit(kMultiline, "x86_64", true);
    EXPECT_EQ(first, R"({
  "name": "foo",
  "version": "1.0.0",
  "perry": {
    "nativeLibrary": {
      "functions": [ { "name": "js_foo", "params": ["f64"], "returns": "f64" } ],
      "targets": {
        "linux": {
          "crate": ".",
          "lib": "foo",
          "prebuilt": "prebuilt/x86_64-unknown-linux-gnu/libfoo.a",
          "prebuiltPerArch": {
            "x86_64": "prebuilt/x86_64-unknown-linux-gnu/libfoo.a"
          }
        },
        "macos": { "crate": "." }
      }
    }
  }
}
)");
    // A second architecture joins prebuiltPerArch; `prebuilt` stays.
    const std::string second = edit(first, "aarch64", false);
    EXPECT_EQ(second.substr(second.find("          \"prebuiltPerArch")),
              "          \"prebuiltPerArch\": {\n"
              "            \"x86_64\": \"prebuilt/x86_64-unknown-linux-gnu/libfoo.a\",\n"
              "            \"aarch64\": \"prebuilt/aarch64-unknown-linux-gnu/libfoo.a\"\n"
              "          }\n"
              "        },\n"
              "        \"macos\": { \"crate\": \".\" }\n"
              "      }\n"
              "    }\n"
              "  }\n"
              "}\n");
    EXPECT_EQ(second.substr(0, second.find("          \"prebuiltPerArch")),
              first.substr(0, first.find("          \"prebuiltPerArch")));
    // Setting the same values again changes nothing.
    EXPECT_EQ(edit(second, "aarch64", false), second);
    EXPECT_EQ(edit(second, "x86_64", true), second);
}

TEST(PrebuildManifestEdit, ValuesAreReplacedInPlaceAndInlineObjectsStayInline) {
    const std::string text = "{\"perry\": {\"nativeLibrary\": {\"functions\": [], \"targets\": "
                             "{\"linux\": {\"prebuilt\": \"old/libfoo.a\", \"lib\": \"foo\"}, "
                             "\"web\": {}}}}}";
    EXPECT_EQ(edit(text, "x86_64", true),
              "{\"perry\": {\"nativeLibrary\": {\"functions\": [], \"targets\": {\"linux\": "
              "{\"prebuilt\": \"prebuilt/x86_64-unknown-linux-gnu/libfoo.a\", \"lib\": \"foo\", "
              "\"prebuiltPerArch\": { \"x86_64\": \"prebuilt/x86_64-unknown-linux-gnu/libfoo.a\" "
              "}}, \"web\": {}}}}}");
}

TEST(PrebuildManifestEdit, AnEmptyEntryAndCrlfLineEndsAreKept) {
    const std::string text =
        "{\r\n  \"perry\": {\r\n    \"nativeLibrary\": {\r\n      \"functions\": [],\r\n"
        "      \"targets\": {\r\n        \"linux\": {}\r\n      }\r\n    }\r\n  }\r\n}\r\n";
    EXPECT_EQ(edit(text, "aarch64", false),
              "{\r\n  \"perry\": {\r\n    \"nativeLibrary\": {\r\n      \"functions\": [],\r\n"
              "      \"targets\": {\r\n        \"linux\": {\r\n          \"prebuiltPerArch\": {\r\n"
              "            \"aarch64\": \"prebuilt/aarch64-unknown-linux-gnu/libfoo.a\"\r\n"
              "          }\r\n        }\r\n      }\r\n    }\r\n  }\r\n}\r\n");
}

TEST(PrebuildManifestEdit, AMissingEntryIsAnError) {
    std::string error;
    EXPECT_FALSE(detail::set_prebuilt_paths(kMultiline, TargetKey::Windows, "x86_64", "a.lib",
                                            false, error));
    EXPECT_EQ(error, "package.json has no object at perry.nativeLibrary.targets.windows");
}

// ---- real prebuilds ---------------------------------------------------------------------------

class PrebuildFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        if (std::string(resolver::host_arch()) != "x86_64")
            GTEST_SKIP() << "the expected texts name x86_64-unknown-linux-gnu";
        options.build_options.cache_dir = cache.path();
        options.build_options.runtime = build_tree_runtime();
        options.build_options.offline = true;
        options.build_options.compiler_cache = "off";
        ASSERT_TRUE(options.build_options.runtime.found) << options.build_options.runtime.error;
        options.package_dir = pkg.path();
    }

    std::string package_json() const { return read_all((pkg.path() / "package.json").string()); }

    TempDir pkg;
    TempDir cache;
    PrebuildOptions options;
};

std::string statuses(const PrebuildReport& report) {
    std::string out;
    for (const PrebuildTarget& t : report.targets) {
        out += t.triple + ": " + to_string(t.status) + (t.archive.empty() ? "" : " " + t.archive) +
               (t.reason.empty() ? "" : " (" + t.reason + ")") +
               (t.hint.empty() ? "" : " [" + t.hint + "]") + "\n";
    }
    for (const resolver::Diagnostic& d : report.diagnostics)
        out += d.format() + "\n";
    return out;
}

long long mtime_ns(const fs::path& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
}

TEST_F(PrebuildFixture, CppBindingForTheHostThenASecondRunChangesNothing) {
    write_cmake_binding(pkg.path());
    const std::string before = package_json();
    const PrebuildReport first = prebuild_package(options);
    ASSERT_TRUE(first.ok()) << statuses(first);
    EXPECT_EQ(statuses(first),
              "x86_64-unknown-linux-gnu: built prebuilt/x86_64-unknown-linux-gnu/libdemo.a\n");
    EXPECT_TRUE(first.manifest_changed);
    const fs::path archive = pkg.path() / "prebuilt/x86_64-unknown-linux-gnu/libdemo.a";
    EXPECT_EQ(detail::archive_arches(archive.string()), std::vector<std::string>{"x86_64"});
    // Byte for byte: only the target entry gained the two keys.
    const std::string path = "prebuilt/x86_64-unknown-linux-gnu/libdemo.a";
    std::string expected = before;
    const std::string entry = R"({"crate": "native", "lib": "demo")";
    expected.replace(expected.find(entry) + entry.size(), 0,
                     R"(, "prebuilt": ")" + path + R"(", "prebuiltPerArch": { "x86_64": ")" + path +
                         R"(" })");
    EXPECT_EQ(package_json(), expected);

    const long long json_time = mtime_ns(pkg.path() / "package.json");
    const long long archive_time = mtime_ns(archive);
    const PrebuildReport second = prebuild_package(options);
    EXPECT_EQ(statuses(second), "x86_64-unknown-linux-gnu: up to date " + path + "\n");
    EXPECT_FALSE(second.manifest_changed);
    EXPECT_EQ(package_json(), expected);
    EXPECT_EQ(mtime_ns(pkg.path() / "package.json"), json_time);
    EXPECT_EQ(mtime_ns(archive), archive_time);
    // The build itself happened in the cache: the package holds only its sources and outputs.
    EXPECT_FALSE(fs::exists(pkg.path() / "native/build"));
}

TEST_F(PrebuildFixture, RustBindingForTheHostOffline) {
    write_rust_binding(pkg.path(), R"({"crate": ".", "lib": "perry_symbols_probe"})");
    const std::string before = package_json();
    const PrebuildReport first = prebuild_package(options);
    ASSERT_TRUE(first.ok()) << statuses(first);
    ASSERT_EQ(first.targets.size(), 1u);
    EXPECT_EQ(first.targets[0].status, PrebuildStatus::Built);
    const std::string path = first.targets[0].archive;
    EXPECT_EQ(path, "prebuilt/x86_64-unknown-linux-gnu/libperry_symbols_probe.a");
    EXPECT_EQ(detail::archive_arches((pkg.path() / path).string()),
              std::vector<std::string>{"x86_64"});
    std::string expected = before;
    const std::string entry = R"({"crate": ".", "lib": "perry_symbols_probe")";
    expected.replace(expected.find(entry) + entry.size(), 0,
                     R"(, "prebuilt": ")" + path + R"(", "prebuiltPerArch": { "x86_64": ")" + path +
                         R"(" })");
    EXPECT_EQ(package_json(), expected);

    // The crate is the package root: what prebuild wrote there is not a build input.
    const PrebuildReport second = prebuild_package(options);
    EXPECT_EQ(statuses(second), "x86_64-unknown-linux-gnu: up to date " + path + "\n");
    EXPECT_EQ(package_json(), expected);
}

TEST_F(PrebuildFixture, TargetsThisMachineCannotBuildAreListedWithTheirReasons) {
    write_rust_binding(pkg.path(), R"({"crate": ".", "lib": "perry_symbols_probe"})");
    const std::string before = package_json();
    options.targets = {"aarch64-apple-darwin", "windows"};
    const PrebuildReport report = prebuild_package(options);
    EXPECT_FALSE(report.ok());
    EXPECT_EQ(
        statuses(report),
        "aarch64-apple-darwin: cannot build (the manifest has no `macos` entry) [add "
        "perry.nativeLibrary.targets.macos (e.g. { \"crate\": \".\", \"lib\": \"<name>\" })]\n"
        "x86_64-pc-windows-msvc: cannot build (the manifest has no `windows` entry) [add "
        "perry.nativeLibrary.targets.windows (e.g. { \"crate\": \".\", \"lib\": \"<name>\" "
        "})]\n");
    EXPECT_EQ(package_json(), before);

    // A linux target whose Rust standard library is not installed names the rustup command.
    options.targets = {"aarch64-unknown-linux-gnu"};
    const PrebuildReport arm = prebuild_package(options);
    ASSERT_EQ(arm.targets.size(), 1u);
    if (arm.targets[0].status != PrebuildStatus::CannotBuild)
        GTEST_SKIP() << "the aarch64 Rust target is installed here";
    EXPECT_EQ(statuses(arm), "aarch64-unknown-linux-gnu: cannot build (the Rust target "
                             "aarch64-unknown-linux-gnu is not installed) [rustup target add "
                             "aarch64-unknown-linux-gnu]\n");

    options.targets = {"sparc-sun-solaris"};
    const PrebuildReport unknown = prebuild_package(options);
    EXPECT_TRUE(unknown.unusable);
    EXPECT_TRUE(unknown.targets.empty());
}

TEST_F(PrebuildFixture, CppBindingCrossBuiltForAarch64) {
    if (!find_program("aarch64-linux-gnu-g++") || !find_program("aarch64-linux-gnu-gcc"))
        GTEST_SKIP() << "no aarch64 cross compiler (Debian: g++-aarch64-linux-gnu)";
    write_cmake_binding(pkg.path());
    options.targets = {"aarch64-unknown-linux-gnu", "linux"};
    const PrebuildReport report = prebuild_package(options);
    ASSERT_TRUE(report.ok()) << statuses(report);
    EXPECT_EQ(statuses(report),
              "aarch64-unknown-linux-gnu: built prebuilt/aarch64-unknown-linux-gnu/libdemo.a\n"
              "x86_64-unknown-linux-gnu: built prebuilt/x86_64-unknown-linux-gnu/libdemo.a\n");
    EXPECT_EQ(detail::archive_arches(
                  (pkg.path() / "prebuilt/aarch64-unknown-linux-gnu/libdemo.a").string()),
              std::vector<std::string>{"aarch64"});
    const std::string text = package_json();
    EXPECT_NE(
        text.find(
            R"("prebuiltPerArch": { "aarch64": "prebuilt/aarch64-unknown-linux-gnu/libdemo.a", "x86_64": "prebuilt/x86_64-unknown-linux-gnu/libdemo.a" })"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find(R"("prebuilt": "prebuilt/x86_64-unknown-linux-gnu/libdemo.a")"),
              std::string::npos)
        << text;
}

// A `prebuilt` directory that is a symlink out of the package is not written through.
TEST_F(PrebuildFixture, APrebuiltSymlinkOutOfThePackageIsRefused) {
    write_cmake_binding(pkg.path());
    TempDir outside;
    fs::create_directory_symlink(outside.path(), pkg.path() / "prebuilt");
    const std::string before = package_json();
    const PrebuildReport report = prebuild_package(options);
    EXPECT_FALSE(report.ok());
    ASSERT_EQ(report.targets.size(), 1u);
    EXPECT_EQ(report.targets[0].status, PrebuildStatus::Failed);
    EXPECT_EQ(report.targets[0].reason,
              "prebuilt is a symbolic link: prebuild writes only inside the package");
    EXPECT_TRUE(fs::is_empty(outside.path()));
    EXPECT_EQ(package_json(), before);
}

// ---- interrupted -------------------------------------------------------------------------------

// perry killed outright while it builds (a session that dies): package.json is the old file
// and nothing was copied into the package.
TEST(PrebuildInterrupted, KilledDuringTheBuildLeavesTheOldPackageJson) {
    TempDir pkg;
    TempDir cache;
    write_cmake_binding(pkg.path(), "execute_process(COMMAND sleep 300)\n");
    const std::string before = read_all((pkg.path() / "package.json").string());
    const std::string mark = "prebuild-" + std::to_string(::getpid());
    const std::string perry = std::string(PERRY_TEST_BUILD_DIR) + "/cli/perry";
    std::future<ProcessResult> running = std::async(std::launch::async, [&] {
        ProcessOptions process;
        process.env = {{"PERRY_TEST_MARK", mark},
                       {"PERRY_CACHE_DIR", cache.path().string()},
                       {"PERRY_COMPILER_CACHE", "off"}};
        return run_process({perry, "native", "prebuild", pkg.path().string()}, process);
    });
    ASSERT_NE(wait_for_process(mark, "sleep", 60s), 0) << "the build never started";
    const int parent = wait_for_process(mark, "perry", 1s);
    ASSERT_NE(parent, 0);
    ::kill(parent, SIGKILL);
    const ProcessResult result = running.get();
    kill_marked(mark); // the build's own process group outlives a SIGKILLed perry
    EXPECT_EQ(result.exit_code, 128 + SIGKILL);
    EXPECT_EQ(read_all((pkg.path() / "package.json").string()), before);
    EXPECT_FALSE(fs::exists(pkg.path() / "prebuilt"));
    for (const fs::directory_entry& entry : fs::directory_iterator(pkg.path()))
        EXPECT_EQ(entry.path().filename().string().find(".perry-"), std::string::npos)
            << entry.path();
}

} // namespace
} // namespace perry::linker::test
