// The names a program's package.json depends on (what `perry native link`, `lock` and `doctor`
// resolve when no imports are named), read by the one package.json reader.
#include "perry/resolver/program_dependencies.h"

#include "support/temp_tree.h"

#include <gtest/gtest.h>

namespace perry::resolver {
namespace {

using perry::test::TempTree;

std::vector<std::string> messages(const ProgramDependencies& read) {
    std::vector<std::string> out;
    for (const Diagnostic& d : read.diagnostics)
        out.push_back(d.format());
    return out;
}

TEST(ProgramDependencies, DependenciesThenOptionalOnesInDocumentOrder) {
    TempTree tree({{"package.json",
                    R"({ "name": "app", "optionalDependencies": { "z-opt": "1", "a-opt": "1" },)"
                    R"( "dependencies": { "zeta": "1", "@s/alpha": "1", "mid": "1" } })"}});
    const ProgramDependencies read = read_program_dependencies(tree.path("package.json"));
    EXPECT_TRUE(read.diagnostics.empty());
    EXPECT_EQ(read.names, (std::vector<std::string>{"zeta", "@s/alpha", "mid", "z-opt", "a-opt"}));
}

TEST(ProgramDependencies, ANameWrittenTwiceInOneObjectIsListedOnce) {
    TempTree tree({{"package.json", R"({ "dependencies": { "a": "1", "b": "1", "a": "2" } })"}});
    EXPECT_EQ(read_program_dependencies(tree.path("package.json")).names,
              (std::vector<std::string>{"a", "b"}));
}

TEST(ProgramDependencies, NoDependenciesIsNoNames) {
    TempTree tree({{"package.json", R"({ "name": "app" })"}});
    const ProgramDependencies read = read_program_dependencies(tree.path("package.json"));
    EXPECT_TRUE(read.names.empty());
    EXPECT_TRUE(read.diagnostics.empty());
}

TEST(ProgramDependencies, ProblemsAreDiagnosticsWithTheirFix) {
    TempTree tree(
        {{"bad.json", "{ \"dependencies\": [1, }"},
         {"array.json", "[1]"},
         {"member.json", R"({ "dependencies": ["a"], "optionalDependencies": { "b": "1" } })"}});
    EXPECT_EQ(messages(read_program_dependencies(tree.path("bad.json"))),
              std::vector<std::string>{"perry: error: " + tree.path("bad.json") +
                                       ": not a JSON object\n  fix: fix the file (`perry native "
                                       "validate` shows where it breaks)"});
    EXPECT_EQ(read_program_dependencies(tree.path("array.json")).diagnostics.size(), 1u);
    const ProgramDependencies member = read_program_dependencies(tree.path("member.json"));
    EXPECT_EQ(messages(member),
              std::vector<std::string>{"perry: error: " + tree.path("member.json") +
                                       ": /dependencies: not an object\n  fix: write it as { "
                                       "\"name\": \"version range\" }"});
    EXPECT_EQ(member.names, std::vector<std::string>{"b"});
    EXPECT_EQ(messages(read_program_dependencies(tree.path("missing.json"))),
              std::vector<std::string>{"perry: error: " + tree.path("missing.json") +
                                       ": cannot read the program's package.json\n  fix: check "
                                       "its permissions, or name the imports with --import"});
}

} // namespace
} // namespace perry::resolver
