// The file-system helpers of the node_modules walk (resolver/src/fs_util.h, dir_listing.h):
// reading small files in one read, real paths from open descriptors, directory listings.
#include "deferred_close.h" // internal
#include "dir_listing.h"   // internal
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

// Bytes 0..255 repeated, so that a misplaced chunk shows.
std::string pattern(size_t size) {
    std::string out(size, '\0');
    for (size_t i = 0; i < size; ++i) {
        out[i] = static_cast<char>(i * 7 % 256);
    }
    return out;
}

TEST(ReadSmallFile, EverySizeAroundTheBufferIsReadWhole) {
    TempTree tree({});
    for (const size_t size : {0, 1, 100, 16383, 16384, 16385, 32768, 40000, 100000}) {
        const std::string name = "f" + std::to_string(size);
        tree.write(name, pattern(size));
        std::string text = "left over from before";
        ASSERT_TRUE(read_small_file_at(AT_FDCWD, tree.path(name).c_str(), text)) << size;
        EXPECT_EQ(text, pattern(size)) << size;
        std::optional<std::string> real;
        ASSERT_TRUE(read_small_file_and_real_path_at(AT_FDCWD, tree.path(name).c_str(), text, real))
            << size;
        EXPECT_EQ(text, pattern(size)) << size;
    }
    std::string text;
    EXPECT_FALSE(read_small_file_at(AT_FDCWD, tree.path("missing").c_str(), text));
    EXPECT_FALSE(read_small_file_at(AT_FDCWD, tree.root().c_str(), text)) << "a directory";
}

