// The tools' platform layer (platform/), in whichever implementation this build compiled: linux,
// posix, or windows (cross-built with mingw-w64 and run under wine).
#include "perry/platform/file_lock.h"
#include "perry/platform/files.h"
#include "perry/platform/input_file.h"
#include "perry/platform/interrupts.h"
#include "perry/platform/isolation.h"
#include "perry/platform/process.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#ifndef _WIN32
#include <sys/stat.h> // mkfifo, for the FIFO fixtures
#endif

namespace fs = std::filesystem;
using namespace perry::platform;

namespace {

// The arguments a child run of this program must see for `--expect-args` to exit with 7.
const std::vector<std::string> kTrickyArgs = {
    "plain", "with space", "quote\"inside", "trailing backslash\\", "", "a\\\\\"b"};

class PlatformTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("perry-platform-" + std::to_string(process_id()) + "-" + info->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return path(name);
    }
    fs::path dir_;
};

TEST(ProcessTest, ExecutablePathNamesThisProgram) {
    const std::string self = executable_path();
    ASSERT_FALSE(self.empty());
    EXPECT_NE(fs::path(self).filename().string().find("tools_platform_test"), std::string::npos)
        << self;
    EXPECT_EQ(status(self.c_str()).kind, FileKind::Regular);
    EXPECT_TRUE(fs::path(self).is_absolute()) << self;
}

TEST(ProcessTest, ProcessIdIsStable) {
    EXPECT_GT(process_id(), 0);
    EXPECT_EQ(process_id(), process_id());
}

TEST(ProcessTest, AFileIsNoTerminal) {
    std::FILE* file = std::tmpfile();
    ASSERT_NE(file, nullptr);
    EXPECT_FALSE(is_terminal(file));
    std::fclose(file);
}

TEST(ProcessTest, ReplacingWithAMissingProgramReturnsTheReason) {
    std::string error;
    replace_process({(fs::temp_directory_path() / "perry-no-such-program").string()}, error);
    EXPECT_FALSE(error.empty());
}

TEST(ProcessTest, TheReplacingProgramGetsEveryArgumentAndItsExitCodeIsOurs) {
    std::vector<std::string> argv = {executable_path(), "--expect-args"};
    argv.insert(argv.end(), kTrickyArgs.begin(), kTrickyArgs.end());
    std::string error;
    EXPECT_EXIT(replace_process(argv, error), ::testing::ExitedWithCode(7), "");
}

TEST_F(PlatformTest, KindsOfFiles) {
    const std::string file = write("file.txt", "hello");
    const FileStatus regular = status(file.c_str());
    EXPECT_EQ(regular.kind, FileKind::Regular);
    EXPECT_EQ(regular.size, 5u);
    EXPECT_GT(regular.modified_ns, 0);
    EXPECT_EQ(status(dir_.string().c_str()).kind, FileKind::Directory);
    errno = 0;
    EXPECT_EQ(status(path("missing").c_str()).kind, FileKind::Missing);
    EXPECT_EQ(errno, ENOENT);
    EXPECT_EQ(link_status(path("missing").c_str()).kind, FileKind::Missing);
    EXPECT_STREQ(describe_kind(FileKind::Fifo), "a FIFO");
}

TEST_F(PlatformTest, SymlinksAreSeenFollowedAndResolved) {
    const std::string target = write("target.txt", "x");
    std::error_code ec;
    fs::create_symlink("target.txt", dir_ / "link", ec);
    if (ec)
        GTEST_SKIP() << "this system refuses symlinks here: " << ec.message();
    const std::string link = path("link");
    EXPECT_EQ(link_status(link.c_str()).kind, FileKind::Symlink);
    EXPECT_EQ(status(link.c_str()).kind, FileKind::Regular);
    EXPECT_EQ(read_link(link.c_str()), std::optional<std::string>("target.txt"));
    EXPECT_EQ(read_link(target.c_str()), std::nullopt); // not a link
    EXPECT_EQ(real_path(link.c_str()), real_path(target.c_str()));
    EXPECT_EQ(real_path(path("missing").c_str()), std::nullopt);
}

