// Golden tests of link plans and their lines for linux (GNU ld), macos (ld64) and windows (MSVC):
// packages written inline into a scratch directory, a real .pc file read by the real pkg-config,
// and the exact text `--dry-run` prints (golden/<test>.txt; PERRY_UPDATE_GOLDEN=1 rewrites).
#include "golden.h"
#include "plan_fixture.h"

#include <gtest/gtest.h>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;
using perry::testing::matches_golden;
using resolver::TargetKey;

std::string manifest(const std::string& name, const std::string& targets) {
    return R"({"name": ")" + name + R"(", "version": "1.0.0", "perry": {"nativeLibrary": {
  "abiVersion": "0.5",
  "functions": [{"name": "js_)" +
           name.substr(name.find('/') + 1) +
           R"(_run", "params": ["number"], "returns": "number"}],
  "targets": {)" +
           targets + "}}}}\n";
}

// Two packages in import order: `@demo/alpha` ships prebuilts and names every kind of
// dependency; `beta` is a cargo crate to build. Both name `ssl`, which must appear once.
const char* kAlphaTargets = R"(
  "linux": {"prebuilt": "prebuilt/linux/libalpha.a", "libDirs": ["vendor/lib"],
            "libs": ["ssl", "m"], "pkgConfig": ["zq"]},
  "macos": {"prebuilt": "prebuilt/macos/libalpha.a", "libs": ["ssl"], "pkgConfig": ["zq"],
            "frameworks": ["Security", "CoreFoundation"],
            "optionalFrameworks": ["GoogleSignIn"], "frameworksEnv": "ALPHA_GSI_DIR"},
  "windows": {"prebuilt": "prebuilt/windows/alpha.lib", "libDirs": ["vendor/lib"],
              "libs": ["ws2_32", "ssl.lib"], "pkgConfig": ["zq"]})";

const char* kBetaTargets = R"(
  "linux": {"crate": "native", "lib": "beta", "libs": ["ssl", "z"], "cargo_features": ["fast"]},
  "macos": {"crate": "native", "lib": "beta", "frameworks": ["Security"]},
  "windows": {"crate": "native", "lib": "beta", "libs": ["ws2_32", "ssl"]})";

class LinkPlanGolden : public ::testing::Test {
  protected:
    LinkPlanGolden() {
        // A real .pc file with a dependency and a blank in a path (escaped, as .pc files must).
        write_file(tmp / "pc/zq.pc", "prefix=/opt/z\\ q\nlibdir=${prefix}/lib\nName: zq\n"
                                     "Description: a test library\nVersion: 1.0\n"
                                     "Requires: zdep\nLibs: -L${libdir} -lzq -lm -pthread\n");
        write_file(tmp / "pc/zdep.pc", "Name: zdep\nDescription: its dependency\nVersion: 2.0\n"
                                       "Libs: -L/opt/zdep/lib -lzdep -lm\n");
        environment = {{"PKG_CONFIG_PATH", (tmp.path() / "pc").string()}};
    }

    std::vector<PlanPackage> alpha_and_beta() {
        for (const char* file : {"prebuilt/linux/libalpha.a", "prebuilt/macos/libalpha.a",
                                 "prebuilt/windows/alpha.lib"}) {
            write_file(tmp / ("alpha/" + std::string(file)), "!<arch>\n");
        }
        write_file(tmp / "beta/native/Cargo.toml", "[package]\nname = \"beta\"\n");
        return {write_package(tmp.path(), "alpha", manifest("@demo/alpha", kAlphaTargets)),
                write_package(tmp.path(), "beta", manifest("beta", kBetaTargets))};
    }

    // Plans, plays the driver's build step, renders: the golden text.
    std::string link(TargetKey target, const std::vector<PlanPackage>& packages) {
        LinkPlan plan = plan_link(target, packages, {TargetKey::Linux});
        pretend_built(plan, tmp.path());
        LinkLineOptions options;
        options.objects = {"main.o"};
        options.runtime_archive =
            target == TargetKey::Windows ? "perry/perry_ffi.lib" : "perry/libperry_ffi.a";
        options.output = "app";
        options.environment = environment;
        const LinkLine line = make_link_line(plan, options);
        return golden_text(plan, &line, tmp.path());
    }

