// The symbol reader on archives of every object format, built here from small C sources with
// gcc, clang-14 --target=... and llvm-ar-14; plus thin, index-less and stale-index archives and
// every kind of unreadable input.
#include "perry/linker/symbols.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace perry::linker::test {
namespace {

// One of each kind: function, data, weak function, common (with -fcommon).
const char* const kKindsSource = R"(int js_x_add(int a, int b) { return a + b; }
int js_x_data = 3;
__attribute__((weak)) int js_x_weak(void) { return 1; }
int js_x_common;
static int hidden_local(void) { return 2; }
int js_x_uses_local(void) { return hidden_local(); }
)";
const char* const kSecondSource = "int js_y_second(void) { return 7; }\n";

class SymbolReaderTest : public ::testing::Test {
  protected:
    // Compiles both sources with `compiler` + `flags`, archives them with `ar` + `ar_flags`.
    std::string build_archive(const std::vector<std::string>& compile,
                              const std::vector<std::string>& archive, const std::string& name) {
        write_file(dir / "a.c", kKindsSource);
        write_file(dir / "b.c", kSecondSource);
        for (const char* stem : {"a", "b"}) {
            std::vector<std::string> argv = compile;
            argv.insert(argv.end(), {"-fcommon", "-c", std::string(stem) + ".c", "-o",
                                     std::string(stem) + ".o"});
            run_ok(argv, dir.path());
        }
        std::vector<std::string> argv = archive;
        argv.insert(argv.end(), {name, "a.o", "b.o"});
        run_ok(argv, dir.path());
        return dir / name;
    }

    TempDir dir;
};

TEST_F(SymbolReaderTest, GccElfArchiveThroughTheIndex) {
    const std::string lib = build_archive({"gcc", "-O1"}, {"ar", "rcs"}, "libkinds.a");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.is_archive);
    EXPECT_TRUE(listing.used_index);
    EXPECT_FALSE(listing.index_stale);
    EXPECT_TRUE(listing.problems.empty());
    const std::map<std::string, std::string> expected = {
        {"js_x_add", "function"},  {"js_x_data", "data"},           {"js_x_weak", "weak"},
        {"js_x_common", "common"}, {"js_x_uses_local", "function"}, {"js_y_second", "function"}};
    EXPECT_EQ(kinds_by_name(listing), expected);
    for (const DefinedSymbol& symbol : listing.symbols) {
        EXPECT_EQ(symbol.format, ObjectFormat::Elf);
        EXPECT_EQ(listing.member_of(symbol), symbol.name() == "js_y_second" ? "b.o" : "a.o");
        EXPECT_EQ(symbol.name(), symbol.raw_name);
    }
    EXPECT_EQ(our_defined_globals(listing), nm_defined_globals(lib));
}

TEST_F(SymbolReaderTest, WalkGivesTheSameListingAsTheIndex) {
    const std::string lib = build_archive({"clang-14", "-O1"}, {"llvm-ar-14", "rcs"}, "libk.a");
    const SymbolListing indexed = read_symbols(lib);
    ReadOptions walk;
    walk.walk = true;
    const SymbolListing walked = read_symbols(lib, walk);
    EXPECT_TRUE(indexed.used_index);
    EXPECT_FALSE(walked.used_index);
    EXPECT_EQ(our_defined_globals(indexed), our_defined_globals(walked));
    EXPECT_EQ(kinds_by_name(indexed), kinds_by_name(walked));
}

TEST_F(SymbolReaderTest, ArchiveWithoutIndexIsWalked) {
    const std::string lib = build_archive({"gcc"}, {"ar", "rcS"}, "libnoindex.a");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_FALSE(listing.used_index);
    EXPECT_FALSE(listing.index_stale);
    EXPECT_EQ(kinds_by_name(listing).size(), 6u);
    EXPECT_EQ(our_defined_globals(listing), nm_defined_globals(lib));
}

