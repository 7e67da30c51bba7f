// The per-platform package lookup (perry/resolver/platform_package.h) over small node_modules
// trees written inline: installed, not installed, belonging to another package, another version,
// another target or arch, and a prebuilt that leaves its package.
#include "perry/resolver/platform_package.h"

#include "support/temp_tree.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace perry::resolver {
namespace {

using Status = PlatformPackageLookup::Status;
using test::TempTree;

constexpr const char* kMain = R"({"name": "@acme/foo", "version": "1.2.0", "perry": {
  "nativeLibrary": {"abiVersion": "0.5", "functions": [],
    "targets": {"linux": {"crate": ".", "lib": "foo", "platformPackages": {
      "x86_64": "@acme/foo-linux-x64-gnu", "aarch64": "@acme/foo-linux-arm64-gnu"}}}}}})";

std::string platform_json(const std::string& name, const std::string& version,
                          const std::string& package, const std::string& target,
                          const std::string& arch, const std::string& prebuilt = "libfoo.a") {
    return R"({"name": ")" + name + R"(", "version": ")" + version +
           R"(", "os": ["linux"], "cpu": ["x64"], "files": ["libfoo.a"], "perry": {
  "nativePlatformPackage": {"package": ")" +
           package + R"(", "target": ")" + target + R"(", "arch": ")" + arch +
           R"(", "prebuilt": ")" + prebuilt + R"("}}})";
}

constexpr const char* kMainDir = "app/node_modules/@acme/foo";
constexpr const char* kX64Dir = "app/node_modules/@acme/foo-linux-x64-gnu";

ManifestResult main_manifest(const TempTree& tree) {
    ManifestResult main = parse_manifest_file(tree.path(kMainDir) + "/package.json");
    EXPECT_TRUE(main.ok()) << (main.diagnostics.empty() ? "" : main.diagnostics[0].format());
    return main;
}

std::string all(const PlatformPackageLookup& found, const TempTree& tree) {
    std::string out;
    for (const Diagnostic& d : found.diagnostics)
        out += tree.scrub(d.format()) + "\n";
    return out;
}

TEST(PlatformPackage, InstalledBesideTheMainPackageServesItsArchive) {
    TempTree tree(
        {{std::string(kMainDir) + "/package.json", kMain},
         {std::string(kX64Dir) + "/package.json",
          platform_json("@acme/foo-linux-x64-gnu", "1.2.0", "@acme/foo", "linux", "x86_64")},
         {std::string(kX64Dir) + "/libfoo.a", "!<arch>\n"}});
    const PlatformPackageLookup found =
        find_platform_package(main_manifest(tree), TargetKey::Linux, "x86_64");
    EXPECT_EQ(found.status, Status::Found) << all(found, tree);
    EXPECT_EQ(found.package, "@acme/foo-linux-x64-gnu");
    EXPECT_EQ(found.dir, tree.path(kX64Dir));
    EXPECT_EQ(found.archive, tree.path(kX64Dir) + "/libfoo.a");
    EXPECT_TRUE(found.diagnostics.empty());
}

TEST(PlatformPackage, NotInstalledListsThePlacesLookedAt) {
    TempTree tree({{std::string(kMainDir) + "/package.json", kMain}});
    const PlatformPackageLookup found =
        find_platform_package(main_manifest(tree), TargetKey::Linux, "aarch64");
    EXPECT_EQ(found.status, Status::NotInstalled);
    EXPECT_EQ(found.package, "@acme/foo-linux-arm64-gnu");
    ASSERT_FALSE(found.looked_in.empty());
    EXPECT_EQ(found.looked_in.front(),
              tree.path(kMainDir) + "/node_modules/@acme/foo-linux-arm64-gnu");
    EXPECT_NE(std::find(found.looked_in.begin(), found.looked_in.end(),
                        tree.path("app/node_modules/@acme/foo-linux-arm64-gnu")),
              found.looked_in.end());
}

TEST(PlatformPackage, NoEntryForTheArchOrTargetIsNotDeclared) {
    TempTree tree({{std::string(kMainDir) + "/package.json", kMain}});
    const ManifestResult main = main_manifest(tree);
    EXPECT_EQ(find_platform_package(main, TargetKey::Linux, "riscv64").status, Status::NotDeclared);
    EXPECT_EQ(find_platform_package(main, TargetKey::Macos, "x86_64").status, Status::NotDeclared);
}