TEST_F(PlatformTest, ALongSymlinkTargetIsReadWhole) {
    const std::string long_target(4000, 'a');
    std::error_code ec;
    fs::create_symlink(long_target, dir_ / "long", ec);
    if (ec)
        GTEST_SKIP() << "this system refuses such a symlink here: " << ec.message();
    EXPECT_EQ(read_link(path("long").c_str()), std::optional<std::string>(long_target));
}

TEST_F(PlatformTest, RealPathOfADirectoryWithDots) {
    fs::create_directories(dir_ / "a" / "b");
    const std::optional<std::string> real = real_path(path("a/b/..").c_str());
    ASSERT_TRUE(real.has_value());
    EXPECT_EQ(fs::path(*real), fs::canonical(dir_ / "a"));
}

TEST_F(PlatformTest, ReadsARegularFileWithinItsLimit) {
    const std::string text(100000, 'z');
    const std::string file = write("big.txt", text);
    std::string out = "old";
    ASSERT_TRUE(read_regular_file(file.c_str(), out, text.size()));
    EXPECT_EQ(out, text);
    errno = 0;
    EXPECT_FALSE(read_regular_file(file.c_str(), out, text.size() - 1));
    EXPECT_EQ(errno, EFBIG);
    const std::string empty = write("empty.txt", "");
    ASSERT_TRUE(read_regular_file(empty.c_str(), out, 10));
    EXPECT_EQ(out, "");
}

TEST_F(PlatformTest, ReplaceFileWritesWholeKeepsTheModeAndLeavesNoTemporary) {
    std::string error;
    const std::string file = path("out.txt");
    ASSERT_TRUE(replace_file(file, "first", error)) << error;
    std::string out;
    ASSERT_TRUE(read_regular_file(file.c_str(), out, 100));
    EXPECT_EQ(out, "first");
#ifndef _WIN32
    fs::permissions(file, fs::perms(0600), fs::perm_options::replace);
#endif
    ASSERT_TRUE(replace_file(file, std::string(70000, 'x'), error)) << error;
    ASSERT_TRUE(read_regular_file(file.c_str(), out, 100000));
    EXPECT_EQ(out, std::string(70000, 'x'));
#ifndef _WIN32
    EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms(0600));
#endif
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_))
        ++entries;
    EXPECT_EQ(entries, 1u); // the temporary file was renamed, not left beside it
}

TEST_F(PlatformTest, ReplaceFileIntoAMissingDirectorySaysWhichFile) {
    std::string error;
    const std::string file = path("no-such-dir/out.txt");
    EXPECT_FALSE(replace_file(file, "text", error));
    EXPECT_NE(error.find("cannot write " + file + ": "), std::string::npos) << error;
    EXPECT_FALSE(fs::exists(dir_ / "no-such-dir"));
}

TEST_F(PlatformTest, RefusesWhatIsNoRegularFile) {
    std::string out;
    errno = 0;
    EXPECT_FALSE(read_regular_file(dir_.string().c_str(), out, 100));
    EXPECT_EQ(errno, kNotRegularFile);
    errno = 0;
    EXPECT_FALSE(read_regular_file(path("missing").c_str(), out, 100));
    EXPECT_EQ(errno, ENOENT);
    const InputFile directory(dir_.string().c_str());
    EXPECT_FALSE(directory.ok());
    EXPECT_EQ(directory.kind(), FileKind::Directory);
}

#ifndef _WIN32
TEST_F(PlatformTest, AFifoWithoutWriterNeitherBlocksNorReads) {
    const std::string fifo = path("fifo");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string out;
    errno = 0;
    EXPECT_FALSE(read_regular_file(fifo.c_str(), out, 100));
    EXPECT_EQ(errno, kNotRegularFile);
    const InputFile input(fifo.c_str());
    EXPECT_EQ(input.error(), kNotRegularFile);
    EXPECT_EQ(input.kind(), FileKind::Fifo);
    EXPECT_EQ(link_status(fifo.c_str()).kind, FileKind::Fifo);
}
#endif