// Appends a member by hand, as a careless build script would: the index is not updated.
void append_member_by_hand(const std::string& archive, const std::string& name,
                           const std::string& bytes) {
    char header[61];
    std::snprintf(header, sizeof header, "%-16s%-12s%-6s%-6s%-8s%-10zu`\n", (name + "/").c_str(),
                  "0", "0", "0", "644", bytes.size());
    std::ofstream out(archive, std::ios::binary | std::ios::app);
    out.write(header, 60);
    out << bytes;
    if (bytes.size() % 2 != 0)
        out << '\n';
}

TEST_F(SymbolReaderTest, MemberAppendedByHandIsSeenByTheWalkOnly) {
    const std::string lib = build_archive({"gcc"}, {"ar", "rcs"}, "libstale.a");
    write_file(dir / "c.c", "int js_z_appended(void) { return 9; }\n");
    run_ok({"gcc", "-c", "c.c", "-o", "c.o"}, dir.path());
    append_member_by_hand(lib, "c.o", read_all(dir / "c.o"));
    // A linker searches the index, so the appended member cannot satisfy a reference: the index
    // is still consistent for what it names. --walk shows the new member.
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.used_index);
    EXPECT_EQ(kinds_by_name(listing).count("js_z_appended"), 0u);
    ReadOptions walk;
    walk.walk = true;
    EXPECT_EQ(kinds_by_name(read_symbols(lib, walk)).count("js_z_appended"), 1u);
}

TEST_F(SymbolReaderTest, StaleIndexFallsBackToTheWalk) {
    const std::string lib = build_archive({"gcc"}, {"ar", "rcs"}, "libstale.a");
    // Rename a symbol inside the member (same length) behind the index's back: the index now
    // names a symbol the member lacks.
    std::string bytes = read_all(lib);
    const std::size_t at = bytes.rfind("js_y_second");
    ASSERT_NE(at, std::string::npos);
    bytes.replace(at, 11, "js_y_secoXd");
    write_file(lib, bytes);
    const SymbolListing stale = read_symbols(lib);
    EXPECT_FALSE(stale.used_index);
    EXPECT_TRUE(stale.index_stale);
    EXPECT_EQ(kinds_by_name(stale).count("js_y_secoXd"), 1u);
    EXPECT_EQ(kinds_by_name(stale).count("js_y_second"), 0u);
}

TEST_F(SymbolReaderTest, ThinArchiveReadsMembersByPath) {
    const std::string lib = build_archive({"gcc"}, {"ar", "rcsT"}, "libthin.a");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.problems.empty());
    EXPECT_EQ(kinds_by_name(listing).size(), 6u);
    EXPECT_EQ(our_defined_globals(listing), nm_defined_globals(lib));

    std::filesystem::remove(dir / "b.o");
    ReadOptions walk;
    walk.walk = true;
    const SymbolListing broken = read_symbols(lib, walk);
    ASSERT_EQ(broken.problems.size(), 1u);
    EXPECT_EQ(broken.problems[0].member, "b.o");
    EXPECT_NE(broken.problems[0].how_to_fix.find("thin archive"), std::string::npos);
}

TEST_F(SymbolReaderTest, MachOArchiveStripsTheLeadingUnderscore) {
    const std::string lib = build_archive({"clang-14", "--target=x86_64-apple-macos11"},
                                          {"llvm-ar-14", "rcs"}, "libmacho.a");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.used_index);
    const std::map<std::string, std::string> expected = {
        {"js_x_add", "function"},  {"js_x_data", "data"},           {"js_x_weak", "weak"},
        {"js_x_common", "common"}, {"js_x_uses_local", "function"}, {"js_y_second", "function"}};
    EXPECT_EQ(kinds_by_name(listing), expected);
    for (const DefinedSymbol& symbol : listing.symbols) {
        EXPECT_EQ(symbol.format, ObjectFormat::MachO);
        EXPECT_EQ("_" + std::string(symbol.name()), symbol.raw_name);
    }
}

