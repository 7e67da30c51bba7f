// The linux line links: a binding archive, a library found through libDirs + libs, one found
// through a real .pc file, and the real runtime archive, linked by the C compiler with exactly
// the argv make_link_line renders; the program runs. Then the conflict check passes on that line.
#include "perry/linker/conflicts.h"
#include "plan_fixture.h"

#include <gtest/gtest.h>

namespace perry::linker::test {
namespace {

using resolver::TargetKey;

void c_archive(const TempDir& tmp, const std::string& dir, const std::string& name,
               const std::string& code) {
    const std::string source = tmp / (dir + "/" + name + ".c");
    const std::string object = tmp / (dir + "/" + name + ".o");
    write_file(source, code);
    run_ok({PERRY_TEST_C_COMPILER, "-c", "-O1", "-o", object, source});
    run_ok({"ar", "rcs", tmp / (dir + "/lib" + name + ".a"), object});
}

TEST(RealLinkTest, TheRenderedLinuxLineLinksAProgramThatRuns) {
    TempDir tmp;
    c_archive(tmp, "alpha/prebuilt", "alpha",
              "double helper_scale(double); double pc_offset(void);\n"
              "double js_alpha_twice(double x) { return helper_scale(x) + pc_offset(); }\n");
    c_archive(tmp, "alpha/vendor/lib", "helper",
              "double helper_scale(double x) { return 2 * x; }\n");
    c_archive(tmp, "pcdir", "pcoffset", "double pc_offset(void) { return 0.5; }\n");
    write_file(tmp / "pc/pcoffset.pc", "Name: pcoffset\nDescription: d\nVersion: 1\nLibs: -L" +
                                           (tmp / "pcdir") + " -lpcoffset\n");
    const std::vector<PlanPackage> packages = {write_package(
        tmp.path(), "alpha",
        R"({"name": "alpha", "perry": {"nativeLibrary": {"abiVersion": "0.5", "functions": [],
            "targets": {"linux": {"prebuilt": "prebuilt/libalpha.a", "libDirs": ["vendor/lib"],
                                  "libs": ["helper"], "pkgConfig": ["pcoffset"]}}}}})")};
    write_file(tmp / "main.c", "#include <stdio.h>\n"
                               "const char* perry_ffi_version_string(void);\n"
                               "double js_alpha_twice(double);\n"
                               "int main(void) {\n"
                               "    printf(\"%s %g\\n\", perry_ffi_version_string(), "
                               "js_alpha_twice(21));\n"
                               "    return 0;\n"
                               "}\n");
    run_ok({PERRY_TEST_C_COMPILER, "-c", "-o", tmp / "main.o", tmp / "main.c"});

    const LinkPlan plan = plan_link(TargetKey::Linux, packages);
    ASSERT_TRUE(plan.ok());
    LinkLineOptions options;
    // The build's own compiler: a sanitizer build's runtime needs that compiler's sanitizer.
    options.driver = PERRY_TEST_LINK_DRIVER;
    if (!std::string(PERRY_TEST_SANITIZE).empty()) {
        options.driver_flags = {"-fsanitize=" + std::string(PERRY_TEST_SANITIZE)};
    }
    options.objects = {tmp / "main.o"};
    options.runtime_archive = PERRY_TEST_RUNTIME_ARCHIVE;
    options.output = tmp / "app";
    options.environment = {{"PKG_CONFIG_PATH", tmp / "pc"}};
    const LinkLine line = make_link_line(plan, options);
    ASSERT_TRUE(line.ok());
    run_ok(line.argv);
    EXPECT_EQ(run_ok({tmp / "app"}), "0.5.0 42.5\n");

    const ConflictReport report = check_conflicts(line_archives(plan, line));
    EXPECT_TRUE(report.diagnostics.empty());
}

} // namespace
} // namespace perry::linker::test
