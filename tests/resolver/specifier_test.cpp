// Bare specifiers: package name and subpath, and the exact reason a specifier is refused.
#include "perry/resolver/specifier.h"

#include <gtest/gtest.h>

namespace perry::resolver {
namespace {

std::string split(const std::string& text) {
    std::string error;
    const auto spec = parse_specifier(text, error);
    return spec ? spec->package + " | " + spec->subpath : "error: " + error;
}

TEST(Specifier, SplitsNameAndSubpath) {
    EXPECT_EQ(split("pkg"), "pkg | .");
    EXPECT_EQ(split("pkg/sub"), "pkg | ./sub");
    EXPECT_EQ(split("pkg/a/b.js"), "pkg | ./a/b.js");
    EXPECT_EQ(split("@scope/pkg"), "@scope/pkg | .");
    EXPECT_EQ(split("@scope/pkg/sub/x"), "@scope/pkg | ./sub/x");
    EXPECT_EQ(split("mysql2/promise"), "mysql2 | ./promise");
}

TEST(Specifier, RefusesWhatIsNotABarePackageName) {
    EXPECT_EQ(split(""), "error: empty specifier");
    EXPECT_EQ(split("./x"),
              "error: not a bare specifier (relative and absolute paths are not packages)");
    EXPECT_EQ(split("/x"),
              "error: not a bare specifier (relative and absolute paths are not packages)");
    EXPECT_EQ(split("node:fs"),
              "error: not a bare specifier (URL and `node:` specifiers are not packages)");
    EXPECT_EQ(split("@scope"), "error: a scoped name needs both parts: @scope/name");
    EXPECT_EQ(split("@/x"), "error: a scoped name needs both parts: @scope/name");
    EXPECT_EQ(split("pkg/../x"), "error: malformed path segment in `pkg/../x`");
    EXPECT_EQ(split("pkg//x"), "error: malformed path segment in `pkg//x`");
    EXPECT_EQ(split("pkg/"), "error: malformed path segment in `pkg/`");
    EXPECT_EQ(split("a\\b"), "error: malformed path segment in `a\\b`");
}

} // namespace
} // namespace perry::resolver
