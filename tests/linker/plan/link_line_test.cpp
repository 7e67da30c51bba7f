// Unit tests of the link line's parts: splitting pkg-config output, quoting a printable command,
// the duplicate rule, the target table, and a line asked for before the build.
#include "perry/linker/link_line.h"
#include "plan/pkg_config.h"
#include "plan/rust_runtime.h"
#include "plan_fixture.h"

#include <gtest/gtest.h>

namespace perry::linker::test {
namespace {

using detail::split_shell_words;
using resolver::TargetKey;
using Words = std::vector<std::string>;

TEST(SplitShellWordsTest, SplitsLikeAShellWithoutExpansions) {
    EXPECT_EQ(split_shell_words("  -L/opt/a -lfoo\t-pthread \n"),
              (Words{"-L/opt/a", "-lfoo", "-pthread"}));
    EXPECT_EQ(split_shell_words("-L/opt/z\\ q/lib -lzq"), (Words{"-L/opt/z q/lib", "-lzq"}));
    EXPECT_EQ(split_shell_words("'-L/a b' \"-L/c \\\"d\\\"\" -Wl,x\\\\y"),
              (Words{"-L/a b", "-L/c \"d\"", "-Wl,x\\y"}));
    EXPECT_EQ(split_shell_words("\"a\\b\" ''"), (Words{"a\\b", ""}));
    EXPECT_EQ(split_shell_words(""), Words{});
    EXPECT_EQ(split_shell_words("'open"), std::nullopt);
    EXPECT_EQ(split_shell_words("\"open"), std::nullopt);
    EXPECT_EQ(split_shell_words("trailing\\"), std::nullopt);
}

TEST(PrintableCommandTest, QuotesOnlyWhatNeedsIt) {
    EXPECT_EQ(
        printable_command({"cc", "-o", "app", "-L/opt/z q/lib", "it's", ""}, LinkFlavor::GnuLd),
        "cc -o app '-L/opt/z q/lib' 'it'\\''s' ''");
    EXPECT_EQ(printable_command({"link.exe", "/OUT:my app.exe", "C:\\a b\\", "say \"hi\"", "x"},
                                LinkFlavor::Msvc),
              "link.exe \"/OUT:my app.exe\" \"C:\\a b\\\\\" \"say \\\"hi\\\"\" x");
}

TEST(TargetTableTest, EveryTargetHasAFlavor) {
    for (TargetKey key : resolver::all_target_keys()) {
        const std::string name(resolver::target_key_name(key));
        const LinkFlavor flavor = target_flavor(key);
        if (name == "linux" || name == "android" || name == "harmonyos") {
            EXPECT_EQ(flavor, LinkFlavor::GnuLd) << name;
        } else if (name == "windows") {
            EXPECT_EQ(flavor, LinkFlavor::Msvc) << name;
        } else if (name == "web") {
            EXPECT_EQ(flavor, LinkFlavor::None) << name;
        } else {
            EXPECT_EQ(flavor, LinkFlavor::Ld64) << name;
        }
    }
    EXPECT_EQ(to_string(LinkFlavor::Ld64), "ld64");
}

TEST(LinkLineTest, LibrariesKeepTheirLastPlaceAndDirectoriesTheirFirst) {
    TempDir tmp;
    write_file(tmp / "a/liba.a", "!<arch>\n");
    write_file(tmp / "b/libb.a", "!<arch>\n");
    auto manifest = [](const std::string& name, const std::string& linux) {
        return R"({"name": ")" + name + R"(", "perry": {"nativeLibrary": {"abiVersion": "0.5",
            "functions": [], "targets": {"linux": )" +
               linux + "}}}}";
    };
    const std::vector<PlanPackage> packages = {
        write_package(tmp.path(), "a",
                      manifest("a", R"({"prebuilt": "liba.a", "libDirs": ["lib", "shared"],
                                       "libs": ["z", "ssl", "z"]})")),
        write_package(tmp.path(), "b", manifest("b", R"({"prebuilt": "libb.a", "libDirs": ["lib"],
                                       "libs": ["crypto", "ssl", "m"]})")),
    };
    const LinkPlan plan = plan_link(TargetKey::Linux, packages);
    ASSERT_TRUE(plan.ok());
    LinkLineOptions options;
    options.objects = {"main.o", "main.o"};
    options.driver_flags = {"-fuse-ld=lld"};
    options.runtime_archive = "libperry_ffi.a";
    const LinkLine line = make_link_line(plan, options);
    ASSERT_TRUE(line.ok());
    EXPECT_EQ(scrubbed(printable_command(line.argv, line.flavor), tmp.path()),
              "cc -fuse-ld=lld main.o $TMP/a/liba.a $TMP/b/libb.a libperry_ffi.a -L$TMP/a/lib "
              "-L$TMP/a/shared "
              "-lz -L$TMP/b/lib -lcrypto -lssl -lstdc++ -lm -lpthread");
}

TEST(LinkLineTest, AnEntryStillToBuildIsAnError) {
    TempDir tmp;
    write_file(tmp / "a/Cargo.toml", "[package]\nname = \"a\"\n");
    const std::vector<PlanPackage> packages = {write_package(
        tmp.path(), "a",
        R"({"name": "a", "perry": {"nativeLibrary": {"abiVersion": "0.5", "functions": [],
            "targets": {"linux": {"crate": ".", "lib": "a"}}}}})")};
    const LinkPlan plan = plan_link(TargetKey::Linux, packages);
    ASSERT_TRUE(plan.ok());
    const LinkLine line = make_link_line(plan, {});
    ASSERT_EQ(line.diagnostics.size(), 1u);
    EXPECT_EQ(scrubbed(line.diagnostics[0].format(), tmp.path()),
              "perry: error: $TMP/a/package.json: /perry/nativeLibrary/targets/linux: package `a` "
              "has no archive yet: it is to be built from $TMP/a\n"
              "  fix: build the plan's `build` entries before making the link line");
    EXPECT_TRUE(line.argv.empty());
}

