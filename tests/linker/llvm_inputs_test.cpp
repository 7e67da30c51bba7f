// The symbol reader against inputs made the way LLVM's own tests make theirs: objects written by
// yaml2obj-14 from the YAML files in llvm-inputs/ (at test time; no binary is checked in), read
// by the reader and by llvm-nm-14, which must agree on every defined global. Each file's
// comment says what it covers; the expected kinds are written out here.
#include "perry/linker/symbols.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace perry::linker::test {
namespace {

const std::string kInputs = PERRY_LLVM_INPUTS_DIR;

// Writes llvm-inputs/<yaml> through yaml2obj-14 with the given -D macros; returns the object.
std::string make_object(const TempDir& dir, const std::string& yaml,
                        const std::vector<std::string>& defines = {}) {
    static int count = 0;
    const std::string out = dir / ("object-" + std::to_string(count++));
    std::vector<std::string> argv = {"yaml2obj-14"};
    for (const std::string& define : defines)
        argv.push_back("-D" + define);
    argv.insert(argv.end(), {kInputs + "/" + yaml, "-o", out});
    run_ok(argv);
    return out;
}

// The defined globals llvm-nm-14 lists, names as stored (Mach-O underscore kept), sorted.
std::vector<std::string> llvm_nm_defined_globals(const std::string& file) {
    std::istringstream lines(run_ok({"llvm-nm-14", "-g", "--defined-only", "-j", file}));
    std::vector<std::string> names;
    for (std::string line; std::getline(lines, line);)
        names.push_back(line);
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> raw_names(const SymbolListing& listing) {
    std::vector<std::string> names;
    for (const DefinedSymbol& symbol : listing.symbols)
        names.emplace_back(symbol.raw_name);
    std::sort(names.begin(), names.end());
    return names;
}

using Kinds = std::map<std::string, std::string>;

// Reads `object` with the reader (index and walk make no difference for an object) and checks
// it against llvm-nm-14 and the expected kinds (C names).
void expect_agreement(const std::string& object, const Kinds& expected) {
    const SymbolListing listing = read_symbols(object);
    EXPECT_TRUE(listing.problems.empty());
    EXPECT_EQ(raw_names(listing), llvm_nm_defined_globals(object));
    EXPECT_EQ(kinds_by_name(listing), expected);
}

TEST(LlvmInputs, EverySymbolKindOfElf) {
    TempDir dir;
    expect_agreement(make_object(dir, "elf-symbol-kinds.yaml"), {{"js_fn", "function"},
                                                                 {"js_label", "function"},
                                                                 {"js_data", "data"},
                                                                 {"js_tls", "data"},
                                                                 {"js_abs", "data"},
                                                                 {"js_weak_fn", "weak"},
                                                                 {"js_weak_data", "weak"},
                                                                 {"js_common", "common"},
                                                                 {"js_stt_common", "common"},
                                                                 {"js_ifunc", "function"},
                                                                 {"js_unique", "unique"},
                                                                 {"js_hidden", "function"}});
}

TEST(LlvmInputs, UndefinedSttCommonIsAReference) {
    TempDir dir;
    const SymbolListing listing = read_symbols(make_object(dir, "elf-symbol-kinds.yaml"));
    for (const DefinedSymbol& symbol : listing.symbols) {
        EXPECT_NE(symbol.name(), "js_undefined_common");
        EXPECT_NE(symbol.name(), "js_undefined");
    }
}

TEST(LlvmInputs, EveryElfFileTypeLlvmReads) {
    TempDir dir;
    for (const char* type :
         {"ET_REL", "ET_EXEC", "ET_DYN", "ET_CORE", "ET_NONE", "0xfe00", "0xff00", "0xffff"}) {
        SCOPED_TRACE(type);
        expect_agreement(make_object(dir, "elf-file-types.yaml", {std::string("TYPE=") + type}),
                         {{"js_fn", "function"}});
    }
}

TEST(LlvmInputs, EveryElfClassAndByteOrder) {
    TempDir dir;
    for (const char* variant :
         {"ELFCLASS32 ELFDATA2LSB EM_386", "ELFCLASS32 ELFDATA2MSB EM_MIPS",
          "ELFCLASS64 ELFDATA2MSB EM_PPC64", "ELFCLASS32 ELFDATA2MSB EM_PPC",
          "ELFCLASS64 ELFDATA2MSB EM_S390", "ELFCLASS64 ELFDATA2LSB EM_RISCV"}) {
        SCOPED_TRACE(variant);
        std::istringstream words(variant);
        std::string elf_class, data, machine;
        words >> elf_class >> data >> machine;
        expect_agreement(make_object(dir, "elf-classes.yaml",
                                     {"CLASS=" + elf_class, "DATA=" + data, "MACHINE=" + machine}),
                         {{"js_fn", "function"}, {"js_data", "data"}, {"js_weak", "weak"}});
    }
}

TEST(LlvmInputs, MappingSymbolsAreNotGlobals) {
    TempDir dir;
    // Which names are format-specific depends on the machine, as in LLVM's ELFObjectFile.
    const std::map<std::string, Kinds> expected = {
        {"EM_AARCH64",
         {{"js_fn", "function"}, {"$a", "function"}, {"$t", "function"}, {"", "function"}}},
        {"EM_ARM", {{"js_fn", "function"}, {"$x", "function"}}},
        {"EM_RISCV",
         {{"js_fn", "function"},
          {"$x", "function"},
          {"$d.1", "function"},
          {"$a", "function"},
          {"$t", "function"}}},
        {"EM_X86_64",
         {{"js_fn", "function"},
          {"$x", "function"},
          {"$d.1", "function"},
          {"$a", "function"},
          {"$t", "function"},
          {"", "function"}}},
    };
    for (const auto& [machine, kinds] : expected) {
        SCOPED_TRACE(machine);
        expect_agreement(make_object(dir, "elf-mapping-symbols.yaml", {"MACHINE=" + machine}),
                         kinds);
    }
}

TEST(LlvmInputs, SharedObjectListsItsSymtabOnly) {
    TempDir dir;
    expect_agreement(make_object(dir, "elf-dynamic.yaml"), {{"js_static_only", "function"}});
}

TEST(LlvmInputs, NamesAreBytes) {
    TempDir dir;
    const std::string object = make_object(dir, "elf-name-bytes.yaml");
    expect_agreement(object, {{"fo\xffo", "function"},
                              {"js_\x1b[31m", "function"},
                              {"js_\xe2\x80\xae"
                               "evil",
                               "function"},
                              {"js_\x7f", "function"},
                              {"js_caf\xc3\xa9", "function"}});
}

TEST(LlvmInputs, CoffMachOAndWasmObjects) {
    TempDir dir;
    expect_agreement(make_object(dir, "coff-symbol-kinds.yaml"),
                     {{"js_fn", "function"},
                      {"js_weak", "weak"},
                      {".weak.js_weak.default.js_fn", "function"},
                      {"js_data", "data"},
                      {"js_common", "common"}});
    expect_agreement(make_object(dir, "macho-symbol-kinds.yaml"), {{"js_fn", "function"},
                                                                   {"js_weak", "weak"},
                                                                   {"js_data", "data"},
                                                                   {"js_pointer", "data"},
                                                                   {"js_common", "common"}});
    expect_agreement(make_object(dir, "wasm-symbol-kinds.yaml"), {{"js_fn", "function"},
                                                                  {"js_weak", "weak"},
                                                                  {"js_data", "data"},
                                                                  {"js_pointer", "data"},
                                                                  {"js_common", "data"}});
}

// What the reader says about `object`: the message of the SymbolReadError it throws, or "" when
// it reads the object.
std::string read_error(const std::string& object) {
    try {
        read_symbols(object);
    } catch (const SymbolReadError& error) {
        return error.problem().what;
    }
    return {};
}

TEST(LlvmInputs, CorruptSectionHeadersAreErrors) {
    TempDir dir;
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"FIELD=EShOff", "VALUE=0"},
         "corrupt ELF section headers: e_shnum is 5 but e_shoff is 0 (there is no section header "
         "table)"},
        {{"FIELD=EShNum", "VALUE=0"},
         "corrupt ELF section headers: e_shoff is 0xa8 but the table has no entries (e_shnum is "
         "0)"},
        {{"FIELD=EShOff", "VALUE=3"},
         "corrupt ELF section headers: entry 0 of the table at e_shoff 0x3 is not the null "
         "section (type 0x0, flags 0x3e00010000000000, offset 0x0): the table is misplaced or "
         "overwritten"},
        {{"FIELD=EShStrNdx", "VALUE=0x99"},
         "corrupt ELF section headers: the section name table index (e_shstrndx) is 153, beyond "
         "the 5 sections"},
        // LLVM reports these itself, with readelf's meaning.
        {{"FIELD=EShOff", "VALUE=0xffffff"},
         "section header table goes past the end of the file: e_shoff = 0xffffff"},
        {{"FIELD=EShEntSize", "VALUE=32"}, "invalid e_shentsize in ELF header: 32"},
    };
    for (const auto& [defines, message] : cases) {
        SCOPED_TRACE(defines[0] + " " + defines[1]);
        EXPECT_EQ(read_error(make_object(dir, "elf-section-headers.yaml", defines)), message);
    }
    EXPECT_EQ(read_error(make_object(dir, "elf-section-contents.yaml", {"TEXT_OFFSET=0xffff"})),
              "corrupt ELF section headers: section 1 (offset 0xffff, size 0x10) runs past the end "
              "of the file (560 bytes); the file may be truncated");
    EXPECT_EQ(read_error(make_object(dir, "elf-section-contents.yaml", {"RELA_LINK=0x55"})),
              "corrupt ELF section headers: section 2 (type 0x4) links to section 85, beyond the "
              "6 sections");
    // The same file with good headers reads.
    EXPECT_EQ(read_error(make_object(dir, "elf-section-contents.yaml")), "");
}