    TempDir tmp;
    Environment environment;
};

TEST_F(LinkPlanGolden, Linux) {
    EXPECT_TRUE(matches_golden(golden_file("linux"), link(TargetKey::Linux, alpha_and_beta())));
}

TEST_F(LinkPlanGolden, MacosWithTheFrameworkDirectorySet) {
    fs::create_directories(tmp.path() / "Frameworks");
    environment["ALPHA_GSI_DIR"] = (tmp.path() / "Frameworks").string();
    EXPECT_TRUE(matches_golden(golden_file("macos-framework-dir-set"),
                               link(TargetKey::Macos, alpha_and_beta())));
}

TEST_F(LinkPlanGolden, MacosWithTheFrameworkDirectoryUnset) {
    EXPECT_TRUE(matches_golden(golden_file("macos-framework-dir-unset"),
                               link(TargetKey::Macos, alpha_and_beta())));
}

TEST_F(LinkPlanGolden, MacosWithTheFrameworkVariableNamingNoDirectory) {
    environment["ALPHA_GSI_DIR"] = (tmp.path() / "no-such-dir").string();
    EXPECT_TRUE(matches_golden(golden_file("macos-framework-dir-missing"),
                               link(TargetKey::Macos, alpha_and_beta())));
}

TEST_F(LinkPlanGolden, Windows) {
    EXPECT_TRUE(matches_golden(golden_file("windows"), link(TargetKey::Windows, alpha_and_beta())));
}

TEST_F(LinkPlanGolden, Json) {
    LinkPlan plan = plan_link(TargetKey::Linux, alpha_and_beta(), {TargetKey::Linux});
    pretend_built(plan, tmp.path());
    LinkLineOptions options;
    options.objects = {"main.o"};
    options.runtime_archive = "perry/libperry_ffi.a";
    options.output = "app";
    options.environment = environment;
    const LinkLine line = make_link_line(plan, options);
    EXPECT_TRUE(matches_golden(golden_file("linux-json"),
                               scrubbed(link_plan_json(plan, &line), tmp.path())));
}

