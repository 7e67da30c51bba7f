// Placeholder substitution and the template file names.
#include "scaffold/template_render.h"

#include <gtest/gtest.h>

namespace {

using perry::linker::detail::output_path_for;
using perry::linker::detail::Placeholders;
using perry::linker::detail::render_template;
using perry::linker::detail::RenderFailure;

std::string render(const std::string& text, const Placeholders& values) {
    RenderFailure failure;
    const std::optional<std::string> out = render_template(text, values, failure);
    EXPECT_TRUE(out.has_value()) << "line " << failure.line << ": " << failure.name;
    return out.value_or("");
}

TEST(RenderTemplate, SubstitutesEveryPlaceholder) {
    EXPECT_EQ(render("name {{NAME}}, again {{NAME}}; {{LIB_2}}\n", {{"NAME", "x"}, {"LIB_2", "y"}}),
              "name x, again x; y\n");
}

TEST(RenderTemplate, LeavesOtherBracesAlone) {
    const std::string yaml = "runs-on: ${{ matrix.runner }}\nif: ${{github.ref}} {{lower}} {{}}\n";
    EXPECT_EQ(render(yaml, {}), yaml);
}

TEST(RenderTemplate, DropsALineOfOnlyAnEmptyPlaceholder) {
    const Placeholders values = {{"DEP", ""}, {"FIELD", "\"a\": 1,"}};
    EXPECT_EQ(render("[dependencies]\nx = 1\n{{DEP}}\n\n", values), "[dependencies]\nx = 1\n\n");
    EXPECT_EQ(render("{\n  {{FIELD}}\n}\n", values), "{\n  \"a\": 1,\n}\n");
    // Only a line that holds nothing else disappears.
    EXPECT_EQ(render("dep: {{DEP}}\n", values), "dep: \n");
    EXPECT_EQ(render("  {{DEP}}", values), "");
}

TEST(RenderTemplate, KeepsAMissingFinalNewlineMissing) {
    EXPECT_EQ(render("a {{X}}", {{"X", "b"}}), "a b");
}

TEST(RenderTemplate, NamesTheFirstUnknownPlaceholderAndItsLine) {
    RenderFailure failure;
    EXPECT_FALSE(render_template("ok {{A}}\nbad {{MISSING}} {{ALSO}}\n", {{"A", "1"}}, failure));
    EXPECT_EQ(failure.line, 2);
    EXPECT_EQ(failure.name, "MISSING");
}

TEST(OutputPath, TurnsDotPrefixesIntoDots) {
    EXPECT_EQ(output_path_for("dot-github/workflows/release.yml"), ".github/workflows/release.yml");
    EXPECT_EQ(output_path_for("dot-gitignore"), ".gitignore");
    EXPECT_EQ(output_path_for("src/dot-x/dot-"), "src/.x/dot-");
    EXPECT_EQ(output_path_for("src/index.ts"), "src/index.ts");
}

} // namespace
