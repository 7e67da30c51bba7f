// The link plan for (target, arch) with the manifest extensions prebuiltPerArch and
// platformPackages (docs/manifest.md): which archive serves which machine, the error for an
// archive built for another machine (real objects compiled here for x86_64 and aarch64), and
// platform packages installed, missing and mismatched under a scratch node_modules.
#include "plan_fixture.h"

#include <gtest/gtest.h>

namespace perry::linker::test {
namespace {

using resolver::TargetKey;

std::string manifest(const std::string& name, const std::string& linux_entry) {
    return R"({"name": ")" + name + R"(", "version": "1.2.0", "perry": {"nativeLibrary": {
  "abiVersion": "0.5", "functions": [{"name": "js_t_f", "params": [], "returns": "number"}],
  "targets": {"linux": )" +
           linux_entry + "}}}}\n";
}

// Compiles `int js_t_f` into an object for `clang_target` and archives it at `archive`.
void build_archive(const TempDir& tmp, const std::string& clang_target,
                   const std::string& archive) {
    write_file(tmp / "src/t.c", "double js_t_f(void) { return 1; }\n");
    const std::string object = tmp / ("src/t-" + clang_target + ".o");
    run_ok({"clang-14", "--target=" + clang_target, "-c", tmp / "src/t.c", "-o", object});
    std::filesystem::create_directories(std::filesystem::path(archive).parent_path());
    run_ok({"llvm-ar-14", "rcs", archive, object});
}

std::string all_diagnostics(const LinkPlan& plan, const TempDir& tmp) {
    std::string out;
    for (const resolver::Diagnostic& d : plan.diagnostics)
        out += scrubbed(d.format(), tmp.path()) + "\n";
    return out;
}

PlanOptions for_arch(const std::string& arch) {
    PlanOptions options;
    options.host = TargetKey::Linux;
    options.arch = arch;
    return options;
}

TEST(PerArchPlan, EachArchitectureGetsItsOwnArchiveAndOthersTheDefault) {
    TempDir tmp;
    for (const char* file :
         {"prebuilt/default/libt.a", "prebuilt/x86_64/libt.a", "prebuilt/aarch64/libt.a"})
        write_file(tmp / ("t/" + std::string(file)), "!<arch>\n");
    const PlanPackage package = write_package(
        tmp.path(), "t",
        manifest("t", R"({"lib": "t", "prebuilt": "prebuilt/default/libt.a", "prebuiltPerArch": {
        "x86_64": "prebuilt/x86_64/libt.a", "aarch64": "prebuilt/aarch64/libt.a"}})"));
    for (const auto& [arch, expected, source] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"x86_64", "prebuilt/x86_64/libt.a", "prebuiltPerArch.x86_64"},
             {"aarch64", "prebuilt/aarch64/libt.a", "prebuiltPerArch.aarch64"},
             {"riscv64", "prebuilt/default/libt.a", "prebuilt"}}) {
        const LinkPlan plan = plan_link(TargetKey::Linux, {package}, for_arch(arch));
        EXPECT_EQ(plan.arch, arch);
        ASSERT_EQ(plan.packages.size(), 1u);
        EXPECT_EQ(plan.packages[0].action, PackageAction::Prebuilt) << all_diagnostics(plan, tmp);
        EXPECT_EQ(*plan.packages[0].archive, tmp.path() / "t" / expected);
        EXPECT_EQ(plan.packages[0].archive_source, source);
    }
}

TEST(PerArchPlan, TheHostTargetIsPlannedForThisMachineAndForeignTargetsForNone) {
    PlanOptions options;
    options.host = TargetKey::Linux;
    EXPECT_EQ(plan_arch(TargetKey::Linux, options), std::string(resolver::host_arch()));
    EXPECT_EQ(plan_arch(TargetKey::Web, options), "wasm32");
    EXPECT_EQ(plan_arch(TargetKey::Macos, options), "");
}

TEST(PerArchPlan, AnArchiveForAnotherMachineIsAnErrorBeforeLinkingNamingBoth) {
    TempDir tmp;
    build_archive(tmp, "aarch64-linux-gnu", tmp / "t/prebuilt/aarch64/libt.a");
    build_archive(tmp, "x86_64-linux-gnu", tmp / "t/prebuilt/x86_64/libt.a");
    const PlanPackage wrong = write_package(
        tmp.path(), "t", manifest("t", R"({"lib": "t", "prebuilt": "prebuilt/aarch64/libt.a"})"));
    const LinkPlan plan = plan_link(TargetKey::Linux, {wrong}, for_arch("x86_64"));
    EXPECT_FALSE(plan.ok());
    EXPECT_EQ(plan.packages[0].action, PackageAction::Skipped);
    EXPECT_TRUE(plan.packages[0].failed);
    EXPECT_EQ(all_diagnostics(plan, tmp),
              "perry: error: $TMP/t/package.json: /perry/nativeLibrary/targets/linux/prebuilt: "
              "package `t`: its archive ./prebuilt/aarch64/libt.a is built for aarch64, but the "
              "link is for x86_64 (`linux`)\n"
              "  fix: build the archive for x86_64 (perry native prebuild --target "
              "x86_64-unknown-linux-gnu) and name it in prebuiltPerArch.x86_64\n");

    // The same package with the x86_64 archive named per architecture links on x86_64, and its
    // aarch64 archive serves aarch64.
    const PlanPackage per_arch = write_package(
        tmp.path(), "t", manifest("t", R"({"lib": "t", "prebuilt": "prebuilt/aarch64/libt.a",
                 "prebuiltPerArch": {"x86_64": "prebuilt/x86_64/libt.a"}})"));
    const LinkPlan x86 = plan_link(TargetKey::Linux, {per_arch}, for_arch("x86_64"));
    EXPECT_TRUE(x86.ok()) << all_diagnostics(x86, tmp);
    EXPECT_EQ(*x86.packages[0].archive, tmp.path() / "t/prebuilt/x86_64/libt.a");
    const LinkPlan arm = plan_link(TargetKey::Linux, {per_arch}, for_arch("aarch64"));
    EXPECT_TRUE(arm.ok()) << all_diagnostics(arm, tmp);
    EXPECT_EQ(*arm.packages[0].archive, tmp.path() / "t/prebuilt/aarch64/libt.a");

    // A per-arch entry naming the wrong machine's archive points at that entry.
    const PlanPackage swapped = write_package(
        tmp.path(), "t",
        manifest("t", R"({"lib": "t", "prebuiltPerArch": {"x86_64": "prebuilt/aarch64/libt.a"}})"));
    const LinkPlan bad = plan_link(TargetKey::Linux, {swapped}, for_arch("x86_64"));
    ASSERT_EQ(bad.diagnostics.size(), 1u);
    EXPECT_EQ(bad.diagnostics[0].pointer,
              "/perry/nativeLibrary/targets/linux/prebuiltPerArch/x86_64");
}