// A GNU archive written here, without a symbol index, so that member names can be any bytes
// (ar takes them from file names, yaml2obj from YAML text).
std::string gnu_archive(const std::vector<std::pair<std::string, std::string>>& members) {
    std::string out = "!<arch>\n";
    for (const auto& [name, bytes] : members) {
        char header[61];
        std::snprintf(header, sizeof header, "%-16s%-12s%-6s%-6s%-8s%-10zu`\n",
                      (name + "/").c_str(), "0", "0", "0", "644", bytes.size());
        out.append(header, 60);
        out += bytes;
        if (bytes.size() % 2 != 0)
            out += '\n';
    }
    return out;
}

TEST(LlvmInputs, MemberNamesAreBytes) {
    TempDir dir;
    const std::string object = read_all(make_object(dir, "elf-file-types.yaml", {"TYPE=ET_REL"}));
    const std::string archive = dir / "names.a";
    write_file(archive, gnu_archive({{"\xff\xfe.o", object}, {"a\x1b[2J.o", object}}));
    const SymbolListing listing = read_symbols(archive);
    EXPECT_TRUE(listing.problems.empty());
    ASSERT_EQ(listing.symbols.size(), 2u);
    EXPECT_EQ(listing.member_of(listing.symbols[0]), "\xff\xfe.o");
    EXPECT_EQ(listing.member_of(listing.symbols[1]), "a\x1b[2J.o");
    EXPECT_EQ(run_ok({"llvm-nm-14", "-g", "--defined-only", "-j", archive}),
              "\n\xff\xfe.o:\njs_fn\n\na\x1b[2J.o:\njs_fn\n");
}

} // namespace
} // namespace perry::linker::test
