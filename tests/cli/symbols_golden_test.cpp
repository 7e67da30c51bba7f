// `perry native symbols`: the listing, --json, and errors (exact text and exit codes); names
// from files shown terminal-safe and written losslessly in JSON; inputs that are no regular file;
// standard output that cannot be written (checked for `list` too: every command shares it).
#include "golden_support.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace perry::cli::test {
namespace {

// An ELF object whose string table holds names yaml2obj cannot spell: "fo\xffo" (not UTF-8),
// "js_\x1b[31m" (an escape sequence), "js_\u202eevil" (a right-to-left override), "js_a\nb" (a
// newline), "js_caf\u00e9" (valid UTF-8).
const char* const kNameBytesYaml = R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: ET_REL, Machine: EM_X86_64 }
Sections:
  - { Name: .text, Type: SHT_PROGBITS, Flags: [ SHF_ALLOC, SHF_EXECINSTR ], Size: 16 }
  - Name:    .strtab
    Type:    SHT_STRTAB
    Content: "00666fff6f006a735f1b5b33316d006a735fe280ae6576696c006a735f610a62006a735f636166c3a900"
Symbols:
  - { Name: a, StName: 1, Type: STT_FUNC, Section: .text, Binding: STB_GLOBAL }
  - { Name: b, StName: 6, Type: STT_FUNC, Section: .text, Binding: STB_GLOBAL }
  - { Name: c, StName: 15, Type: STT_FUNC, Section: .text, Binding: STB_GLOBAL }
  - { Name: d, StName: 26, Type: STT_FUNC, Section: .text, Binding: STB_GLOBAL }
  - { Name: e, StName: 33, Type: STT_FUNC, Section: .text, Binding: STB_GLOBAL }
)";

TEST(SymbolsGolden, ListingAndJson) {
    Scratch dir;
    dir.write("a.c", "int js_a_fn(void) { return 1; }\nint js_a_data = 2;\n"
                     "__attribute__((weak)) int js_a_weak(void) { return 3; }\n");
    dir.write("b.c", "int js_b_common __attribute__((common));\n");
    dir.archive("libab.a", {"a.c", "b.c"});
    EXPECT_TRUE(matches_golden_run("symbols", "listing", {"symbols", "libab.a"}, dir.path()));
    EXPECT_TRUE(
        matches_golden_run("symbols", "walk", {"symbols", "--walk", "libab.a"}, dir.path()));
    EXPECT_TRUE(
        matches_golden_run("symbols", "json", {"symbols", "--json", "libab.a"}, dir.path()));
    dir.archive("libmacho.a", {"a.c"}, {"clang-14", "--target=arm64-apple-macos11"}, "llvm-ar-14");
    EXPECT_TRUE(
        matches_golden_run("symbols", "macho", {"symbols", "libmacho.a", "a.o"}, dir.path()));
}

TEST(SymbolsGolden, ErrorsNameTheFileAndKeepGoing) {
    Scratch dir;
    dir.write("a.c", "int js_a_fn(void) { return 1; }\n");
    dir.archive("liba.a", {"a.c"});
    dir.write("libm.a", "/* GNU ld script\n*/\nOUTPUT_FORMAT(elf64-x86-64)\n"
                        "GROUP ( /usr/lib/x86_64-linux-gnu/libm-2.36.a )\n");
    EXPECT_TRUE(matches_golden_run("symbols", "errors",
                                   {"symbols", "missing.a", "libm.a", "liba.a"}, dir.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "no_file", {"symbols"}, dir.path()));
}

TEST(SymbolsGolden, NamesFromFilesAreEscapedAndJsonIsLossless) {
    Scratch dir;
    dir.write("names.yaml", kNameBytesYaml);
    dir.run({"yaml2obj-14", "names.yaml", "-o", "names.o"});
    // Member names come from file names, which may be any bytes but `/`.
    dir.write("a.c", "int js_a_fn(void) { return 1; }\n");
    dir.run({"gcc", "-c", "a.c", "-o", "\xff\x1b[2J.o"});
    dir.run({"ar", "rc", "libodd.a", "\xff\x1b[2J.o"});
    EXPECT_TRUE(matches_golden_run("symbols", "name_bytes", {"symbols", "names.o", "libodd.a"},
                                   dir.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "name_bytes_json",
                                   {"symbols", "--json", "names.o", "libodd.a"}, dir.path()));
}

