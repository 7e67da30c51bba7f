// What the symbol reader accepts as input: a regular file (after symlinks) of at most 4 GiB that
// holds an archive or an object. Anything else is refused at once, with what it is, instead of
// blocking (a FIFO), reading for ever (/dev/zero) or passing for an empty object (zeros).
#include "perry/linker/symbols.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;

// The problem the reader reports for `path` (it must throw), with how long it took.
ReadProblem refusal(const std::string& path) {
    const auto start = std::chrono::steady_clock::now();
    try {
        read_symbols(path);
    } catch (const SymbolReadError& error) {
        // "At once": a blocked read would never come back; a generous bound still catches one
        // that reads a device until memory runs out.
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << path;
        return error.problem();
    }
    ADD_FAILURE() << path << " was read";
    return {};
}

constexpr const char* kNotAnObject =
    "not an archive or object file this reader knows (ELF, Mach-O, COFF, wasm, LLVM bitcode, ar "
    "archives)";

TEST(InputFiles, FifoIsNotARegularFile) {
    TempDir dir;
    const std::string fifo = dir / "lib.a";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const ReadProblem problem = refusal(fifo);
    EXPECT_EQ(problem.what, "not a regular file (a FIFO)");
    EXPECT_EQ(problem.how_to_fix, "pass the archive or object file itself");
}

TEST(InputFiles, DevicesAndSymlinksToThemAreNotRegularFiles) {
    TempDir dir;
    const std::string link = dir / "libzero.a";
    fs::create_symlink("/dev/zero", link);
    EXPECT_EQ(refusal(link).what, "not a regular file (a character device)");
    EXPECT_EQ(refusal("/dev/null").what, "not a regular file (a character device)");
    EXPECT_EQ(refusal(dir.path().string()).what, "not a regular file (a directory)");
}

TEST(InputFiles, LargerThanTheCapIsRefused) {
    TempDir dir;
    const std::string big = dir / "big.a";
    write_file(big, "!<arch>\n");
    // Sparse: no disk space is used.
    fs::resize_file(big, (std::uintmax_t{4} << 30) + 1);
    EXPECT_EQ(refusal(big).what,
              "too large: 4294967297 bytes; the symbol reader opens files of at most 4 GiB");
}

TEST(InputFiles, ZerosAndRandomBytesAreNoObject) {
    TempDir dir;
    const std::string zeros = dir / "zeros.o";
    write_file(zeros, std::string(4096, '\0'));
    EXPECT_EQ(refusal(zeros).what, kNotAnObject);
    write_file(zeros, std::string(2, '\0'));
    EXPECT_EQ(refusal(zeros).what, kNotAnObject);
    std::mt19937 random(16);
    for (int i = 0; i < 20; ++i) {
        std::string bytes(1000 + i, '\0');
        for (char& c : bytes)
            c = static_cast<char>(random());
        if (i % 2 == 0)
            bytes[0] = bytes[1] = '\0'; // what LLVM takes for a COFF header
        const std::string file = dir / ("random-" + std::to_string(i));
        write_file(file, bytes);
        SCOPED_TRACE(i);
        const ReadProblem problem = refusal(file);
        // A random COFF-looking header may also be refused as a corrupt COFF object; never read.
        EXPECT_FALSE(problem.what.empty());
    }
}

TEST(InputFiles, ZeroMemberOfAnArchiveIsSkippedNotRead) {
    TempDir dir;
    write_file(dir / "zeros.o", std::string(64, '\0'));
    run_ok({"ar", "rcS", dir / "libz.a", dir / "zeros.o"});
    const SymbolListing listing = read_symbols(dir / "libz.a");
    EXPECT_TRUE(listing.symbols.empty());
    EXPECT_TRUE(listing.formats.empty());
    ASSERT_EQ(listing.skipped_members.size(), 1u);
    EXPECT_EQ(listing.skipped_members[0], "zeros.o");
}

TEST(InputFiles, ThinArchiveMemberThatIsAFifo) {
    TempDir dir;
    write_file(dir / "a.c", "int js_a(void) { return 1; }\n");
    run_ok({"gcc", "-c", dir / "a.c", "-o", dir / "a.o"});
    run_ok({"gcc", "-c", dir / "a.c", "-o", dir / "b.o"});
    run_ok({"ar", "rc", "--thin", dir / "libthin.a", dir / "a.o", dir / "b.o"});
    fs::remove(dir / "b.o");
    ASSERT_EQ(::mkfifo((dir / "b.o").c_str(), 0600), 0);
    for (const bool walk : {false, true}) {
        ReadOptions options;
        options.walk = walk;
        const SymbolListing listing = read_symbols(dir / "libthin.a", options);
        ASSERT_EQ(listing.problems.size(), 1u);
        EXPECT_EQ(listing.problems[0].what, "not a regular file (a FIFO)");
        EXPECT_FALSE(listing.index_stale); // the member was refused, the index is not stale
        ASSERT_EQ(listing.symbols.size(), 1u);
        EXPECT_EQ(listing.symbols[0].name(), "js_a");
    }
}

} // namespace
} // namespace perry::linker::test
