// The glob rules of npm's file selection, one behaviour a test, against minimatch's answers
// (matchBase, dot, nocase) as ignore-walk asks them.
#include "pack/ignore_rules.h"

#include <gtest/gtest.h>

namespace perry::linker::pack {
namespace {

bool matches(const std::string& line, const std::string& path, bool is_dir = false) {
    const ParsedRule parsed = parse_rule(line);
    EXPECT_TRUE(parsed.rule) << line << ": " << parsed.error;
    std::vector<std::string> segments;
    std::size_t start = 0;
    for (std::size_t slash; (slash = path.find('/', start)) != std::string::npos; start = slash + 1)
        segments.push_back(path.substr(start, slash - start));
    segments.push_back(path.substr(start));
    return parsed.rule && rule_matches(*parsed.rule, segments, is_dir);
}

TEST(IgnoreRules, ASlashFreePatternMatchesANameAtAnyDepth) {
    EXPECT_TRUE(matches("*.orig", "a.orig"));
    EXPECT_TRUE(matches("*.orig", "deep/down/a.orig"));
    EXPECT_FALSE(matches("*.orig", "a.orig.js"));
    EXPECT_TRUE(matches("npm-debug.log", "x/npm-debug.log"));
}

TEST(IgnoreRules, ALeadingOrInnerSlashAnchorsThePattern) {
    EXPECT_TRUE(matches("/build", "build", true));
    EXPECT_FALSE(matches("/build", "sub/build", true));
    EXPECT_TRUE(matches("lib/*.js", "lib/a.js"));
    EXPECT_FALSE(matches("lib/*.js", "x/lib/a.js"));
    EXPECT_FALSE(matches("lib/*.js", "lib/sub/a.js"));
}

TEST(IgnoreRules, ATrailingSlashMatchesDirectoriesOnly) {
    EXPECT_TRUE(matches("test/", "test", true));
    EXPECT_TRUE(matches("test/", "a/test", true));
    EXPECT_FALSE(matches("test/", "test", false));
}

TEST(IgnoreRules, GlobstarMatchesAnyNumberOfDirectories) {
    EXPECT_TRUE(matches("**/.git", ".git", true));
    EXPECT_TRUE(matches("**/.git", "a/b/.git", true));
    EXPECT_TRUE(matches("dist/**", "dist/a/b.js"));
    EXPECT_TRUE(matches("dist/**", "dist", true)); // as minimatch: `**` may match nothing
    EXPECT_TRUE(matches("a/**/z.js", "a/z.js"));
    EXPECT_TRUE(matches("a/**/z.js", "a/b/c/z.js"));
}

TEST(IgnoreRules, CaseIsIgnoredAndDotFilesAreNames) {
    EXPECT_TRUE(matches("readme*", "README.md"));
    EXPECT_TRUE(matches("*", ".npmrc"));
    EXPECT_TRUE(matches(".*.swp", ".a.swp"));
}

TEST(IgnoreRules, ClassesAndBracesAsNpmsOwnReadmeRule) {
    EXPECT_TRUE(matches("!/readme{,.*[^~$]}", "README"));
    EXPECT_TRUE(matches("!/readme{,.*[^~$]}", "readme.md"));
    EXPECT_FALSE(matches("!/readme{,.*[^~$]}", "readme.md~"));
    EXPECT_FALSE(matches("!/readme{,.*[^~$]}", "docs/readme.md"));
    EXPECT_TRUE(matches("file[0-9].txt", "file7.txt"));
    EXPECT_FALSE(matches("file[!0-9].txt", "file7.txt"));
    EXPECT_TRUE(matches("?.js", "a.js"));
    EXPECT_FALSE(matches("?.js", "ab.js"));
}

TEST(IgnoreRules, ANegatedRuleOpensTheDirectoriesOnItsWay) {
    EXPECT_TRUE(matches("!lib/deep/a.js", "lib", true));
    EXPECT_TRUE(matches("!lib/deep/a.js", "lib/deep", true));
    EXPECT_FALSE(matches("!lib/deep/a.js", "src", true));
    EXPECT_FALSE(matches("lib/deep/a.js", "lib", true)); // only negated rules match partially
}

TEST(IgnoreRules, NegationCommentsAndBlankLines) {
    EXPECT_TRUE(parse_rule("!keep.log").rule->negate);
    EXPECT_FALSE(parse_rule("!!keep.log").rule->negate);
    EXPECT_FALSE(parse_rule("# a comment").rule);
    EXPECT_FALSE(parse_rule("   ").rule);
    EXPECT_TRUE(parse_rule("   ").error.empty());
}

TEST(IgnoreRules, UnsupportedSyntaxIsRefusedWithTheReason) {
    EXPECT_EQ(parse_rule("a\\*b").error, "backslash escapes are not supported");
    EXPECT_EQ(parse_rule("+(a|b).js").error, "extended globs (`+(...)`) are not supported");
    EXPECT_EQ(parse_rule("lib/!(x).js").error, "extended globs (`!(...)`) are not supported");
    EXPECT_EQ(parse_rule("{a,{b,c}}").error, "nested braces are not supported");
    EXPECT_EQ(parse_rule("file{1..3}").error, "brace ranges (`{1..3}`) are not supported");
    EXPECT_EQ(parse_rule("[[:alpha:]]").error,
              "POSIX character classes (`[[:alpha:]]`) are not supported");
    EXPECT_EQ(parse_rule("a[bc").error, "an unclosed `[` is not supported");
    EXPECT_EQ(parse_rule("a{b,c").error, "an unclosed `{` is not supported");
    EXPECT_FALSE(parse_rule("a{b,c").rule);
}

} // namespace
} // namespace perry::linker::pack