TEST_F(SymbolReaderTest, UniversalMachOArchiveReadsEverySlice) {
    build_archive({"clang-14", "--target=x86_64-apple-macos11"}, {"llvm-ar-14", "rcs"}, "x86.a");
    build_archive({"clang-14", "--target=arm64-apple-macos11"}, {"llvm-ar-14", "rcs"}, "arm.a");
    run_ok({"llvm-lipo-14", "-create", "x86.a", "arm.a", "-output", "libfat.a"}, dir.path());
    const SymbolListing listing = read_symbols(dir / "libfat.a");
    EXPECT_TRUE(listing.problems.empty());
    EXPECT_EQ(listing.symbols.size(), 12u);
    EXPECT_EQ(listing.member_of(listing.symbols.front()).rfind("[x86_64] ", 0), 0u);
    EXPECT_EQ(listing.member_of(listing.symbols.back()).rfind("[arm64] ", 0), 0u);
}

TEST_F(SymbolReaderTest, CoffArchive) {
    const std::string lib = build_archive({"clang-14", "--target=x86_64-pc-windows-msvc"},
                                          {"llvm-ar-14", "rcs"}, "kinds.lib");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.problems.empty());
    const std::map<std::string, std::string> kinds = kinds_by_name(listing);
    EXPECT_EQ(kinds.at("js_x_add"), "function");
    EXPECT_EQ(kinds.at("js_x_data"), "data");
    EXPECT_EQ(kinds.at("js_x_common"), "common");
    EXPECT_EQ(kinds.at("js_y_second"), "function");
    EXPECT_EQ(listing.formats, std::vector<ObjectFormat>{ObjectFormat::Coff});
}

TEST_F(SymbolReaderTest, WasmArchive) {
    const std::string lib = build_archive({"clang-14", "--target=wasm32-unknown-unknown", "-O1"},
                                          {"llvm-ar-14", "rcs"}, "libkinds.a");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.problems.empty());
    const std::map<std::string, std::string> kinds = kinds_by_name(listing);
    EXPECT_EQ(kinds.at("js_x_add"), "function");
    EXPECT_EQ(kinds.at("js_x_data"), "data");
    EXPECT_EQ(kinds.at("js_x_weak"), "weak");
    EXPECT_EQ(kinds.at("js_y_second"), "function");
    EXPECT_EQ(listing.formats, std::vector<ObjectFormat>{ObjectFormat::Wasm});
}

TEST_F(SymbolReaderTest, BitcodeMembers) {
    const std::string lib =
        build_archive({"clang-14", "-flto", "-O1"}, {"llvm-ar-14", "rcs"}, "liblto.a");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.problems.empty());
    EXPECT_EQ(listing.formats, std::vector<ObjectFormat>{ObjectFormat::Bitcode});
    const std::map<std::string, std::string> kinds = kinds_by_name(listing);
    EXPECT_EQ(kinds.at("js_x_add"), "function");
    EXPECT_EQ(kinds.at("js_x_data"), "data");
    EXPECT_EQ(kinds.at("js_x_weak"), "weak");
    EXPECT_EQ(kinds.at("js_y_second"), "function");
}

TEST_F(SymbolReaderTest, ForeignArchitectureElf) {
    const std::string lib = build_archive({"clang-14", "--target=aarch64-linux-gnu"},
                                          {"llvm-ar-14", "rcs"}, "libarm.a");
    const SymbolListing listing = read_symbols(lib);
    EXPECT_EQ(kinds_by_name(listing).size(), 6u);
    EXPECT_EQ(kinds_by_name(listing).at("js_x_common"), "common");
}

TEST_F(SymbolReaderTest, CoffImportLibrary) {
    write_file(dir / "imp.def", "LIBRARY imp.dll\nEXPORTS\n  js_imp_call\n  js_imp_table DATA\n");
    run_ok({"llvm-dlltool-14", "-m", "i386:x86-64", "-d", "imp.def", "-l", "imp.lib"}, dir.path());
    const SymbolListing listing = read_symbols(dir / "imp.lib");
    EXPECT_TRUE(listing.problems.empty());
    const std::map<std::string, std::string> kinds = kinds_by_name(listing);
    EXPECT_EQ(kinds.at("js_imp_call"), "function");
    EXPECT_EQ(kinds.at("__imp_js_imp_call"), "data");
    EXPECT_EQ(kinds.at("__imp_js_imp_table"), "data");
    EXPECT_EQ(kinds.count("js_imp_table"), 0u); // DATA exports have only the __imp_ pointer
}

