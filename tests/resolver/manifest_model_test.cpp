// The typed model a compiler reads: functions with their ABI types, targets with every field,
// normalised lib names, resolved paths; symlink containment on a real package directory.
#include "perry/resolver/manifest.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using namespace perry::resolver;

const char* kManifest = R"({
  "name": "@perry/demo",
  "version": "1.2.3",
  "perry": { "nativeLibrary": {
    "abiVersion": "^0.5",
    "functions": [
      { "name": "js_demo_open", "params": ["string", "f64", "jsvalue"], "returns": "promise" },
      { "name": "js_demo_count", "params": ["i64"], "returns": "u32" }
    ],
    "targets": {
      "linux": { "crate": "native", "lib": "libperry_demo.a", "libs": ["m"], "libDirs": ["native/lib"],
                 "pkgConfig": ["zlib"], "cargo_features": ["simd"] },
      "ios": { "prebuilt": "./prebuilt/ios/libperry_demo.a", "frameworks": ["UIKit"],
               "optional_frameworks": ["GoogleSignIn"], "frameworks_env": "GSI_DIR",
               "swift_sources": ["swift/Bridge.swift"], "metal_sources": ["shaders/a.metal"] },
      "windows": { "cargo_features": [] }
    }
  } }
})";

TEST(ManifestModel, ReadsTypedFunctions) {
    ManifestResult r = parse_manifest_text(kManifest, "package.json", "/pkg");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.has_native_library);
    EXPECT_EQ(r.name, "@perry/demo");
    EXPECT_EQ(r.version, "1.2.3");
    const NativeLibrary& lib = r.native_library;
    EXPECT_EQ(lib.abi_version, "^0.5");
    ASSERT_TRUE(lib.abi_range);
    EXPECT_EQ(lib.abi_range->to_string(), ">=0.5.0 <0.6.0-0");
    ASSERT_EQ(lib.functions.size(), 2u);
    const Function* open = lib.function("js_demo_open");
    ASSERT_NE(open, nullptr);
    EXPECT_EQ(open->params,
              (std::vector<ParamType>{ParamType::String, ParamType::F64, ParamType::JsValue}));
    EXPECT_EQ(open->returns, ReturnType::Promise);
    EXPECT_FALSE(open->returns_legacy_f64);
    const Function& count = lib.functions[1];
    EXPECT_EQ(count.index, 1u);
    EXPECT_EQ(count.returns, ReturnType::F64);
    EXPECT_TRUE(count.returns_legacy_f64);
    EXPECT_EQ(count.returns_as_written, "u32");
    EXPECT_EQ(lib.function("js_missing"), nullptr);
    // Warnings: lib file name, legacy return.
    ASSERT_EQ(r.diagnostics.size(), 2u);
    EXPECT_EQ(r.diagnostics[0].pointer, "/perry/nativeLibrary/functions/1/returns");
    EXPECT_EQ(r.diagnostics[1].pointer, "/perry/nativeLibrary/targets/linux/lib");
}