TEST(PlatformPackage, AnotherMainPackageTargetArchOrVersionIsAnErrorNamingBoth) {
    TempTree tree(
        {{std::string(kMainDir) + "/package.json", kMain},
         {std::string(kX64Dir) + "/package.json",
          platform_json("@acme/foo-linux-x64-gnu", "1.1.0", "@acme/bar", "macos", "aarch64")},
         {std::string(kX64Dir) + "/libfoo.a", "!<arch>\n"}});
    const PlatformPackageLookup found =
        find_platform_package(main_manifest(tree), TargetKey::Linux, "x86_64");
    EXPECT_EQ(found.status, Status::Invalid);
    EXPECT_TRUE(found.archive.empty());
    const std::string file = "<tree>/" + std::string(kX64Dir) + "/package.json";
    const std::string need = " from `@acme/foo-linux-x64-gnu` (platformPackages.x86_64 of its "
                             "`linux` entry)\n  fix: install the platform package that matches "
                             "@acme/foo, or fix <tree>/" +
                             std::string(kMainDir) + "/package.json\n";
    EXPECT_EQ(all(found, tree),
              "perry: error: " + file +
                  ": /perry/nativePlatformPackage/package: the platform package belongs to is "
                  "\"@acme/bar\", but @acme/foo needs \"@acme/foo\"" +
                  need + "perry: error: " + file +
                  ": /perry/nativePlatformPackage/target: its target key is \"macos\", but "
                  "@acme/foo needs \"linux\"" +
                  need + "perry: error: " + file +
                  ": /perry/nativePlatformPackage/arch: its architecture is \"aarch64\", but "
                  "@acme/foo needs \"x86_64\"" +
                  need + "perry: error: " + file +
                  ": /version: version 1.1.0 of `@acme/foo-linux-x64-gnu` differs from version "
                  "1.2.0 of @acme/foo\n  fix: install @acme/foo-linux-x64-gnu@1.2.0 (platform "
                  "packages are published at exactly the main package's version)\n");
}

TEST(PlatformPackage, APrebuiltOutsideThePlatformPackageIsRefused) {
    TempTree tree({{std::string(kMainDir) + "/package.json", kMain},
                   {std::string(kX64Dir) + "/package.json",
                    platform_json("@acme/foo-linux-x64-gnu", "1.2.0", "@acme/foo", "linux",
                                  "x86_64", "../foo/libfoo.a")},
                   {std::string(kMainDir) + "/libfoo.a", "!<arch>\n"}});
    const PlatformPackageLookup found =
        find_platform_package(main_manifest(tree), TargetKey::Linux, "x86_64");
    EXPECT_EQ(found.status, Status::Invalid);
    ASSERT_EQ(found.diagnostics.size(), 1u);
    EXPECT_EQ(found.diagnostics[0].pointer, "/perry/nativePlatformPackage/prebuilt");
}

TEST(PlatformPackage, AMissingArchiveOrMarkerIsAnError) {
    TempTree tree(
        {{std::string(kMainDir) + "/package.json", kMain},
         {std::string(kX64Dir) + "/package.json",
          platform_json("@acme/foo-linux-x64-gnu", "1.2.0", "@acme/foo", "linux", "x86_64")},
         {"app/node_modules/@acme/foo-linux-arm64-gnu/package.json",
          R"({"name": "@acme/foo-linux-arm64-gnu", "version": "1.2.0"})"}});
    const ManifestResult main = main_manifest(tree);
    const PlatformPackageLookup x64 = find_platform_package(main, TargetKey::Linux, "x86_64");
    EXPECT_EQ(x64.status, Status::Invalid);
    ASSERT_EQ(x64.diagnostics.size(), 1u);
    EXPECT_EQ(tree.scrub(x64.diagnostics[0].message),
              "prebuilt \"libfoo.a\" is not a file in <tree>/" + std::string(kX64Dir));
    const PlatformPackageLookup arm = find_platform_package(main, TargetKey::Linux, "aarch64");
    EXPECT_EQ(arm.status, Status::Invalid);
    ASSERT_EQ(arm.diagnostics.size(), 1u);
    EXPECT_EQ(arm.diagnostics[0].message,
              "`@acme/foo-linux-arm64-gnu` is not a perry platform package (no "
              "perry.nativePlatformPackage object)");
}

} // namespace
} // namespace perry::resolver