TEST_F(SymbolReaderTest, PlainObjectFile) {
    write_file(dir / "a.c", kKindsSource);
    run_ok({"gcc", "-fcommon", "-c", "a.c", "-o", "a.o"}, dir.path());
    const SymbolListing listing = read_symbols(dir / "a.o");
    EXPECT_FALSE(listing.is_archive);
    EXPECT_EQ(kinds_by_name(listing).size(), 5u);
    EXPECT_EQ(listing.member_of(listing.symbols.front()), "");
}

// ---- unreadable input: a clear message naming the file (and member), never a crash

ReadProblem problem_of(const std::string& path, const ReadOptions& options = {}) {
    try {
        SymbolListing listing = read_symbols(path, options);
        if (!listing.problems.empty())
            return listing.problems.front();
    } catch (const SymbolReadError& error) {
        return error.problem();
    }
    ADD_FAILURE() << path << " was read without a problem";
    return {};
}

TEST_F(SymbolReaderTest, MissingFile) {
    const ReadProblem problem = problem_of(dir / "nope.a");
    EXPECT_EQ(problem.message(), dir / "nope.a" + ": cannot open: No such file or directory");
}

TEST_F(SymbolReaderTest, TextLinkerScriptNamesWhatToReadInstead) {
    write_file(dir / "libm.a", "/* GNU ld script\n*/\nOUTPUT_FORMAT(elf64-x86-64)\n"
                               "GROUP ( /usr/lib/x86_64-linux-gnu/libm-2.36.a "
                               "/usr/lib/x86_64-linux-gnu/libmvec.a )\n");
    const ReadProblem problem = problem_of(dir / "libm.a");
    EXPECT_EQ(problem.what, "a GNU ld text linker script, not an archive or object file");
    EXPECT_EQ(problem.how_to_fix,
              "read the files the script names instead: /usr/lib/x86_64-linux-gnu/libm-2.36.a "
              "/usr/lib/x86_64-linux-gnu/libmvec.a");
    // The system's own libm.a is such a script.
    const std::string system_libm = run_ok({"gcc", "-print-file-name=libm.a"});
    EXPECT_EQ(problem_of(system_libm.substr(0, system_libm.size() - 1)).what, problem.what);
}

TEST_F(SymbolReaderTest, NotAnObject) {
    write_file(dir / "notes.txt", "hello\n");
    EXPECT_EQ(problem_of(dir / "notes.txt").what,
              "not an archive or object file this reader knows (ELF, Mach-O, COFF, wasm, LLVM "
              "bitcode, ar archives)");
    write_file(dir / "empty.a", "");
    EXPECT_EQ(problem_of(dir / "empty.a").what, "empty file, not an archive or object file");
}

TEST_F(SymbolReaderTest, TruncatedArchiveNamesTheMember) {
    const std::string lib = build_archive({"gcc"}, {"ar", "rcs"}, "libcut.a");
    const auto size = std::filesystem::file_size(lib);
    std::filesystem::resize_file(lib, size - 100);
    const ReadProblem problem = problem_of(lib);
    EXPECT_EQ(problem.file, lib);
    EXPECT_EQ(problem.member, "b.o");
    EXPECT_EQ(problem.what, "truncated archive: the member runs past the end of the file");
}

TEST_F(SymbolReaderTest, CorruptMemberIsReportedAndTheRestStillRead) {
    write_file(dir / "a.c", kKindsSource);
    run_ok({"gcc", "-fcommon", "-c", "a.c", "-o", "a.o"}, dir.path());
    // An ELF header whose section table points far past the end of the member.
    std::string bad(64, '\0');
    bad.replace(0, 6,
                "\x7f"
                "ELF\x02\x01");
    bad[16] = 1;  // ET_REL
    bad[18] = 62; // EM_X86_64
    bad[40] = '\xff';
    bad[41] = '\xff';
    bad[42] = '\xff'; // e_shoff
    bad[58] = 64;
    bad[60] = 5; // e_shentsize, e_shnum
    write_file(dir / "bad.o", bad);
    run_ok({"ar", "rcS", "libbad.a", "a.o", "bad.o"}, dir.path());
    const SymbolListing listing = read_symbols(dir / "libbad.a");
    ASSERT_EQ(listing.problems.size(), 1u);
    EXPECT_EQ(listing.problems[0].member, "bad.o");
    EXPECT_EQ(listing.problems[0].message().rfind(dir / "libbad.a" + "(bad.o): ", 0), 0u);
    EXPECT_EQ(kinds_by_name(listing).size(), 5u);
}