TEST(ManifestModel, ReadsEveryTargetField) {
    ManifestResult r = parse_manifest_text(kManifest, "package.json", "/pkg");
    const NativeLibrary& lib = r.native_library;
    ASSERT_EQ(lib.targets.size(), 3u);
    EXPECT_EQ(lib.target(TargetKey::Macos), nullptr);

    const Target* linux_target = lib.target(TargetKey::Linux);
    ASSERT_NE(linux_target, nullptr);
    ASSERT_TRUE(linux_target->crate);
    EXPECT_EQ(linux_target->crate->as_written, "native");
    EXPECT_EQ(linux_target->crate->resolved, "/pkg/native");
    EXPECT_EQ(linux_target->lib, "perry_demo");
    EXPECT_EQ(linux_target->lib_as_written, "libperry_demo.a");
    EXPECT_EQ(linux_target->libs, std::vector<std::string>{"m"});
    ASSERT_EQ(linux_target->lib_dirs.size(), 1u);
    EXPECT_EQ(linux_target->lib_dirs[0].resolved, "/pkg/native/lib");
    EXPECT_EQ(linux_target->pkg_config, std::vector<std::string>{"zlib"});
    EXPECT_EQ(linux_target->cargo_features, std::vector<std::string>{"simd"});
    EXPECT_FALSE(linux_target->builds_package_root());

    const Target* ios = lib.target(TargetKey::Ios);
    ASSERT_NE(ios, nullptr);
    ASSERT_TRUE(ios->prebuilt);
    EXPECT_EQ(ios->prebuilt->resolved, "/pkg/prebuilt/ios/libperry_demo.a");
    EXPECT_EQ(ios->frameworks, std::vector<std::string>{"UIKit"});
    EXPECT_EQ(ios->optional_frameworks, std::vector<std::string>{"GoogleSignIn"});
    EXPECT_EQ(ios->frameworks_env, "GSI_DIR");
    EXPECT_EQ(ios->swift_sources.at(0).as_written, "swift/Bridge.swift");
    EXPECT_EQ(ios->metal_sources.at(0).as_written, "shaders/a.metal");
    EXPECT_FALSE(ios->cargo_features);

    const Target* windows = lib.target(TargetKey::Windows);
    ASSERT_NE(windows, nullptr);
    EXPECT_TRUE(windows->builds_package_root());
    ASSERT_TRUE(windows->cargo_features);
    EXPECT_TRUE(windows->cargo_features->empty());
}

TEST(ManifestModel, FunctionsOwnTheirData) {
    // A Function copied out of a result outlives the result, its library and its text.
    Function kept;
    ManifestResult copy;
    {
        std::string text = kManifest;
        const ManifestResult original = parse_manifest_text(text, "package.json", "/pkg");
        copy = original;
        kept = original.native_library.functions.at(1);
        text.assign(text.size(), 'x');
    }
    NativeLibrary moved = std::move(copy.native_library);
    ASSERT_EQ(moved.functions.size(), 2u);
    EXPECT_EQ(moved.functions[0].name, "js_demo_open");
    EXPECT_EQ(moved.functions[0].params.size(), 3u);
    EXPECT_EQ(moved.functions[1].returns_as_written, "u32");
    EXPECT_EQ(kept.returns_as_written, "u32");
    EXPECT_EQ(kept.name, moved.functions[1].name);
    EXPECT_NE(moved.functions[0].params, kept.params);
}

TEST(ManifestModel, TargetKeysRoundTrip) {
    EXPECT_EQ(all_target_keys().size(), 10u);
    for (TargetKey key : all_target_keys())
        EXPECT_EQ(find_target_key(target_key_name(key)), key);
    EXPECT_EQ(target_key_name(TargetKey::Visionos), "visionos");
    EXPECT_FALSE(find_target_key("Linux"));
}

TEST(ManifestModel, PlainPackageHasNoNativeLibrary) {
    ManifestResult r =
        parse_manifest_text(R"({"name":"left-pad","version":"1.3.0"})", "package.json", "");
    EXPECT_TRUE(r.ok());
    EXPECT_FALSE(r.has_native_library);
    EXPECT_TRUE(r.diagnostics.empty());
}

TEST(ManifestModel, SyntaxErrorsCarryLineAndColumn) {
    ManifestResult r = parse_manifest_text("{\n  \"name\": \"x\",\n  \"perry\": nope\n}\n",
                                           "pkg/package.json", "");
    EXPECT_TRUE(r.unreadable);
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].line, 3);
    EXPECT_EQ(r.diagnostics[0].column, 13); // the `o` of `nope`: where `null` stopped matching
    EXPECT_EQ(
        r.diagnostics[0].what(),
        "pkg/package.json:3:13: invalid JSON: syntax error while parsing value - invalid literal");
}