TEST_F(PlatformTest, InputFileReadsByOffsetAndMaps) {
    const std::string file = write("data.bin", "0123456789");
    const InputFile input(file.c_str());
    ASSERT_TRUE(input.ok()) << std::strerror(input.error());
    EXPECT_EQ(input.kind(), FileKind::Regular);
    EXPECT_EQ(input.size(), 10u);
    char part[4] = {};
    ASSERT_TRUE(input.read_at(3, part, 4));
    EXPECT_EQ(std::string(part, 4), "3456");
    EXPECT_FALSE(input.read_at(8, part, 4)); // past the end
    const MappedFile map(input);
    ASSERT_TRUE(map.ok());
    EXPECT_EQ(map.bytes(), "0123456789");
    const InputFile empty(write("empty", "").c_str());
    const MappedFile empty_map(empty);
    EXPECT_TRUE(empty_map.ok());
    EXPECT_EQ(empty_map.bytes(), "");
}

TEST_F(PlatformTest, AppendFileAppends) {
    const std::string file = path("log.txt");
    {
        AppendFile log(file.c_str());
        ASSERT_TRUE(log.ok());
        EXPECT_TRUE(log.write("one\n", 4));
    }
    {
        AppendFile log(file.c_str());
        EXPECT_TRUE(log.write("two\n", 4));
    }
    std::string out;
    ASSERT_TRUE(read_regular_file(file.c_str(), out, 100));
    EXPECT_EQ(out, "one\ntwo\n");
    EXPECT_FALSE(AppendFile(path("no/such/dir/log").c_str()).ok());
}

TEST_F(PlatformTest, TwoLocksOfOneFileExcludeEachOther) {
    const std::string file = path("build.lock");
    auto first = std::make_unique<FileLock>(file);
    FileLock second(file);
    ASSERT_TRUE(first->opened());
    ASSERT_TRUE(second.opened());
    EXPECT_TRUE(first->try_lock());
    EXPECT_FALSE(second.try_lock());
    first.reset(); // destroying releases it
    EXPECT_TRUE(second.try_lock());
    EXPECT_FALSE(FileLock(path("no/such/dir/x.lock")).opened());
}

TEST(IsolationTest, ACopyReportsItsOutputAndHowItEnded) {
    if (!can_run_isolated()) {
        const IsolatedRun run = run_isolated([](int, void*) {}, nullptr);
        EXPECT_FALSE(run.started);
        EXPECT_FALSE(run.error.empty());
        return;
    }
    const IsolatedRun ok = run_isolated(
        [](int fd, void*) {
            write_all(fd, "hello", 5);
            leave_child(5);
        },
        nullptr);
    ASSERT_TRUE(ok.started) << ok.error;
    EXPECT_EQ(ok.output, "hello");
    EXPECT_FALSE(ok.signalled);
    EXPECT_EQ(ok.exit_code, 5);
    const IsolatedRun crashed = run_isolated(
        [](int fd, void*) {
            write_all(fd, "before", 6);
            std::signal(SIGABRT, SIG_DFL);
            std::abort();
        },
        nullptr);
    ASSERT_TRUE(crashed.started);
    EXPECT_EQ(crashed.output, "before");
    EXPECT_TRUE(crashed.signalled);
    EXPECT_EQ(crashed.signal, SIGABRT);
}

TEST(InterruptTest, NothingReceivedWithoutASignal) {
    InterruptForwarding forwarding;
    EXPECT_EQ(InterruptForwarding::received(), 0);
}

#ifndef _WIN32
TEST(InterruptTest, AReceivedSignalIsRaisedAgainWhenTheLastForwardingEnds) {
    EXPECT_EXIT(
        {
            auto forwarding = std::make_unique<InterruptForwarding>();
            std::raise(SIGTERM);
            if (InterruptForwarding::received() != SIGTERM)
                std::_Exit(1);
            forwarding.reset(); // raises SIGTERM with the previous (default) handler back
            std::_Exit(2);
        },
        ::testing::KilledBySignal(SIGTERM), "");
}
#endif

} // namespace

int main(int argc, char** argv) {
    // The program replace_process runs in TheReplacingProgramGetsEveryArgument...
    if (argc >= 2 && std::strcmp(argv[1], "--expect-args") == 0) {
        const std::vector<std::string> got(argv + 2, argv + argc);
        return got == kTrickyArgs ? 7 : 1;
    }
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