TEST(LinkLineTest, APackageImportedTwiceIsPlannedOnce) {
    TempDir tmp;
    write_file(tmp / "a/liba.a", "!<arch>\n");
    const PlanPackage a = write_package(
        tmp.path(), "a",
        R"({"name": "a", "perry": {"nativeLibrary": {"abiVersion": "0.5", "functions": [],
            "targets": {"linux": {"prebuilt": "liba.a"}}}}})");
    EXPECT_EQ(plan_link(TargetKey::Linux, {a, a}).packages.size(), 1u);
}

TEST(RustRuntimeTest, TellsTheRustRuntimeFromABindingsOwnSymbols) {
    EXPECT_TRUE(detail::is_rust_symbol_name("_RNvCsfLfy6EI15iL_7___rustc17rust_begin_unwind"));
    EXPECT_TRUE(detail::is_rust_symbol_name("_ZN3std2io5stdio6_print17h0123456789abcdefE"));
    EXPECT_TRUE(detail::is_rust_symbol_name("rust_eh_personality"));
    EXPECT_TRUE(detail::is_rust_symbol_name("__rust_alloc"));
    EXPECT_FALSE(detail::is_rust_symbol_name("js_probe_add"));
    EXPECT_FALSE(detail::is_rust_symbol_name("_ZN5perry5Value3getEv")); // C++, no hash
    EXPECT_FALSE(detail::is_rust_symbol_name("_Rx"));
    EXPECT_TRUE(
        detail::is_rust_sysroot_member("std-d1237ef7159db0a2.std.e28293b1aa0f68bd-cgu.0.rcgu.o"));
    EXPECT_TRUE(detail::is_rust_sysroot_member("45c91108d938afe8-absvdi2.o"));
    EXPECT_FALSE(detail::is_rust_sysroot_member(
        "perry_symbols_probe-05e134430b6405f7.perry_symbols_probe.a00ebd762b66729a-cgu.0.rcgu.o"));
    EXPECT_FALSE(detail::is_rust_sysroot_member("binding.o"));
}

} // namespace
} // namespace perry::linker::test