TEST_F(LinkPlanGolden, TargetWithoutAnEntryIsSkippedWithTheReason) {
    std::vector<PlanPackage> packages = alpha_and_beta();
    write_file(tmp / "gamma/prebuilt/libgamma.a", "!<arch>\n");
    packages.push_back(write_package(
        tmp.path(), "gamma", manifest("gamma", R"("macos": {"prebuilt": "prebuilt/libgamma.a"},
                             "ios": {"prebuilt": "prebuilt/libgamma.a"})")));
    EXPECT_TRUE(matches_golden(golden_file("skipped-target"), link(TargetKey::Linux, packages)));
}

TEST_F(LinkPlanGolden, MissingPrebuilt) {
    // delta can build its crate instead (a warning); epsilon has nothing to build (an error).
    write_file(tmp / "delta/native/Cargo.toml", "[package]\nname = \"delta\"\n");
    const std::vector<PlanPackage> packages = {
        write_package(tmp.path(), "delta",
                      manifest("delta", R"("linux": {"prebuilt": "prebuilt/libdelta.a",
                                                     "crate": "native", "lib": "delta"})")),
        write_package(tmp.path(), "epsilon",
                      manifest("epsilon", R"("linux": {"prebuilt": "prebuilt/libepsilon.a"})")),
    };
    EXPECT_TRUE(matches_golden(golden_file("missing-prebuilt"), link(TargetKey::Linux, packages)));
}

TEST_F(LinkPlanGolden, PkgConfigFailureQuotesPkgConfig) {
    write_file(tmp / "zeta/libzeta.a", "!<arch>\n");
    const std::vector<PlanPackage> packages = {
        write_package(tmp.path(), "zeta", manifest("zeta", R"("linux": {"prebuilt": "libzeta.a",
                                      "pkgConfig": ["zq", "perry-no-such-library"]})"))};
    EXPECT_TRUE(
        matches_golden(golden_file("pkg-config-failure"), link(TargetKey::Linux, packages)));
}

TEST_F(LinkPlanGolden, OnlyCargoFeaturesBuildsThePackageRoot) {
    // The shape of published packages (tursodb, iroh, dgram): no crate, no lib, no prebuilt.
    write_file(tmp / "eta/Cargo.toml", "[package]\nname = \"perry-eta-binding\"\n");
    const std::vector<PlanPackage> packages = {write_package(
        tmp.path(), "eta", manifest("eta", R"("linux": {"cargo_features": ["bundled"]})"))};
    EXPECT_TRUE(matches_golden(golden_file("inferred-crate"), link(TargetKey::Linux, packages)));
}

TEST_F(LinkPlanGolden, WebHasNoNativeLinkLine) {
    write_file(tmp / "theta/native/web/pkg/theta_bg.wasm", "\0asm");
    write_file(tmp / "theta/native/web/pkg/theta.js", "export {};\n");
    const std::vector<PlanPackage> packages = {write_package(
        tmp.path(), "theta", manifest("theta", R"("web": {"prebuilt": "./native/web/pkg/"})"))};
    EXPECT_TRUE(matches_golden(golden_file("web"), link(TargetKey::Web, packages)));
}

TEST_F(LinkPlanGolden, EntriesThatYieldNothingToLink) {
    // iota: a prebuilt directory with two archives and no `lib`; kappa: a CMake crate without
    // `lib`; lambda: a CMake crate for a target that is not this host; mu: a crate directory
    // without a build file; nu: an invalid manifest (a function without `returns`).
    write_file(tmp / "iota/prebuilt/libone.a", "!<arch>\n");
    write_file(tmp / "iota/prebuilt/libtwo.a", "!<arch>\n");
    write_file(tmp / "kappa/CMakeLists.txt", "project(kappa C)\n");
    write_file(tmp / "lambda/native/CMakeLists.txt", "project(lambda C)\n");
    write_file(tmp / "mu/native/README", "nothing to build\n");
    const std::vector<PlanPackage> packages = {
        write_package(tmp.path(), "iota",
                      manifest("iota", R"("linux": {"prebuilt": "prebuilt/"})")),
        write_package(tmp.path(), "kappa", manifest("kappa", R"("linux": {"crate": "."})")),
        write_package(tmp.path(), "lambda",
                      manifest("lambda", R"("macos": {"crate": "native", "lib": "lambda"})")),
        write_package(tmp.path(), "mu",
                      manifest("mu", R"("linux": {"crate": "native", "lib": "mu"})")),
        write_package(tmp.path(), "nu",
                      R"({"name": "nu", "perry": {"nativeLibrary": {"abiVersion": "0.5",
                          "functions": [{"name": "js_nu", "params": []}],
                          "targets": {"linux": {"prebuilt": "libnu.a"}}}}})"),
    };
    std::string text;
    for (TargetKey target : {TargetKey::Linux, TargetKey::Macos}) {
        const LinkPlan plan = plan_link(target, packages, {TargetKey::Linux});
        text += golden_text(plan, nullptr, tmp.path());
    }
    EXPECT_TRUE(matches_golden(golden_file("nothing-to-link"), text));
}

TEST_F(LinkPlanGolden, FrameworksOutsideAppleTargetsAndOptionalOnesWithoutAVariable) {
    write_file(tmp / "xi/libxi.a", "!<arch>\n");
    write_file(tmp / "xi/native/Cargo.toml",
               "[package]\nname = \"xi-native\"\n[lib]\nname = \"xi_core\"\n");
    const std::vector<PlanPackage> packages = {
        write_package(tmp.path(), "xi",
                      manifest("xi", R"("linux": {"prebuilt": "libxi.a", "frameworks": ["Metal"],
                                    "optionalFrameworks": ["GoogleSignIn"]},
                          "ios": {"crate": "native", "frameworks": ["UIKit"], "swift_sources": ["native/Bridge.swift"],
                                  "optionalFrameworks": ["GoogleSignIn"]})"))};
    EXPECT_TRUE(matches_golden(golden_file("frameworks-elsewhere"),
                               link(TargetKey::Linux, packages) + link(TargetKey::Ios, packages)));
}

} // namespace
} // namespace perry::linker::test
