// The scaffold library without the CLI: all-or-nothing writes, and templates that are broken.
#include "perry/linker/scaffold.h"
#include "scaffold/write_files.h"
#include "scaffold_test_support.h"

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
using namespace perry::scaffold_test;
using perry::linker::RenderedFile;
using perry::linker::detail::write_files;

TEST(WriteFiles, CreatesDirectoriesAndLeavesNoTemporaryFile) {
    TempDir scratch;
    const auto problem = write_files(scratch.path() / "pkg",
                                     {{"a.txt", "a\n"}, {".github/workflows/x.yml", "x: 1\n"}});
    EXPECT_FALSE(problem.has_value());
    EXPECT_EQ(file_list(scratch.path()), "pkg/.github/workflows/x.yml\npkg/a.txt\n");
    EXPECT_EQ(read_file(scratch.path() / "pkg/.github/workflows/x.yml"), "x: 1\n");
}

TEST(WriteFiles, AFailureLeavesTheDirectoryAsItWas) {
    TempDir scratch;
    // `sub` is a file, so sub/y.txt cannot be written after x.txt already was (to its temporary).
    write_file(scratch.path() / "pkg" / "sub", "in the way\n");
    const auto problem =
        write_files(scratch.path() / "pkg", {{"new/x.txt", "x\n"}, {"sub/y.txt", "y\n"}});
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(file_list(scratch.path()), "pkg/sub\n");
    EXPECT_FALSE(fs::exists(scratch.path() / "pkg" / "new"));
}

TEST(RenderScaffold, AnUnknownPlaceholderNamesTheTemplateAndLine) {
    TempDir share;
    write_file(share.path() / "templates/common/README.md", "# {{PACKAGE_NAME}}\n{{NOPE}}\n");
    write_file(share.path() / "templates/c/src/binding.c", "int x;\n");
    perry::linker::ScaffoldOptions options;
    options.name = "x";
    options.language = perry::linker::ScaffoldLanguage::C;
    options.share_dir = share.path();
    options.dir = share.path() / "out";
    const perry::linker::ScaffoldResult result = perry::linker::scaffold_package(options);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].what, (share.path() / "templates/common/README.md").string() +
                                         ":2: unknown placeholder {{NOPE}}");
    EXPECT_FALSE(fs::exists(share.path() / "out"));
}

TEST(RenderScaffold, ALanguageFileReplacesTheCommonOne) {
    TempDir share;
    write_file(share.path() / "templates/common/README.md", "common\n");
    write_file(share.path() / "templates/common/LICENSE", "{{YEAR}} {{COPYRIGHT_HOLDER}}\n");
    write_file(share.path() / "templates/cpp/README.md", "cpp {{HELLO_SYMBOL}}\n");
    perry::linker::ScaffoldOptions options;
    options.name = "@a/b-c";
    options.share_dir = share.path();
    options.year = 1999;
    perry::linker::ScaffoldResult result;
    const std::vector<RenderedFile> files = perry::linker::render_scaffold(options, result);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].path, "LICENSE");
    EXPECT_EQ(files[0].contents, "1999 The b-c authors\n");
    EXPECT_EQ(files[1].path, "README.md");
    EXPECT_EQ(files[1].contents, "cpp js_b_c_hello\n");
}

} // namespace