TEST(SymbolsGolden, InputsThatAreNoRegularFileOrNoObject) {
    Scratch dir;
    ASSERT_EQ(::mkfifo((dir.path() / "fifo.a").c_str(), 0600), 0);
    std::filesystem::create_symlink("/dev/zero", dir.path() / "zero.a");
    dir.write("zeros.o", std::string(4096, '\0'));
    dir.write("e_type.yaml", R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: 0xfe00, Machine: EM_X86_64 }
Sections:
  - { Name: .text, Type: SHT_PROGBITS, Flags: [ SHF_ALLOC, SHF_EXECINSTR ], Size: 16 }
Symbols:
  - { Name: js_os_specific, Type: STT_FUNC, Section: .text, Binding: STB_GLOBAL }
)");
    dir.run({"yaml2obj-14", "e_type.yaml", "-o", "e_type.o"});
    dir.write("headers.yaml", R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: ET_REL, Machine: EM_X86_64, EShOff: 3 }
Sections:
  - { Name: .text, Type: SHT_PROGBITS, Flags: [ SHF_ALLOC, SHF_EXECINSTR ], Size: 16 }
Symbols:
  - { Name: js_fn, Type: STT_FUNC, Section: .text, Binding: STB_GLOBAL }
)");
    dir.run({"yaml2obj-14", "headers.yaml", "-o", "headers.o"});
    EXPECT_TRUE(matches_golden_run(
        "symbols", "not_regular_files",
        {"symbols", "fifo.a", "zero.a", ".", "zeros.o", "headers.o", "e_type.o"}, dir.path()));
}

// Runs `perry native <args>` with standard output on `stdout_path`, or closed when it is empty;
// returns the exit code and standard error.
std::pair<int, std::string> run_with_stdout(const std::vector<std::string>& args,
                                            const std::string& stdout_path) {
    int err[2];
    if (::pipe(err) != 0)
        return {-1, "pipe failed"};
    std::vector<std::string> words = {PERRY_BIN, "native"};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
        ::dup2(err[1], STDERR_FILENO);
        ::close(err[0]);
        ::close(err[1]);
        if (stdout_path.empty()) {
            ::close(STDOUT_FILENO);
        } else {
            const int out = ::open(stdout_path.c_str(), O_WRONLY);
            ::dup2(out, STDOUT_FILENO);
            ::close(out);
        }
        ::setenv("NO_COLOR", "1", 1);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(err[1]);
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(err[0], buffer, sizeof buffer)) > 0;)
        text.append(buffer, n);
    ::close(err[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

TEST(SymbolsGolden, FailedWritesToStandardOutputAreErrors) {
    Scratch dir;
    dir.write("a.c", "int js_a_fn(void) { return 1; }\n");
    dir.archive("liba.a", {"a.c"});
    const std::string archive = (dir.path() / "liba.a").string();
    const std::string full =
        "perry: error: cannot write to standard output: No space left on device\n"
        "  fix: check where standard output goes (a full disk, a closed pipe or descriptor)\n";
    const std::string closed =
        "perry: error: cannot write to standard output: Bad file descriptor\n"
        "  fix: check where standard output goes (a full disk, a closed pipe or descriptor)\n";
    using Outcome = std::pair<int, std::string>;
    EXPECT_EQ(run_with_stdout({"symbols", archive}, "/dev/full"), Outcome(2, full));
    EXPECT_EQ(run_with_stdout({"symbols", "--json", archive}, "/dev/full"), Outcome(2, full));
    EXPECT_EQ(run_with_stdout({"symbols", archive}, ""), Outcome(2, closed));
    // `list` writes through stdio, `symbols` with write(2): one check at exit covers both.
    EXPECT_EQ(run_with_stdout({"list"}, "/dev/full"), Outcome(2, full));
    EXPECT_EQ(run_with_stdout({"list", "--json"}, "/dev/full"), Outcome(2, full));
    EXPECT_EQ(run_with_stdout({"list"}, ""), Outcome(2, closed));
    // The same commands with a writable standard output succeed.
    EXPECT_EQ(run_with_stdout({"symbols", archive}, "/dev/null"), Outcome(0, ""));
    EXPECT_EQ(run_with_stdout({"list"}, "/dev/null"), Outcome(0, ""));
}

TEST(SymbolsGolden, UnknownCommandNamesTheNearestOne) {
    Scratch dir;
    EXPECT_TRUE(matches_golden_run("symbols", "unknown_command", {"validte"}, dir.path()));
    EXPECT_TRUE(
        matches_golden_run("symbols", "unknown_command_prefix", {"-v", "sym", "x.a"}, dir.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "no_command", {}, dir.path()));
    EXPECT_TRUE(matches_golden_run("symbols", "help_lists_commands", {"--help"}, dir.path()));
}

} // namespace
} // namespace perry::cli::test
