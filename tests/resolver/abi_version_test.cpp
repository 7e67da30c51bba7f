// abiVersion against the runtime: seed 003's rules and exact texts.
#include "perry/resolver/abi_version.h"

#include "perry/ffi.h"

#include <gtest/gtest.h>

namespace {

using namespace perry::resolver;

Version v(const char* text) {
    return *parse_version(text);
}

TEST(AbiVersion, RuntimeVersionComesFromFfiHeader) {
    EXPECT_EQ(runtime_version().major, static_cast<std::uint64_t>(PERRY_FFI_VERSION_MAJOR));
    EXPECT_EQ(runtime_version().minor, static_cast<std::uint64_t>(PERRY_FFI_VERSION_MINOR));
    EXPECT_EQ(runtime_version().patch, static_cast<std::uint64_t>(PERRY_FFI_VERSION_PATCH));
    EXPECT_EQ(runtime_version().to_string(), "0.5.0");
}

TEST(AbiVersion, AcceptsRangesThatIncludeTheRuntime) {
    for (const char* range :
         {"0.5", "^0.5", "~0.5", "0.5.x", ">=0.5.0 <0.6.0", "0.4 || 0.5", "*", "0.5.0"}) {
        AbiCheck check =
            check_abi_version("@perry/dotenv", std::string(range), "package.json", v("0.5.0"));
        EXPECT_TRUE(check.ok) << range;
    }
}

TEST(AbiVersion, MismatchUsesTheSeedText) {
    // Seed 003's own example: "0.5" under perry-ffi 0.6.1.
    AbiCheck check = check_abi_version("@perry/dotenv", std::string("0.5"),
                                       "node_modules/@perry/dotenv/package.json", v("0.6.1"));
    EXPECT_FALSE(check.ok);
    ASSERT_EQ(check.diagnostics.size(), 1u);
    EXPECT_EQ(
        check.diagnostics[0].format(),
        "perry: error: node_modules/@perry/dotenv/package.json: /perry/nativeLibrary/abiVersion: "
        "native library `@perry/dotenv` declares perry-ffi ABI \"0.5\" but this Perry build ships "
        "perry-ffi 0.6.1.\n"
        "  fix: Update the package or use an older Perry release.");
}

TEST(AbiVersion, PinnedPatchLoadsOnlyUnderThatRuntime) {
    EXPECT_TRUE(check_abi_version("p", std::string("0.5.3"), "f", v("0.5.3")).ok);
    EXPECT_FALSE(check_abi_version("p", std::string("0.5.3"), "f", v("0.5.0")).ok);
    AbiCheck pinned = check_abi_version("p", std::string("0.5.3"), "f", v("0.5.3"));
    ASSERT_EQ(pinned.diagnostics.size(), 1u);
    EXPECT_FALSE(pinned.diagnostics[0].is_error());
    EXPECT_EQ(pinned.diagnostics[0].message, "abiVersion \"0.5.3\" pins one exact perry-ffi "
                                             "release; the package will not load under any other");
}

TEST(AbiVersion, MissingIsAWarningIn05AndAnErrorFrom06) {
    AbiCheck now = check_abi_version("@perry/x", std::nullopt, "package.json", v("0.5.0"));
    EXPECT_TRUE(now.ok);
    ASSERT_EQ(now.diagnostics.size(), 1u);
    EXPECT_EQ(
        now.diagnostics[0].format(),
        "perry: warning: package.json: /perry/nativeLibrary: native library `@perry/x` does not "
        "declare `abiVersion` (the perry-ffi ABI it was built against); this is an error from "
        "perry-ffi 0.6.0 on\n"
        "  fix: add \"abiVersion\": \"0.5\" to perry.nativeLibrary (manifest spec v1, "
        "docs/resolver/manifest.md)");
    AbiCheck later = check_abi_version("@perry/x", std::nullopt, "package.json", v("0.6.0"));
    EXPECT_FALSE(later.ok);
    ASSERT_EQ(later.diagnostics.size(), 1u);
    EXPECT_TRUE(later.diagnostics[0].is_error());
    EXPECT_EQ(
        later.diagnostics[0].message,
        "native library `@perry/x` does not declare `abiVersion` (the perry-ffi ABI it was built "
        "against); it is required from perry-ffi 0.6.0");
    EXPECT_FALSE(check_abi_version("@perry/x", std::nullopt, "package.json", v("1.0.0")).ok);
}

TEST(AbiVersion, SyntaxOnlyCheckIgnoresTheRuntime) {
    EXPECT_TRUE(check_abi_version_syntax("p", std::string("^9"), "f").ok);
    EXPECT_TRUE(check_abi_version_syntax("p", std::nullopt, "f").ok);
    AbiCheck bad = check_abi_version_syntax("p", std::string("0.5.x.1"), "f");
    EXPECT_FALSE(bad.ok);
    EXPECT_EQ(bad.diagnostics[0].message, "expected an npm semver range like \"0.5\", found "
                                          "\"0.5.x.1\" (`0.5.x.1` has unexpected text `.1`)");
}

TEST(AbiVersion, HandsBackTheRangeItParsed) {
    const AbiCheck mismatch = check_abi_version("p", std::string("^1.2"), "f", v("0.5.0"));
    EXPECT_FALSE(mismatch.ok); // checked against the runtime, but the range itself is fine
    ASSERT_TRUE(mismatch.range.has_value());
    EXPECT_TRUE(mismatch.range->satisfies(v("1.3.0")));
    EXPECT_FALSE(check_abi_version("p", std::string("0.5.x.1"), "f", v("0.5.0")).range);
    EXPECT_FALSE(check_abi_version_syntax("p", std::nullopt, "f").range);
}

} // namespace
