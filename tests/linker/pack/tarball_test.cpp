// The tarball writer: npm's layout and fixed fields, the same bytes every time, and hashes as
// npm reports them (checked against coreutils' sha1sum and sha512sum).
#include "pack/tarball.h"

#include "../test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <clocale>
#include <thread>

namespace perry::linker::test {
namespace {

const std::vector<pack::TarEntry> kEntries = {
    {"package/package.json", R"({ "name": "x", "version": "1.0.0" })", 0644},
    {"package/bin/run.sh", "#!/bin/sh\n", 0755},
};

TEST(Tarball, TheSameEntriesGiveTheSameBytesEvenSecondsApart) {
    const std::string first = pack::make_tarball(kEntries);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(pack::make_tarball(kEntries), first);
    ASSERT_GT(first.size(), 10u);
    EXPECT_EQ(first.substr(0, 2), "\x1f\x8b");           // gzip
    EXPECT_EQ(first.substr(4, 4), std::string(4, '\0')); // no gzip timestamp
}

TEST(Tarball, EntriesHaveNpmsTimeModesAndNoOwner) {
    TempDir dir;
    write_file(dir / "x.tgz", pack::make_tarball(kEntries));
    EXPECT_EQ(run_ok({"tar", "--utc", "-tvzf", dir / "x.tgz"}),
              "-rw-r--r-- 0/0              35 1985-10-26 08:15 package/package.json\n"
              "-rwxr-xr-x 0/0              10 1985-10-26 08:15 package/bin/run.sh\n");
}

TEST(Tarball, LongAndNonAsciiNamesSurviveThroughPaxHeaders) {
    const std::string long_name =
        "package/" + std::string(120, 'd') + "/" + std::string(60, 'f') + ".js";
    const std::string accented = "package/caf\xc3\xa9.txt";
    TempDir dir;
    const std::vector<pack::TarEntry> entries = {{long_name, "x", 0644}, {accented, "y", 0644}};
    write_file(dir / "x.tgz", pack::make_tarball(entries));
    EXPECT_EQ(pack::make_tarball(entries), read_all(dir / "x.tgz"));
    // The same bytes whatever the locale (libarchive converts names through it unless told not to).
    if (std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr) {
        EXPECT_EQ(pack::make_tarball(entries), read_all(dir / "x.tgz"));
        std::setlocale(LC_CTYPE, "C");
    }
    EXPECT_EQ(run_ok({"tar", "-tzf", dir / "x.tgz"}), long_name + "\n" + accented + "\n");
}

TEST(Tarball, HashesAreNpmsIntegrityAndShasum) {
    TempDir dir;
    const std::string bytes = pack::make_tarball(kEntries);
    write_file(dir / "x.tgz", bytes);
    EXPECT_EQ(pack::sha1_hex(bytes) + "  " + (dir / "x.tgz") + "\n",
              run_ok({"sha1sum", dir / "x.tgz"}));
    const std::string hex = run_ok({"sha512sum", dir / "x.tgz"}).substr(0, 128);
    std::string digest;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        digest += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    write_file(dir / "digest.bin", digest);
    const std::string base64 = run_ok({"base64", "-w0", dir / "digest.bin"});
    EXPECT_EQ(pack::sha512_integrity(bytes), "sha512-" + base64);
}

TEST(Tarball, WrittenThroughATemporaryNameAndNothingLeftOnFailure) {
    TempDir dir;
    EXPECT_EQ(pack::write_atomically(dir.path() / "x.tgz", "bytes"), "");
    EXPECT_EQ(read_all(dir / "x.tgz"), "bytes");
    EXPECT_NE(pack::write_atomically(dir.path() / "missing/x.tgz", "bytes"), "");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

} // namespace
} // namespace perry::linker::test