TEST(ManifestModel, UnreadableFileIsReported) {
    ManifestResult r = parse_manifest_file("/nonexistent/perry/package.json");
    EXPECT_TRUE(r.unreadable);
    EXPECT_FALSE(r.ok());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].format(),
              "perry: error: /nonexistent/perry/package.json: cannot read the file: No such file "
              "or directory\n"
              "  fix: check that the path names a readable package.json");
}

TEST(ManifestModel, OverlongPathsAndDevicesSaySo) {
    const std::string overlong = "/" + std::string(5000, 'a') + "/package.json";
    ManifestResult r = parse_manifest_file(overlong);
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].message,
              "cannot read the file: the path is too long for the system (File name too long)");
    // /dev/zero would never end, /dev/null is no file: both refused before a byte is read.
    for (const char* device : {"/dev/zero", "/dev/null"}) {
        ManifestResult d = parse_manifest_file(device);
        EXPECT_TRUE(d.unreadable) << device;
        ASSERT_EQ(d.diagnostics.size(), 1u) << device;
        EXPECT_EQ(d.diagnostics[0].message, "cannot read the file: not a regular file") << device;
    }
}

class PackageDir : public ::testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/perry-manifest-test-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        root_ = pattern;
        pkg_ = root_ / "pkg";
        fs::create_directories(pkg_ / "native");
        fs::create_directories(root_ / "outside");
        fs::create_directory_symlink(root_ / "outside", pkg_ / "escape");
        fs::create_directory_symlink(pkg_ / "native", pkg_ / "alias");
    }
    void TearDown() override { fs::remove_all(root_); }

    ManifestResult parse_with_crate(const std::string& crate) {
        const std::string json =
            R"({"name":"p","perry":{"nativeLibrary":{"abiVersion":"0.5","functions":[],)"
            R"("targets":{"linux":{"crate":")" +
            crate + R"(","lib":"p"}}}}})";
        std::ofstream(pkg_ / "package.json") << json;
        return parse_manifest_file(pkg_ / "package.json");
    }

    fs::path root_, pkg_;
};

TEST_F(PackageDir, SymlinkInsideThePackageIsFine) {
    ManifestResult r = parse_with_crate("alias");
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
}

TEST_F(PackageDir, SymlinkLeavingThePackageIsAnError) {
    ManifestResult r = parse_with_crate("escape/crate");
    EXPECT_FALSE(r.ok());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(
        r.diagnostics[0].what(),
        (pkg_ / "package.json").string() +
            ": /perry/nativeLibrary/targets/linux/crate: expected a path inside the package, found "
            "\"escape/crate\" (leaves the package through a symlink to " +
            (fs::canonical(root_) / "outside" / "crate").string() + ")");
}

TEST_F(PackageDir, PackageDirectoryReachedThroughASymlinkIsFine) {
    fs::create_directory_symlink(pkg_, root_ / "linked");
    std::ofstream(pkg_ / "package.json")
        << R"({"name":"p","perry":{"nativeLibrary":{"abiVersion":"0.5","functions":[],"targets":{"linux":{"crate":"native","lib":"p"}}}}})";
    ManifestResult r = parse_manifest_file(root_ / "linked" / "package.json");
    EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].format());
}

} // namespace

namespace {

TEST(Printable, ControlAndBidirectionalCharactersAreEscaped) {
    using perry::resolver::printable;
    EXPECT_EQ(printable("plain \"quoted\" back\\slash"), "plain \"quoted\" back\\slash");
    EXPECT_EQ(printable("a\nb\tc\x1b[31m\x7f"), "a\\nb\\tc\\u001b[31m\\u007f");
    // U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE; é stays as it is.
    EXPECT_EQ(printable("x\xE2\x80\xAEy\xE2\x81\xA6z\xC3\xA9"), "x\\u202ey\\u2066z\xC3\xA9");
}

} // namespace
