// npm's naming rules and the symbol stem. The expected messages are what
// validate-npm-package-name 7.0.2 (npm's own checker) returns for the same names: errors first,
// then the warnings that make a name invalid for a new package.
#include "perry/linker/scaffold.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using perry::linker::npm_name_problems;
using perry::linker::symbol_stem;
using perry::linker::unscoped_name;
using Problems = std::vector<std::string>;

TEST(NpmName, ValidNames) {
    for (const char* name :
         {"my-bindings", "@acme/pdf-tools", "a", "x.y_z-1", "@x~y/z", "fsevents", "@types/node"}) {
        EXPECT_EQ(npm_name_problems(name), Problems{}) << name;
    }
}

TEST(NpmName, EachRuleIsNamedInNpmsWords) {
    const std::string too_long(215, 'a');
    const std::vector<std::pair<std::string, Problems>> cases = {
        {"", {"name length must be greater than zero"}},
        {"Foo", {"name can no longer contain capital letters"}},
        {".hidden", {"name cannot start with a period"}},
        {"_private", {"name cannot start with an underscore"}},
        {"-dash", {"name cannot start with a hyphen"}},
        {" space",
         {"name cannot contain leading or trailing spaces",
          "name can only contain URL-friendly characters"}},
        {"node_modules", {"node_modules is not a valid package name"}},
        {"Favicon.ico",
         {"favicon.ico is not a valid package name", "name can no longer contain capital letters"}},
        {"fs", {"fs is a core module name"}},
        {"HTTP", {"HTTP is a core module name", "name can no longer contain capital letters"}},
        {too_long, {"name can no longer contain more than 214 characters"}},
        {"ex!t", {"name can no longer contain special characters (\"~'!()*\")"}},
        {"@scope/ex(t)", {"name can no longer contain special characters (\"~'!()*\")"}},
        {"a~b", {"name can no longer contain special characters (\"~'!()*\")"}},
        {"has space", {"name can only contain URL-friendly characters"}},
        {"@acme/.dot", {"name cannot start with a period"}},
        {"@acme/a/b", {"name can only contain URL-friendly characters"}},
        {"h\xc3\xa9llo", {"name can only contain URL-friendly characters"}},
        {"@/x", {"name can only contain URL-friendly characters"}},
        {"@a/", {"name can only contain URL-friendly characters"}},
    };
    for (const auto& [name, expected] : cases) {
        EXPECT_EQ(npm_name_problems(name), expected) << "name: \"" << name << "\"";
    }
}

TEST(NpmName, ExactlyTheLengthLimitIsAllowed) {
    EXPECT_EQ(npm_name_problems(std::string(214, 'a')), Problems{});
}

TEST(SymbolStem, DropsTheScopeAndJoinsWordsWithUnderscores) {
    EXPECT_EQ(symbol_stem("@acme/pdf-tools"), "pdf_tools");
    EXPECT_EQ(symbol_stem("my-bindings"), "my_bindings");
    EXPECT_EQ(symbol_stem("my_bindings"), "my_bindings");
    EXPECT_EQ(symbol_stem("a..b--c__d"), "a_b_c_d");
    EXPECT_EQ(symbol_stem("x-"), "x");
    EXPECT_EQ(symbol_stem("@a/_x"), "x");
    EXPECT_EQ(symbol_stem("3d-tools"), "3d_tools");
    EXPECT_EQ(symbol_stem("@a/-"), "");
}

TEST(UnscopedName, KeepsTheNameAfterTheScope) {
    EXPECT_EQ(unscoped_name("@acme/pdf-tools"), "pdf-tools");
    EXPECT_EQ(unscoped_name("pdf-tools"), "pdf-tools");
}

} // namespace
