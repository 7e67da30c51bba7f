// The file-system helpers of resolution (resolver/src/fs_util.h) and of manifest path
// containment (package_paths.h): real paths, package directories, paths through symlinks.
#include "fs_util.h"       // internal
#include "package_paths.h" // internal

#include "support/descriptor_limit.h"
#include "support/temp_tree.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace perry::resolver::detail {
namespace {

using test::TempTree;

TEST(RealPathCache, ResolvesLinks) {
    TempTree tree({{"real/dir/file", ""}}, {{"link", "real/./dir"}, {"nm/pkg", "../real/dir"}});
    RealPathCache paths;
    EXPECT_EQ(*paths.resolve(tree.path("link/file")).real, tree.path("real/dir/file"));
    EXPECT_FALSE(paths.resolve(tree.path("link/file")).is_dir);
    EXPECT_TRUE(paths.resolve(tree.path("nm/pkg")).is_dir);
    EXPECT_EQ(*paths.resolve(tree.path("nm/pkg")).real, tree.path("real/dir"));
    EXPECT_EQ(paths.resolve(tree.path("missing")).real, nullptr);
}

TEST(CanonicalPackageRoot, ResolvesLinksAndRefusesWhatIsNoDirectory) {
    TempTree tree({{"store/pkg/package.json", "{}"}}, {{"nm/pkg", "../store/./pkg"}});
    EXPECT_EQ(canonical_package_root(tree.path("nm/pkg")), tree.path("store/pkg"));
    EXPECT_EQ(canonical_package_root(tree.path("store/pkg")), tree.path("store/pkg"));
    EXPECT_EQ(canonical_package_root(tree.path("store/pkg/package.json")), "");
    EXPECT_EQ(canonical_package_root(tree.path("missing")), "");
    EXPECT_EQ(canonical_package_root(""), "");
}

TEST(PackageDirectory, ResolvesItsRealPathOnlyWhenNotTold) {
    TempTree tree({{"store/pkg/package.json", "{}"}}, {{"nm/pkg", "../store/pkg"}});
    const std::string linked = tree.path("nm/pkg");
    PackageDirectory found(linked);
    EXPECT_TRUE(found.exists());
    EXPECT_EQ(found.real_path(), tree.path("store/pkg"));
    // Told that a path is real, it believes it: no system call, even for a made-up one.
    const std::string made_up = tree.path("not-there");
    PackageDirectory told(made_up, /*path_is_real=*/true);
    EXPECT_TRUE(told.exists());
    EXPECT_EQ(told.real_path(), made_up);

    const std::string missing = tree.path("missing"), file = tree.path("store/pkg/package.json"),
                      empty;
    for (const std::string* path : {&missing, &file, &empty}) {
        PackageDirectory none(*path);
        EXPECT_FALSE(none.exists()) << *path;
    }
}

TEST(PackagePathProblem, EverySpellingThroughALinkOutIsCaught) {
    TempTree tree({{"outside/crate/x", ""}, {"pkg/real/x", ""}},
                  {{"pkg/escape", "../outside"},
                   {"pkg/inside", "real"},
                   {"linked", "pkg"},
                   {"pkg/dangling", "../nowhere"},      // out, to nothing (yet)
                   {"pkg/chain", "dangling"},           // through the dangling link
                   {"pkg/later", "real/not-built-yet"}, // in, to nothing yet
                   {"pkg/back", "../pkg/real"},         // out and straight back in
                   {"pkg/loop", "loop"}});
    const auto leads_to = [&](const std::optional<std::string>& problem, const std::string& where) {
        return problem && *problem == "leaves the package through a symlink to " + where;
    };
    // The package directory as its real path, and reached through a link (pnpm, bun).
    for (const char* dir : {"pkg", "linked"}) {
        const std::string root = tree.path(dir);
        PackageDirectory package(root);
        for (const char* written :
             {"escape", "./escape/", "escape//crate", "./escape/./crate/x", "escape/missing"}) {
            const auto problem = package_path_problem(written, package);
            ASSERT_TRUE(problem) << dir << ": " << written;
            EXPECT_EQ(problem->rfind(
                          "leaves the package through a symlink to " + tree.path("outside"), 0),
                      0u)
                << *problem;
        }
        EXPECT_TRUE(leads_to(package_path_problem("dangling", package), tree.path("nowhere")));
        EXPECT_TRUE(
            leads_to(package_path_problem("./chain/lib/", package), tree.path("nowhere/lib")));
        for (const char* written :
             {"inside", "inside/x", "./inside/./x", "real", "missing/escape", "missing",
              "real/x/deeper", "later", "later/x", "back/x", "loop", "loop/x"}) {
            EXPECT_FALSE(package_path_problem(written, package)) << dir << ": " << written;
        }
    }
}

TEST(PackagePathProblem, ALinkOutIsCaughtWithoutDescriptors) {
    // The real path of a directory reached through a link is looked up only when a path meets
    // a symlink; without a descriptor to ask /proc with, realpath's walk finds it.
    TempTree tree({{"outside/x", ""}, {"store/pkg/real/x", ""}},
                  {{"store/pkg/escape", "../../outside"}, {"nm/pkg", "../store/pkg"}});
    const std::string dir = tree.path("nm/pkg");
    test::with_spare_descriptors(0, [&] {
        PackageDirectory package(dir);
        const auto problem = package_path_problem("escape/x", package);
        ASSERT_TRUE(problem);
        EXPECT_EQ(*problem, "leaves the package through a symlink to " + tree.path("outside/x"));
        EXPECT_FALSE(package_path_problem("real/x", package));
    });
}

TEST(PackagePathProblem, TheWrittenRulesComeFirstAndAloneWithoutADirectory) {
    TempTree tree({});
    const std::string missing = tree.path("missing");
    PackageDirectory package(missing);
    EXPECT_FALSE(package_path_problem("native/lib", package));
    EXPECT_EQ(package_path_problem("../native", package), "contains a `..` segment");
    EXPECT_EQ(written_path_problem("/abs"), "is an absolute path");
    EXPECT_EQ(written_path_problem("\\abs"), "is an absolute path");
    EXPECT_EQ(written_path_problem("C:x"), "is an absolute path");
    EXPECT_EQ(written_path_problem("a\\..\\b"), "contains a `..` segment");
    EXPECT_EQ(written_path_problem(""), "is empty");
    EXPECT_EQ(written_path_problem(std::string_view("a\0b", 3)), "contains a NUL character");
    EXPECT_FALSE(written_path_problem("./a/./b/"));
    EXPECT_FALSE(written_path_problem("a/..b/c.."));
    EXPECT_FALSE(written_path_problem("..."));
    for (const char* dotdot : {"..", "../", "a/..", "a/../b", "./..", "a\\..", "..\\a"})
        EXPECT_EQ(written_path_problem(dotdot), "contains a `..` segment") << dotdot;
}

TEST(NormalPackageDir, IsLexicallyNormal) {
    for (const char* dir :
         {"/", "/a", "/a/b", "a", "a/b", "/a/b/", "a/", "/a/./b", "/a/../b", "//a", "/a//b", ".",
          "./", "./a", "..", "/.a/b..", "/a/.../b", "", "/tmp/x/node_modules/@s/p"}) {
        std::string expected = std::filesystem::path(dir).lexically_normal().native();
        if (expected == ".") {
            expected.clear();
        }
        std::string storage;
        EXPECT_EQ(normal_package_dir(dir, storage), expected) << dir;
    }
}

} // namespace
} // namespace perry::resolver::detail