TEST(ReadSmallFile, RelativeToAnOpenDirectory) {
    TempTree tree({{"nm/pkg/package.json", "{}"}});
    const int dir = ::open(tree.path("nm").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(dir, 0);
    std::string text;
    EXPECT_TRUE(read_small_file_at(dir, "pkg/package.json", text));
    EXPECT_EQ(text, "{}");
    ::close(dir);
}

TEST(ReadSmallFile, TheRealPathComesFromTheDescriptor) {
    TempTree tree({{"store/pkg/package.json", "{}"}, {"elsewhere/package.json", "[]"}},
                  {{"nm/pkg", "../store/pkg"},
                   {"nm/linked-dir", "../nm/pkg"},
                   {"store/other/package.json", "../../elsewhere/package.json"}});
    std::string text;
    std::optional<std::string> real;
    ASSERT_TRUE(read_small_file_and_real_path_at(
        AT_FDCWD, tree.path("nm/linked-dir/package.json").c_str(), text, real));
    EXPECT_EQ(text, "{}");
    ASSERT_TRUE(real) << "/proc/self/fd is readable on Linux";
    EXPECT_EQ(*real, tree.path("store/pkg/package.json"));

    // A package.json that is itself a symlink is refused (its real path would name another
    // directory); it is then read through the link.
    real.reset();
    errno = 0;
    EXPECT_FALSE(read_small_file_and_real_path_at(
        AT_FDCWD, tree.path("store/other/package.json").c_str(), text, real));
    EXPECT_EQ(errno, ELOOP);
    EXPECT_FALSE(real);
}

TEST(RealPathOfFd, NamesTheFileWithEveryLinkResolved) {
    TempTree tree({{"real/dir/file", "x"}}, {{"link", "real/./dir"}});
    const int fd = ::open(tree.path("link/file").c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(real_path_of_fd(fd), tree.path("real/dir/file"));
    ::close(fd);
    const int dir = ::open(tree.path("link").c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(dir, 0);
    EXPECT_EQ(real_path_of_fd(dir), tree.path("real/dir"));
    // A deleted directory is not named (the kernel says "<path> (deleted)").
    ASSERT_EQ(::unlink(tree.path("real/dir/file").c_str()), 0);
    ASSERT_EQ(::rmdir(tree.path("real/dir").c_str()), 0);
    EXPECT_EQ(real_path_of_fd(dir), std::nullopt);
    ::close(dir);
}

TEST(RealPathCache, ResolvesLinksAndAsksTheListingsFirst) {
    TempTree tree({{"real/dir/file", ""}}, {{"link", "real/./dir"}, {"nm/pkg", "../real/dir"}});
    RealPathCache paths;
    EXPECT_EQ(*paths.resolve(tree.path("link/file")).real, tree.path("real/dir/file"));
    EXPECT_FALSE(paths.resolve(tree.path("link/file")).is_dir);
    EXPECT_TRUE(paths.resolve(tree.path("nm/pkg")).is_dir);
    EXPECT_EQ(*paths.resolve(tree.path("nm/pkg")).real, tree.path("real/dir"));
    EXPECT_EQ(paths.resolve(tree.path("missing")).real, nullptr);

    // What the listings say is taken without a system call: told that nm/pkg is a directory,
    // a fresh cache does not look (and so does not see the link).
    RealPathCache told;
    std::vector<std::string> asked;
    told.known_directory = [&](const std::string& real_dir, std::string_view name) {
        asked.push_back(real_dir + "/" + std::string(name));
        return real_dir == tree.path("nm") && name == "pkg";
    };
    EXPECT_EQ(*told.resolve(tree.path("nm/pkg")).real, tree.path("nm/pkg"));
    EXPECT_EQ(asked.back(), tree.path("nm/pkg"));
    EXPECT_EQ(*told.resolve(tree.path("link")).real, tree.path("real/dir")) << "asked, then lstat";
}

TEST(CanonicalPackageRoot, ResolvesLinksAndRefusesWhatIsNoDirectory) {
    TempTree tree({{"store/pkg/package.json", "{}"}}, {{"nm/pkg", "../store/./pkg"}});
    EXPECT_EQ(canonical_package_root(tree.path("nm/pkg")), tree.path("store/pkg"));
    EXPECT_EQ(canonical_package_root(tree.path("store/pkg")), tree.path("store/pkg"));
    EXPECT_EQ(canonical_package_root(tree.path("store/pkg/package.json")), "");
    EXPECT_EQ(canonical_package_root(tree.path("missing")), "");
    EXPECT_EQ(canonical_package_root(""), "");
}

TEST(CanonicalPackageRoot, NeedsNoDescriptor) {
    TempTree tree({{"store/pkg/package.json", "{}"}}, {{"nm/pkg", "../store/pkg"}});
    test::with_spare_descriptors(0, [&] {
        ASSERT_LT(::dup(0), 0) << "a descriptor was still free";
        EXPECT_EQ(canonical_package_root(tree.path("nm/pkg")), tree.path("store/pkg"));
        EXPECT_EQ(canonical_package_root(tree.path("store/pkg/package.json")), "");
    });
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

TEST(PackagePathProblem, AKnownDirectoryIsCheckedFromItsOpenParent) {
    TempTree tree({{"outside/x", ""}, {"nm/pkg/real/x", ""}},
                  {{"nm/pkg/escape", "../../outside"}, {"nm/linked", "pkg"}});
    const int nm = ::open(tree.path("nm").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(nm, 0);
    const std::string dir = tree.path("nm/pkg");
    for (const char* name : {"pkg", "linked"}) { // the package as listed, or through a link
        PackageDirectory known(dir, /*path_is_real=*/true, DirectoryAt{nm, name});
        EXPECT_TRUE(package_path_problem("escape/x", known)) << name;
        EXPECT_FALSE(package_path_problem("real/x", known)) << name;
        EXPECT_FALSE(package_path_problem("missing/x", known)) << name;
    }
    // The files are reached from the open parent, not through the path.
    const std::string made_up = tree.path("not-there");
    PackageDirectory from_parent(made_up, /*path_is_real=*/true, DirectoryAt{nm, "pkg"});
    EXPECT_EQ(from_parent.is_symlink("escape"), true);
    EXPECT_EQ(from_parent.is_symlink("real"), false);
    EXPECT_EQ(from_parent.is_symlink("missing"), std::nullopt);
    ::close(nm);
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

TEST(DeferredClose, ClosesWhatItWasGivenAndNothingElse) {
    TempTree tree({{"f", "x"}});
    std::vector<int> fds;
    for (int i = 0; i < 40; ++i) {
        fds.push_back(::open(tree.path("f").c_str(), O_RDONLY | O_CLOEXEC));
        ASSERT_GE(fds.back(), 0);
    }
    const auto is_open = [](int fd) { return ::fcntl(fd, F_GETFD) != -1; };
    {
        DeferredClose closer;
        // Every descriptor but two in the middle of runs, out of order: 38 added, more than one
        // batch, so one flush happens while adding.
        for (int i = 39; i >= 0; --i) {
            if (i != 5 && i != 20) {
                closer.add(fds[i]);
            }
        }
        EXPECT_TRUE(is_open(fds[5]));
        EXPECT_TRUE(is_open(fds[20]));
    }
    for (int i = 0; i < 40; ++i) {
        EXPECT_EQ(is_open(fds[i]), i == 5 || i == 20) << "descriptor " << i;
    }
    ::close(fds[5]);
    ::close(fds[20]);
}

TEST(NormalPackageDir, IsLexicallyNormal) {
    for (const char* dir : {"/", "/a", "/a/b", "a", "a/b", "/a/b/", "a/", "/a/./b", "/a/../b", "//a",
                            "/a//b", ".", "./", "./a", "..", "/.a/b..", "/a/.../b", "",
                            "/tmp/x/node_modules/@s/p"}) {
        std::string expected = std::filesystem::path(dir).lexically_normal().native();
        if (expected == ".") {
            expected.clear();
        }
        std::string storage;
        EXPECT_EQ(normal_package_dir(dir, storage), expected) << dir;
    }
}

TEST(DirectoryListing, FindsEveryNameWithItsType) {
    TempTree tree({{"nm/dir/x", ""}, {"nm/file", ""}}, {{"nm/link", "dir"}});
    for (int i = 0; i < 2000; ++i) {
        tree.write("nm/p" + std::to_string(i) + "/package.json", "{}");
    }
    DirectoryListing listing;
    ASSERT_TRUE(listing.read(AT_FDCWD, tree.path("nm").c_str(), /*keep_open=*/false));
    EXPECT_EQ(listing.fd(), -1);
    EXPECT_FALSE(listing.through_link());
    EXPECT_EQ(listing.size(), 2000u + 3u + 2u); // with "." and ".."
    for (int i = 0; i < 2000; ++i) {
        const std::string name = "p" + std::to_string(i);
        const int type = listing.type_of(name);
        EXPECT_TRUE(type == DT_DIR || type == DT_UNKNOWN) << name;
    }
    for (const char* missing : {"p2000", "p-1", "", "P1", "p1/", "dir/x"}) {
        EXPECT_EQ(listing.type_of(missing), -1) << missing;
    }
    // ext4, tmpfs and btrfs report types; DT_UNKNOWN is allowed by the interface.
    EXPECT_TRUE(listing.type_of("link") == DT_LNK || listing.type_of("link") == DT_UNKNOWN);
    EXPECT_TRUE(listing.type_of("file") == DT_REG || listing.type_of("file") == DT_UNKNOWN);
}

TEST(DirectoryListing, KeepsTheDirectoryOpenAndTellsALinkedOne) {
    TempTree tree({{"real/pkg/package.json", "{}"}}, {{"linked", "real"}});
    DirectoryListing linked;
    ASSERT_TRUE(linked.read(AT_FDCWD, tree.path("linked").c_str(), /*keep_open=*/true));
    EXPECT_TRUE(linked.through_link());
    ASSERT_GE(linked.fd(), 0);
    EXPECT_GE(linked.type_of("pkg"), 0);
    std::string text;
    EXPECT_TRUE(read_small_file_at(linked.fd(), "pkg/package.json", text));

    DirectoryListing real;
    ASSERT_TRUE(real.read(AT_FDCWD, tree.path("real").c_str(), /*keep_open=*/true));
    EXPECT_FALSE(real.through_link());

    DirectoryListing not_a_directory;
    EXPECT_FALSE(not_a_directory.read(AT_FDCWD, tree.path("real/pkg/package.json").c_str(), true));
    DirectoryListing missing;
    EXPECT_FALSE(missing.read(AT_FDCWD, tree.path("missing").c_str(), true));
    EXPECT_EQ(missing.type_of("pkg"), -1);
}

} // namespace
} // namespace perry::resolver::detail