constexpr const char* kPlatformEntry =
    R"({"lib": "foo", "platformPackages": {"x86_64": "@acme/foo-linux-x64-gnu"}})";

std::string platform_json(const std::string& version) {
    return R"({"name": "@acme/foo-linux-x64-gnu", "version": ")" + version +
           R"(", "os": ["linux"], "cpu": ["x64"],
  "perry": {"nativePlatformPackage": {"package": "@acme/foo", "target": "linux",
    "arch": "x86_64", "prebuilt": "libfoo.a"}}})";
}

TEST(PerArchPlan, AnInstalledPlatformPackageServesItsArchive) {
    TempDir tmp;
    write_file(tmp / "app/node_modules/@acme/foo-linux-x64-gnu/package.json",
               platform_json("1.2.0"));
    build_archive(tmp, "x86_64-linux-gnu",
                  tmp / "app/node_modules/@acme/foo-linux-x64-gnu/libfoo.a");
    const PlanPackage main = write_package(tmp.path(), "app/node_modules/@acme/foo",
                                           manifest("@acme/foo", kPlatformEntry));
    const LinkPlan plan = plan_link(TargetKey::Linux, {main}, for_arch("x86_64"));
    EXPECT_TRUE(plan.ok()) << all_diagnostics(plan, tmp);
    EXPECT_EQ(plan.packages[0].action, PackageAction::Prebuilt);
    EXPECT_EQ(plan.packages[0].platform_package, "@acme/foo-linux-x64-gnu");
    EXPECT_EQ(plan.packages[0].archive_source, "platformPackages.x86_64");
    EXPECT_EQ(*plan.packages[0].archive, std::filesystem::canonical(tmp.path()) /
                                             "app/node_modules/@acme/foo-linux-x64-gnu/libfoo.a");
}

TEST(PerArchPlan, AMissingPlatformPackageBuildsFromSourceOrSaysWhatToInstall) {
    TempDir tmp;
    const PlanPackage unbuildable = write_package(tmp.path(), "app/node_modules/@acme/foo",
                                                  manifest("@acme/foo", kPlatformEntry));
    const LinkPlan plan = plan_link(TargetKey::Linux, {unbuildable}, for_arch("x86_64"));
    EXPECT_FALSE(plan.ok());
    EXPECT_EQ(all_diagnostics(plan, tmp),
              "perry: error: $TMP/app/node_modules/@acme/foo/package.json: "
              "/perry/nativeLibrary/targets/linux/platformPackages/x86_64: package `@acme/foo`: "
              "platform package `@acme/foo-linux-x64-gnu` (linux, x86_64) is not installed and "
              "the package cannot be built from source here\n"
              "  fix: npm install @acme/foo-linux-x64-gnu@1.2.0\n");

    write_file(tmp / "app/node_modules/@acme/foo/Cargo.toml", "[package]\nname = \"foo\"\n");
    const LinkPlan build = plan_link(TargetKey::Linux, {unbuildable}, for_arch("x86_64"));
    EXPECT_TRUE(build.ok()) << all_diagnostics(build, tmp);
    EXPECT_EQ(build.packages[0].action, PackageAction::Build);
    ASSERT_EQ(build.diagnostics.size(), 1u);
    EXPECT_FALSE(build.diagnostics[0].is_error());
    EXPECT_NE(build.diagnostics[0].message.find("is not installed; building the package root "
                                                "from source instead"),
              std::string::npos)
        << build.diagnostics[0].message;
}

TEST(PerArchPlan, APlatformPackageOfAnotherVersionIsAnError) {
    TempDir tmp;
    write_file(tmp / "app/node_modules/@acme/foo-linux-x64-gnu/package.json",
               platform_json("1.1.0"));
    write_file(tmp / "app/node_modules/@acme/foo-linux-x64-gnu/libfoo.a", "!<arch>\n");
    const PlanPackage main = write_package(tmp.path(), "app/node_modules/@acme/foo",
                                           manifest("@acme/foo", kPlatformEntry));
    const LinkPlan plan = plan_link(TargetKey::Linux, {main}, for_arch("x86_64"));
    EXPECT_FALSE(plan.ok());
    EXPECT_TRUE(plan.packages[0].failed);
    ASSERT_EQ(plan.diagnostics.size(), 1u);
    EXPECT_EQ(plan.diagnostics[0].pointer, "/version");
}

} // namespace
} // namespace perry::linker::test
