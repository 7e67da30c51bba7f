// `perry native symbols`: the listing, --json, and errors (exact text and exit codes).
#include "golden_support.h"

#include <gtest/gtest.h>

namespace perry::cli::test {
namespace {

TEST(SymbolsGolden, ListingAndJson) {
    Scratch dir;
    dir.write("a.c", "int js_a_fn(void) { return 1; }\nint js_a_data = 2;\n"
                     "__attribute__((weak)) int js_a_weak(void) { return 3; }\n");
    dir.write("b.c", "int js_b_common __attribute__((common));\n");
    dir.archive("libab.a", {"a.c", "b.c"});
    EXPECT_TRUE(matches_golden_run("symbols", "listing", {"symbols", "libab.a"}, dir.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "walk", {"symbols", "--walk", "libab.a"}, dir.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "json", {"symbols", "--json", "libab.a"}, dir.path()));
    dir.archive("libmacho.a", {"a.c"}, {"clang-14", "--target=arm64-apple-macos11"},
                "llvm-ar-14");
    EXPECT_TRUE(matches_golden_run("symbols", "macho", {"symbols", "libmacho.a", "a.o"}, dir.path()));
}

TEST(SymbolsGolden, ErrorsNameTheFileAndKeepGoing) {
    Scratch dir;
    dir.write("a.c", "int js_a_fn(void) { return 1; }\n");
    dir.archive("liba.a", {"a.c"});
    dir.write("libm.a", "/* GNU ld script\n*/\nOUTPUT_FORMAT(elf64-x86-64)\n"
                        "GROUP ( /usr/lib/x86_64-linux-gnu/libm-2.36.a )\n");
    EXPECT_TRUE(matches_golden_run("symbols", "errors", {"symbols", "missing.a", "libm.a", "liba.a"}, dir.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "no_file", {"symbols"}, dir.path()));
}

} // namespace
} // namespace perry::cli::test