// LLVM 14's wasm reader aborts the process (report_fatal_error) on this import section, whose
// declared size ends before the import it announces. The member is read in a child process, so
// it becomes a problem naming the member, and the other members are still read.
TEST_F(SymbolReaderTest, MemberThatMakesLlvmAbortIsReportedNotFatal) {
    write_file(dir / "a.c", kKindsSource);
    run_ok({"gcc", "-fcommon", "-c", "a.c", "-o", "a.o"}, dir.path());
    write_file(dir / "bad.o", std::string("\0asm\x01\0\0\0\x02\x01\x01", 11));
    run_ok({"ar", "rcS", "libabort.a", "a.o", "bad.o"}, dir.path());
    const SymbolListing listing = read_symbols(dir / "libabort.a");
    ASSERT_EQ(listing.problems.size(), 1u);
    EXPECT_EQ(listing.problems[0].member, "bad.o");
    EXPECT_EQ(listing.problems[0].what.rfind("malformed object (LLVM: ", 0), 0u)
        << listing.problems[0].what;
    EXPECT_EQ(kinds_by_name(listing).size(), 5u);
}

// validate's mode, asking for js_y_second (defined in b.o): the listing comes through the index
// and has every symbol a full read has.
SymbolListing read_kinds_only_for_the_second(const std::string& lib) {
    static const std::unordered_set<std::string> wanted = {"js_y_second"};
    ReadOptions options;
    options.kinds_only_for = &wanted;
    SymbolListing listing = read_symbols(lib, options);
    EXPECT_TRUE(listing.used_index);
    EXPECT_EQ(our_defined_globals(listing), our_defined_globals(read_symbols(lib)));
    return listing;
}

// validate's mode: kinds only for the names it asks about (and names in two members); the
// other symbols come from the index alone, still all present.
TEST_F(SymbolReaderTest, KindsOnlyForSomeNames) {
    const SymbolListing listing =
        read_kinds_only_for_the_second(build_archive({"gcc"}, {"ar", "rcs"}, "libsome.a"));
    for (const DefinedSymbol& symbol : listing.symbols) {
        // b.o defines the wanted name and is parsed; a.o is not.
        EXPECT_EQ(symbol.kind_known, listing.member_of(symbol) == "b.o") << symbol.raw_name;
    }
    EXPECT_EQ(kinds_by_name(listing).at("js_y_second"), "function");
}

// A BSD index is regrouped by member into a buffer of the reader's; the symbols validate's mode
// takes from the index alone view it, so the listing must keep it (found by the fuzz target: the
// names were read after the buffer was freed; ASan builds catch a regression here).
TEST_F(SymbolReaderTest, KindsOnlyForSomeNamesOnABsdArchive) {
    const std::string lib =
        build_archive({"gcc", "-O1"}, {"llvm-ar-14", "--format=bsd", "rcs"}, "libbsd.a");
    EXPECT_EQ(our_defined_globals(read_kinds_only_for_the_second(lib)), nm_defined_globals(lib));
}

TEST_F(SymbolReaderTest, MemoryAndFileReadsAgree) {
    const std::string lib = build_archive({"gcc"}, {"ar", "rcs"}, "libmem.a");
    const std::string bytes = read_all(lib);
    EXPECT_EQ(our_defined_globals(read_symbols_from_memory(bytes, lib)),
              our_defined_globals(read_symbols(lib)));
}

} // namespace
} // namespace perry::linker::test
