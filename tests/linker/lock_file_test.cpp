// perry.lock as a file: the bytes written for a set of entries, reading them back, every
// refusal with its line and column, and the differences `lock --frozen` prints.
#include "perry/linker/lock.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace perry::linker::test {
namespace {

LockEntry entry(std::string package, std::string target, std::string sha256) {
    LockEntry e;
    e.package = std::move(package);
    e.version = "1.0.0";
    e.dir = "node_modules/" + e.package;
    e.target = std::move(target);
    e.arch = "x86_64";
    e.source = "prebuilt";
    e.archive = "prebuilt/libx.a";
    e.sha256 = std::move(sha256);
    return e;
}

const std::string kA(64, 'a');
const std::string kB(64, 'b');

std::string read_error(const std::string& text) {
    TempDir dir;
    write_file(dir / "perry.lock", text);
    resolver::Diagnostic error;
    bool missing = true;
    EXPECT_FALSE(read_lock_file(dir.path() / "perry.lock", error, missing));
    EXPECT_FALSE(missing);
    const std::string what = error.what();
    return what.substr(what.find("perry.lock"));
}

TEST(LockFile, TheSameEntriesGiveTheSameBytesWhateverTheirOrder) {
    LockFile one{{entry("b", "linux", kA), entry("a", "macos", kB), entry("a", "linux", kB)}};
    LockFile two{{entry("a", "linux", kB), entry("b", "linux", kA), entry("a", "macos", kB)}};
    sort_entries(one);
    sort_entries(two);
    EXPECT_EQ(render_lock_file(one), render_lock_file(two));
    EXPECT_EQ(one.entries.front().target, "linux");
    EXPECT_EQ(one.entries.back().package, "b");
}

TEST(LockFile, WrittenThenReadGivesTheEntriesBack) {
    TempDir dir;
    LockFile lock{{entry("@scope/with \"quotes\"", "linux", kA), entry("b", "linux", kB)}};
    lock.entries[1].source = "build";
    lock.entries[1].archive = "libb.a";
    lock.entries[1].build_key = kA;
    lock.entries[1].version = "";
    sort_entries(lock);
    std::string why;
    ASSERT_TRUE(write_lock_file(dir.path() / "perry.lock", lock, why)) << why;
    EXPECT_FALSE(std::filesystem::exists(dir / "perry.lock.perry-tmp"));
    resolver::Diagnostic error;
    bool missing = true;
    const std::optional<LockFile> read = read_lock_file(dir.path() / "perry.lock", error, missing);
    ASSERT_TRUE(read) << error.format();
    EXPECT_TRUE(lock_changes(lock, *read).empty());
    EXPECT_EQ(render_lock_file(*read), read_all(dir / "perry.lock"));
    EXPECT_EQ(read_all(dir / "perry.lock").find("version = \"\""), std::string::npos);
}

TEST(LockFile, AMissingFileIsNotAnError) {
    TempDir dir;
    resolver::Diagnostic error;
    bool missing = false;
    EXPECT_FALSE(read_lock_file(dir.path() / "perry.lock", error, missing));
    EXPECT_TRUE(missing);
    EXPECT_TRUE(error.message.empty());
}

TEST(LockFile, EveryRefusalNamesItsLineAndColumn) {
    const std::string head = "version = 1\n[[archive]]\n";
    const std::string rest = "target = \"linux\"\narch = \"x86_64\"\nsource = \"prebuilt\"\n"
                             "archive = \"a.a\"\nsha256 = \"" +
                             kA + "\"\n";
    EXPECT_EQ(read_error("version = \n"),
              "perry.lock:1:11: Error while parsing key-value pair: expected value, saw '\\n'");
    EXPECT_EQ(read_error("[[archive]]\n"), "perry.lock:1:1: `version = 1` is missing");
    EXPECT_EQ(read_error("version = 2\n"),
              "perry.lock:1:11: `version` must be 1 (the form perry reads)");
    EXPECT_EQ(read_error("version = 1\nextra = 1\n"), "perry.lock:2:9: unknown key `extra`");
    EXPECT_EQ(read_error("version = 1\narchive = 3\n"),
              "perry.lock:2:11: `archive` must be an array of tables ([[archive]])");
    EXPECT_EQ(read_error(head + "package = 3\n"), "perry.lock:3:11: `package` must be a string");
    EXPECT_EQ(read_error(head + "package = \"p\"\ncolour = \"x\"\n"),
              "perry.lock:4:10: unknown key `colour` in [[archive]]");
    EXPECT_EQ(read_error(head + "package = \"p\"\n"),
              "perry.lock:2:1: [[archive]] lacks `target` (a string)");
    std::string bad_source = head + "package = \"p\"\n" + rest;
    bad_source.replace(bad_source.find("\"prebuilt\""), 10, "\"copied\"");
    EXPECT_EQ(read_error(bad_source),
              "perry.lock:6:10: `source` must be \"prebuilt\" or \"build\"");
    std::string bad_hash = head + "package = \"p\"\n" + rest;
    bad_hash.replace(bad_hash.find(kA), 64, "ABC");
    EXPECT_EQ(read_error(bad_hash), "perry.lock:8:10: `sha256` must be 64 lowercase hex digits");
    const std::string one = head + "package = \"p\"\n" + rest;
    EXPECT_EQ(read_error(one + "[[archive]]\npackage = \"p\"\n" + rest),
              "perry.lock:9:1: a second [[archive]] for p linux/x86_64");
}

TEST(LockFile, ChangesSayWhatDiffers) {
    const LockFile locked{{entry("a", "linux", kA), entry("gone", "linux", kA)}};
    LockFile now{{entry("a", "linux", kB), entry("new", "linux", kB)}};
    now.entries[0].version = "1.1.0";
    const std::vector<LockChange> changes = lock_changes(locked, now);
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0].describe(), "a linux/x86_64: version \"1.0.0\" -> \"1.1.0\", sha256 \"" +
                                         kA + "\" -> \"" + kB + "\"");
    EXPECT_EQ(changes[1].describe(),
              "gone linux/x86_64: removed (locked prebuilt prebuilt/libx.a, sha256 " + kA + ")");
    EXPECT_EQ(changes[2].describe(),
              "new linux/x86_64: added (prebuilt prebuilt/libx.a, sha256 " + kB + ")");
}

TEST(LockFile, FileSha256IsTheDigestOfTheBytes) {
    TempDir dir;
    write_file(dir / "abc", "abc");
    std::string why;
    EXPECT_EQ(file_sha256(dir.path() / "abc", why),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_FALSE(file_sha256(dir.path() / "missing", why));
    EXPECT_NE(why.find("cannot read"), std::string::npos);
}

} // namespace
} // namespace perry::linker::test
