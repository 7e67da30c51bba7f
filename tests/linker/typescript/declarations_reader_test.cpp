// The TypeScript declarations reader: which statements are declarations, what it records of
// each (names, parameters, types flattened to union members, places), and syntax errors.
#include "typescript/declarations_reader.h"

#include <gtest/gtest.h>

#include <tree_sitter/api.h>

namespace perry::linker::typescript {
namespace {

using Members = std::vector<std::string>;

std::vector<std::string> names(const SourceDeclarations& source) {
    std::vector<std::string> out;
    for (const DeclaredFunction& function : source.functions)
        out.push_back(function.name);
    return out;
}

TEST(DeclarationsReader, GrammarAbiIsOneTheLibraryReads) {
    const GrammarAbi abi = grammar_abi();
    EXPECT_EQ(abi.library_min, unsigned{TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION});
    EXPECT_EQ(abi.library_max, unsigned{TREE_SITTER_LANGUAGE_VERSION});
    EXPECT_GE(abi.grammar, abi.library_min);
    EXPECT_LE(abi.grammar, abi.library_max);
}

TEST(DeclarationsReader, DeclareAndExportDeclareAreDeclarations) {
    const SourceDeclarations source = read_declarations(R"(// a comment
declare function js_a(x: string): number;
export declare function js_b(): void;
function js_body(x: number): number { return x; }
export function js_exported_body(): void {}
declare const js_value: number;
)",
                                                        false);
    ASSERT_FALSE(source.syntax_error);
    EXPECT_EQ(names(source), (std::vector<std::string>{"js_a", "js_b"}));
}

TEST(DeclarationsReader, BodilessSignaturesAreDeclarationsInADeclarationFileOnly) {
    const char* text = "export function js_a(x: string): number;\nfunction js_b(): void;\n"
                       "declare function js_c(): void;\n";
    EXPECT_EQ(names(read_declarations(text, true)),
              (std::vector<std::string>{"js_a", "js_b", "js_c"}));
    EXPECT_EQ(names(read_declarations(text, false)), (std::vector<std::string>{"js_c"}));
}

TEST(DeclarationsReader, ParametersAndReturnAsWritten) {
    const SourceDeclarations source = read_declarations(
        "declare function js_f(this: void, a: string,\n"
        "    b?: number | bigint, c: (Uint8Array | null), ...rest: number[]): Promise<string>;\n"
        "declare function js_g(untyped);\n",
        false);
    ASSERT_EQ(source.functions.size(), 2u);
    const DeclaredFunction& f = source.functions[0];
    EXPECT_EQ(f.place.line, 1);
    EXPECT_EQ(f.place.column, 18);
    ASSERT_EQ(f.params.size(), 4u); // `this` takes no argument
    EXPECT_EQ(f.params[0].name, "a");
    EXPECT_EQ(f.params[0].type.members, Members{"string"});
    EXPECT_FALSE(f.params[0].optional);
    EXPECT_TRUE(f.params[1].optional);
    EXPECT_EQ(f.params[1].type.text, "number | bigint");
    EXPECT_EQ(f.params[1].type.members, (Members{"number", "bigint"}));
    EXPECT_EQ(f.params[1].type.place.line, 2);
    EXPECT_EQ(f.params[1].type.place.column, 9);
    EXPECT_EQ(f.params[2].type.members, (Members{"Uint8Array", "null"}));
    EXPECT_TRUE(f.params[3].rest);
    EXPECT_EQ(f.params[3].name, "...rest");
    EXPECT_EQ(f.returns.members, Members{"Promise<string>"});

    const DeclaredFunction& g = source.functions[1];
    ASSERT_EQ(g.params.size(), 1u);
    EXPECT_FALSE(g.params[0].type.present);
    EXPECT_FALSE(g.returns.present);
    EXPECT_EQ(g.returns.place.line, 3); // after the parameter list
    EXPECT_EQ(g.returns.place.column, 31);
}

TEST(DeclarationsReader, TypeAliasesOfTheFileAreExpanded) {
    const SourceDeclarations source = read_declarations(
        "export type Handle = number | bigint;\ntype Bytes = Buffer;\ntype Loop = Loop2;\n"
        "type Loop2 = Loop;\n"
        "declare function js_f(h: Handle | null, b: Bytes, l: Loop): Handle;\n",
        false);
    ASSERT_EQ(source.functions.size(), 1u);
    const DeclaredFunction& f = source.functions[0];
    EXPECT_EQ(f.params[0].type.members, (Members{"number", "bigint", "null"}));
    EXPECT_EQ(f.params[0].type.text, "Handle | null");
    EXPECT_EQ(f.params[1].type.members, Members{"Buffer"});
    ASSERT_EQ(f.params[2].type.members.size(), 1u); // a cycle ends, at a name
    EXPECT_EQ(f.returns.members, (Members{"number", "bigint"}));
}

TEST(DeclarationsReader, ASyntaxErrorIsReportedWithItsPlace) {
    const SourceDeclarations missing =
        read_declarations("declare function js_a(x: string): number;\n"
                          "declare function js_b(x: number: void;\n",
                          false);
    ASSERT_TRUE(missing.syntax_error);
    EXPECT_EQ(missing.syntax_error->line, 2);
    EXPECT_TRUE(missing.functions.empty());
    EXPECT_FALSE(missing.syntax_problem.empty());

    const SourceDeclarations unexpected =
        read_declarations("declare function js_a(x: string): number;\n\n  ) (;\n", false);
    ASSERT_TRUE(unexpected.syntax_error);
    EXPECT_EQ(unexpected.syntax_error->line, 3);
    EXPECT_EQ(unexpected.syntax_problem.rfind("unexpected `", 0), 0u) << unexpected.syntax_problem;
}

TEST(DeclarationsReader, DeepNestingNeitherCrashesNorHangs) {
    const std::size_t depth = 100000;
    const std::string nested = std::string(depth, '(') + "number" + std::string(depth, ')');
    const SourceDeclarations source =
        read_declarations("declare function js_a(x: " + nested + " | string): void;\n", false);
    EXPECT_TRUE(source.failure.empty());
    ASSERT_FALSE(source.syntax_error);
    ASSERT_EQ(source.functions.size(), 1u);
    // Past the walk's nesting limit the rest of the type is one member, as written.
    EXPECT_EQ(source.functions[0].params.at(0).type.members.size(), 2u);

    // tree-sitter 0.20 corrupts its heap recovering from more than 65,535 open constructs at the
    // end of a file: the parse is tried in a child first and refused.
    for (const char* open : {"(", "!", "a="}) {
        std::string text = "declare function js_a(x: number): void;\n";
        for (std::size_t i = 0; i < 70000; ++i)
            text += open;
        const SourceDeclarations broken = read_declarations(text, false);
        EXPECT_FALSE(broken.failure.empty()) << open;
        EXPECT_TRUE(broken.functions.empty());
    }
    // Below the limit the same shape is an ordinary syntax error, with its place.
    const SourceDeclarations small =
        read_declarations("declare function js_a(x: " + std::string(40000, '(') + ";\n", false);
    EXPECT_TRUE(small.failure.empty());
    ASSERT_TRUE(small.syntax_error);
    EXPECT_EQ(small.syntax_error->line, 1);
}

TEST(DeclarationsReader, EmptyAndNonAsciiText) {
    EXPECT_TRUE(read_declarations("", false).functions.empty());
    EXPECT_FALSE(read_declarations("", false).syntax_error);
    const SourceDeclarations source =
        read_declarations("// héllo\ndeclare function js_é(s: string): string;\n", false);
    ASSERT_FALSE(source.syntax_error);
    ASSERT_EQ(source.functions.size(), 1u);
    EXPECT_EQ(source.functions[0].name, "js_é");
}

} // namespace
} // namespace perry::linker::typescript
