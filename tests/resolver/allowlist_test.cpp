// The host allowlist: matching rules, the JSON a refusal proposes, and every malformed form.
#include "perry/resolver/allowlist.h"

#include "support/temp_tree.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace perry::resolver {
namespace {

std::vector<std::string> errors_of(const std::string& text) {
    std::vector<AllowlistError> errors;
    EXPECT_FALSE(Allowlist::parse(text, "package.json", errors));
    std::vector<std::string> out;
    for (const auto& e : errors) {
        out.push_back(e.describe());
    }
    return out;
}

TEST(Allowlist, MatchesNamesScopesAndStar) {
    std::vector<AllowlistError> errors;
    const auto list = Allowlist::parse(
        R"({"perry": {"allow": {"nativeLibrary": ["exact", "@team/*"]}}})", "package.json", errors);
    ASSERT_TRUE(list);
    EXPECT_TRUE(list->allows("exact"));
    EXPECT_FALSE(list->allows("exactly"));
    EXPECT_TRUE(list->allows("@team/a"));
    EXPECT_FALSE(list->allows("@team/"));
    EXPECT_FALSE(list->allows("@teammate/a"));
    EXPECT_FALSE(list->allows("other"));
    EXPECT_EQ(list->json_to_allow("other"),
              R"({"allow":{"nativeLibrary":["exact","@team/*","other"]}})");
}

TEST(Allowlist, AbsentMeansNoRestriction) {
    std::vector<AllowlistError> errors;
    EXPECT_FALSE(Allowlist::parse(R"({"name": "app"})", "package.json", errors));
    EXPECT_FALSE(Allowlist::parse(R"({"perry": {"allow": {}}})", "package.json", errors));
    EXPECT_TRUE(errors.empty());
    const auto empty =
        Allowlist::parse(R"({"perry": {"allow": {"nativeLibrary": []}}})", "package.json", errors);
    ASSERT_TRUE(empty); // present but empty: nothing is allowed
    EXPECT_FALSE(empty->allows("x"));
    EXPECT_EQ(empty->json_to_allow("x"), R"({"allow":{"nativeLibrary":["x"]}})");
}

TEST(Allowlist, MalformedFormsAreErrorsWithPointers) {
    // The same reader and the same message as every package.json: file, line, column.
    EXPECT_EQ(errors_of("{"),
              std::vector<std::string>{"package.json:1:2: invalid JSON: syntax error while "
                                       "parsing object key - unexpected end of input; expected "
                                       "string literal"});
    EXPECT_EQ(errors_of("[1]"),
              std::vector<std::string>{"package.json: expected a JSON object at the top level"});
    EXPECT_EQ(
        errors_of(R"({"perry": {"allow": []}})"),
        std::vector<std::string>{
            "package.json: /perry/allow: expected an object like {\"nativeLibrary\": [...]}"});
    EXPECT_EQ(
        errors_of(R"({"perry": {"allow": {"nativeLibrary": "*"}}})"),
        std::vector<std::string>{"package.json: /perry/allow/nativeLibrary: expected an array "
                                 "of package names, \"@scope/*\" or \"*\""});
    EXPECT_EQ(
        errors_of(R"({"perry": {"allow": {"nativeLibrary": ["ok", 3, "a*", "@s/x*", ""]}}})"),
        (std::vector<std::string>{
            "package.json: /perry/allow/nativeLibrary/1: expected a package name, \"@scope/*\" "
            "or \"*\", found 3",
            "package.json: /perry/allow/nativeLibrary/2: expected a package name, \"@scope/*\" "
            "or \"*\", found \"a*\"",
            "package.json: /perry/allow/nativeLibrary/3: expected a package name, \"@scope/*\" "
            "or \"*\", found \"@s/x*\"",
            "package.json: /perry/allow/nativeLibrary/4: expected a package name, \"@scope/*\" "
            "or \"*\", found \"\""}));
}

TEST(Allowlist, AnUnreadableHostPackageJsonIsAnErrorNotASkippedAllowlist) {
    test::TempTree tree({{"app/src/main.ts", ""}, {"fifo/src/main.ts", ""}});
    std::filesystem::create_directories(tree.path("app/package.json"));
    HostAllowlist dir = load_host_allowlist(tree.path("app/src"));
    EXPECT_EQ(dir.file, tree.path("app/package.json"));
    EXPECT_FALSE(dir.allowlist);
    ASSERT_EQ(dir.errors.size(), 1u);
    EXPECT_EQ(dir.errors[0].describe(),
              tree.path("app/package.json") +
                  ": cannot read the host package.json: not a regular file");
    EXPECT_EQ(dir.errors[0].fix, "make it a readable JSON file, or remove it");
    // A FIFO with no writer: an error at once, not a read that waits for one.
    ASSERT_EQ(::mkfifo(tree.path("fifo/package.json").c_str(), 0600), 0);
    HostAllowlist fifo = load_host_allowlist(tree.path("fifo/src"));
    ASSERT_EQ(fifo.errors.size(), 1u);
    EXPECT_EQ(fifo.errors[0].describe(),
              tree.path("fifo/package.json") +
                  ": cannot read the host package.json: not a regular file");
}

TEST(Allowlist, HostIsTheNearestPackageJsonOutsideNodeModules) {
    test::TempTree tree({
        {"app/package.json", "{}"},
        {"app/src/lib/x.ts", ""},
        {"app/node_modules/dep/package.json", "{}"},
        {"app/node_modules/dep/src/y.ts", ""},
        {"lone/file.ts", ""},
    });
    EXPECT_EQ(find_host_package_json(tree.path("app/src/lib")), tree.path("app/package.json"));
    EXPECT_EQ(find_host_package_json(tree.path("app/node_modules/dep/src")),
              tree.path("app/package.json"));
    EXPECT_EQ(find_host_package_json(tree.path("lone")), std::nullopt);
}

} // namespace
} // namespace perry::resolver
