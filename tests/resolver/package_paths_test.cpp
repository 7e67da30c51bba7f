// Manifest paths are normalised as strings (resolver/src/package_paths.cpp), which must give
// exactly what std::filesystem's lexically_normal gives for every path the manifest rules
// accept: relative, without a `..` segment.
#include "package_paths.h" // internal

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace perry::resolver::detail;

TEST(PackagePaths, StringNormalisationMatchesLexicallyNormal) {
    const std::vector<std::string> package_dirs = {"",
                                                   ".",
                                                   "./",
                                                   "/",
                                                   "/pkg",
                                                   "/pkg/",
                                                   "pkg",
                                                   "a/..",
                                                   "../x/..",
                                                   "/a/./b/",
                                                   "/..",
                                                   "a/../..",
                                                   "//x",
                                                   "node_modules/@s/p",
                                                   "/work/./app//node_modules/p/"};
    const std::vector<std::string> written = {"native",      "./native/web/pkg/",
                                              "a//b",        ".",
                                              "./",          "a/.",
                                              "a/./",        "x\\y",
                                              "native/lib/", "./.",
                                              ".//.",        "a/./b/./c",
                                              "...",         ".a/b.",
                                              "a/.b/",       "./a//./b//",
                                              "a\\.\\b",     "././a",
                                              "./a/",        "a/b/c/",
                                              "./..a",       "a/.../",
                                              "./././",      "a//",
                                              ".a",          "./a/.",
                                              "a/./."};
    for (const std::string& dir : package_dirs) {
        std::string storage;
        const std::string_view normal_dir = normal_package_dir(dir, storage);
        for (const std::string& path : written) {
            ASSERT_FALSE(written_path_problem(path)) << path;
            EXPECT_EQ(resolve_package_path(path, normal_dir),
                      (fs::path(dir) / fs::path(path)).lexically_normal().native())
                << "package dir \"" << dir << "\", path \"" << path << "\"";
        }
    }
}

} // namespace
