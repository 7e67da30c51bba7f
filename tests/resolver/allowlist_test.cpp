// The host allowlist: matching rules, the JSON a refusal proposes, and every malformed form.
#include "perry/resolver/allowlist.h"

#include "support/temp_tree.h"

#include <gtest/gtest.h>

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
    EXPECT_EQ(errors_of("{"),
              std::vector<std::string>{
                  "package.json: not a JSON object; the host package.json must parse"});
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
