// What resolution reports about a native package (perry/resolver/native_details.h): the link
// entry is JSON text written by hand, which must be exactly what nlohmann's dump() writes.
#include "perry/resolver/native_details.h"

#include "support/temp_tree.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace perry::resolver {
namespace {

using test::TempTree;

constexpr const char* kManifest = R"({"name": "n", "version": "1.0.0", "perry": {"nativeLibrary": {
  "abiVersion": "0.5",
  "functions": [{"name": "js_n_f", "params": ["string", "f64"], "returns": "i64"}],
  "targets": {
    "macos": {"crate": "./native/", "lib": "libperry_n.a", "prebuilt": "pre/libn.a",
              "frameworks": ["Security", "Co\"re\\Foundation"], "optionalFrameworks": ["Metal"],
              "frameworksEnv": "PERRY_FW", "libs": ["c++", "z"], "libDirs": ["lib", "lib/x/."],
              "pkgConfig": ["openssl"], "swift_sources": ["swift/a.swift"],
              "metal_sources": [], "cargo_features": ["tls", "é\u0001"]},
    "linux": {"cargo_features": []}
  }}}})";

TEST(NativeDetails, TheLinkEntryIsWhatNlohmannWouldWrite) {
    TempTree tree({{"n/package.json", kManifest}});
    const std::string dir = tree.path("n");
    const NativeDetails macos = read_native_details(dir + "/package.json", dir, kManifest, "macos");
    ASSERT_FALSE(macos.has_errors());
    ASSERT_TRUE(macos.link_json);
    EXPECT_EQ(tree.scrub(*macos.link_json),
              R"({"target":"macos","crate":"<tree>/n/native/","lib":"perry_n",)"
              R"("prebuilt":"<tree>/n/pre/libn.a","builds_package_root":false,)"
              R"("frameworks":["Security","Co\"re\\Foundation"],"optionalFrameworks":["Metal"],)"
              R"("frameworksEnv":"PERRY_FW","libs":["c++","z"],)"
              R"("libDirs":["<tree>/n/lib","<tree>/n/lib/x/"],"pkgConfig":["openssl"],)"
              R"("swift_sources":["<tree>/n/swift/a.swift"],"metal_sources":[],)"
              "\"cargo_features\":[\"tls\",\"\xC3\xA9\\u0001\"]}");
    EXPECT_EQ(nlohmann::ordered_json::parse(*macos.link_json).dump(), *macos.link_json);

    const NativeDetails linux = read_native_details(dir + "/package.json", dir, kManifest, "linux");
    ASSERT_TRUE(linux.link_json);
    EXPECT_EQ(*linux.link_json,
              R"({"target":"linux","crate":null,"lib":null,"prebuilt":null,)"
              R"("builds_package_root":true,"frameworks":[],"optionalFrameworks":[],)"
              R"("frameworksEnv":null,"libs":[],"libDirs":[],"pkgConfig":[],"swift_sources":[],)"
              R"("metal_sources":[],"cargo_features":[]})");
    EXPECT_EQ(nlohmann::ordered_json::parse(*linux.link_json).dump(), *linux.link_json);

    EXPECT_FALSE(read_native_details(dir + "/package.json", dir, kManifest, "windows").link_json);
}

// The extensions appear in the entry only when the manifest has them (entries without them read
// exactly as before).
TEST(NativeDetails, PerArchitectureExtensionsAreInTheEntryWhenPresent) {
    constexpr const char* kPerArch = R"({"name": "n", "version": "1.0.0", "perry": {
  "nativeLibrary": {"abiVersion": "0.5", "functions": [], "targets": {"linux": {"lib": "n",
    "prebuiltPerArch": {"aarch64": "pre/a/libn.a", "x86_64": "pre/x/libn.a"},
    "platformPackages": {"x86_64": "@n/n-linux-x64-gnu"}}}}}})";
    TempTree tree({{"n/package.json", kPerArch}});
    const std::string dir = tree.path("n");
    const NativeDetails linux = read_native_details(dir + "/package.json", dir, kPerArch, "linux");
    ASSERT_FALSE(linux.has_errors());
    ASSERT_TRUE(linux.link_json);
    const auto entry = nlohmann::ordered_json::parse(*linux.link_json);
    EXPECT_EQ(entry.dump(), *linux.link_json);
    EXPECT_EQ(tree.scrub(entry["prebuiltPerArch"].dump()),
              R"({"aarch64":"<tree>/n/pre/a/libn.a","x86_64":"<tree>/n/pre/x/libn.a"})");
    EXPECT_EQ(entry["platformPackages"].dump(), R"({"x86_64":"@n/n-linux-x64-gnu"})");
}

} // namespace
} // namespace perry::resolver
