// The well-known table: the shipped format, the reference table as real-world data, and the exact
// text of every error (file, line, key).
#include "perry/resolver/well_known.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace perry::resolver {
namespace {

std::vector<std::string> errors_of(const std::string& text) {
    std::vector<WellKnownError> errors;
    WellKnownTable::parse(text, "table.toml", errors);
    std::vector<std::string> out;
    for (const auto& e : errors) {
        out.push_back(e.describe());
    }
    return out;
}

// The shipped table lists the bundled examples, each with the folder it is built from.
TEST(WellKnown, ShippedTableListsTheBundledBindings) {
    std::vector<WellKnownError> errors;
    const WellKnownTable table = WellKnownTable::load(PERRY_WELL_KNOWN_SOURCE_TABLE, errors);
    EXPECT_TRUE(errors.empty());
    std::vector<std::string> names;
    for (const WellKnownBinding& binding : table.entries()) {
        names.push_back(binding.name + " " + binding.source);
    }
    EXPECT_EQ(names, (std::vector<std::string>{
                         "@perry/dotenv bindings/dotenv", "@perry/emitter bindings/emitter",
                         "@perry/rust-hash bindings/rust-hash", "@perry/sqlite bindings/sqlite",
                         "@perry/zlib bindings/zlib"}));
}

TEST(WellKnown, ASourceMayNotLeaveTheTablesDirectory) {
    EXPECT_EQ(errors_of("[bindings.a]\ncrate = \"c\"\nlib = \"l\"\nsource = \"../x\"\n"
                        "[bindings.b]\ncrate = \"c\"\nlib = \"l\"\nsource = \"/abs\"\n"),
              (std::vector<std::string>{
                  "table.toml:4: bindings.a.source: expected a folder relative to the table's "
                  "directory, found \"../x\"",
                  "table.toml:8: bindings.b.source: expected a folder relative to the table's "
                  "directory, found \"/abs\""}));
}

TEST(WellKnown, ReferenceTableOfTheOriginalParses) {
    std::vector<WellKnownError> errors;
    const WellKnownTable table = WellKnownTable::load(PERRY_REFERENCE_TABLE, errors);
    for (const auto& e : errors) {
        ADD_FAILURE() << e.describe();
    }
    EXPECT_EQ(table.entries().size(), 48u);
    const WellKnownBinding* promise = table.find("mysql2/promise");
    ASSERT_NE(promise, nullptr);
    EXPECT_EQ(promise->alias_of, "mysql2");
    EXPECT_EQ(promise->crate, "perry-ext-mysql2");
    const WellKnownBinding* events = table.find("events");
    ASSERT_NE(events, nullptr);
    EXPECT_TRUE(events->node_builtin);
    EXPECT_EQ(table.find("dotenv")->compat, "partial");
    EXPECT_EQ(table.find("not-there"), nullptr);
    EXPECT_EQ(table.find("mysql2/other"), nullptr);
}

TEST(WellKnown, EntriesAreSortedAndFoundExactly) {
    std::vector<WellKnownError> errors;
    const WellKnownTable table = WellKnownTable::parse(R"(
[bindings.zeta]
crate = "z"
lib = "z"
[bindings."@scope/alpha"]
crate = "a"
lib = "a"
compat = "full"
)",
                                                       "t.toml", errors);
    ASSERT_TRUE(errors.empty());
    ASSERT_EQ(table.entries().size(), 2u);
    EXPECT_EQ(table.entries()[0].name, "@scope/alpha");
    EXPECT_EQ(table.entries()[0].compat, "full");
    EXPECT_EQ(table.entries()[0].line, 5);
    EXPECT_EQ(table.entries()[1].compat, "partial");
}

TEST(WellKnown, SyntaxErrorNamesFileAndLine) {
    EXPECT_EQ(errors_of("[bindings.a]\ncrate = \"x\"\nlib = \n"),
              std::vector<std::string>{
                  "table.toml:3:7: Error while parsing key-value pair: expected value, saw '\\n'"});
}

// toml++ 3.3 has undefined behaviour (TOML_UNREACHABLE) when it tests some non-ASCII characters
// for whitespace; the guard in front of it turns each such input into an error. Each of these
// reached the unreachable point in a UBSan build of toml++ before the guard.
TEST(WellKnown, CharactersTomlPlusPlusCannotTestAreErrorsNotCrashes) {
    EXPECT_EQ(errors_of("\xc3\xa9 = 1\n"),
              std::vector<std::string>{"table.toml:1:1: unexpected character U+00E9 outside a "
                                       "string or comment (TOML keys and values are ASCII; quote "
                                       "it)"});
    EXPECT_EQ(errors_of("[bindings.a]\ncrate = \"c\" \xe3\x80\x81\n"),
              std::vector<std::string>{"table.toml:2:13: unexpected character U+3001 outside a "
                                       "string or comment (TOML keys and values are ASCII; quote "
                                       "it)"});
    EXPECT_EQ(errors_of("a = 1 \xff\n"),
              std::vector<std::string>{
                  "table.toml:1:7: ill-formed UTF-8 (byte 0xFF); save the file as UTF-8"});
    EXPECT_EQ(errors_of("[ \xef\xbc\x81 ]\n").size(),
              1u); // U+FF01: past the last block, still not ASCII
    EXPECT_EQ(errors_of("x = \"\"\"a\\\n   \xc3\xa9\"\"\"\n"),
              std::vector<std::string>{"table.toml:2:4: character U+00E9 right after a "
                                       "line-ending backslash cannot be read by the TOML "
                                       "library; write it as an escape (\\u00E9)"});
}

// Found by the fuzz target: on a malformed value toml++ scans ahead into a ''' string and tests
// its characters; the document is parsed with those characters masked first.
TEST(WellKnown, MalformedValueBeforeAStringWithSuchCharactersIsASyntaxError) {
    const auto errors = errors_of("x = [1['''din \xc2\xba'''\n");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].rfind("table.toml:1:", 0), 0u) << errors[0];
}

TEST(WellKnown, NonAsciiInStringsAndCommentsIsFine) {
    // Past the guard toml++ reads these; the one error is about the unknown key, not the text.
    const char* texts[] = {
        "# caf\xc3\xa9\nx = 1\n",
        "x = \"caf\xc3\xa9 \\\" \xc3\xa9\"\n",
        "x = 'caf\xc3\xa9'\n",
        "x = \"\"\"caf\xc3\xa9\"\"\"\n",
        "x = '''\xc3\xa9\n\xc3\xa9'''\n",
        "x = \"\"\"a\\\n   b\xc3\xa9\"\"\"\n",
        "x = 1 # \xc3\xa9\n",
        "\"\xc3\xa9\" = 1\n",
    };
    for (const char* text : texts) {
        const auto errors = errors_of(text);
        ASSERT_EQ(errors.size(), 1u) << text;
        EXPECT_EQ(errors[0].find("character U+"), std::string::npos) << errors[0];
    }
}

TEST(WellKnown, UnknownKeysAreErrors) {
    EXPECT_EQ(
        errors_of("version = 1\n[bindings.a]\ncrate = \"c\"\nlib = \"l\"\ncreate = \"typo\"\n"
                  "[bindings.a.upstream]\nsha = \"x\"\n"),
        (std::vector<std::string>{
            "table.toml:1: version: unknown top-level key (only [bindings.<npm-name>] tables "
            "are allowed)",
            "table.toml:5: bindings.a.create: unknown key (known: crate, lib, source, tracking, "
            "alias-of, compat, node-builtin, upstream)",
            "table.toml:7: bindings.a.upstream.sha: unknown key (known: version, sha256, repo, "
            "ref, ported-at, date)"}));
}

TEST(WellKnown, WrongTypesAndMissingFields) {
    EXPECT_EQ(
        errors_of("[bindings.\"@s/p\"]\ncrate = 5\nnode-builtin = \"yes\"\ncompat = \"most\"\n"
                  "tracking = \"\"\n"),
        (std::vector<std::string>{
            "table.toml:1: bindings.\"@s/p\".crate: missing (every entry names its crate and "
            "its library stem)",
            "table.toml:1: bindings.\"@s/p\".lib: missing (every entry names its crate and its "
            "library stem)",
            "table.toml:2: bindings.\"@s/p\".crate: expected a non-empty string",
            "table.toml:3: bindings.\"@s/p\".node-builtin: expected true or false",
            "table.toml:4: bindings.\"@s/p\".compat: expected \"full\" or \"partial\", found "
            "\"most\"",
            "table.toml:5: bindings.\"@s/p\".tracking: expected a non-empty string"}));
    EXPECT_EQ(errors_of("bindings = 3\n"),
              std::vector<std::string>{
                  "table.toml:1: bindings: expected a table of [bindings.<npm-name>]"});
    EXPECT_EQ(
        errors_of("[bindings]\nx = 1\n"),
        std::vector<std::string>{"table.toml:2: bindings.x: expected a table ([bindings.x])"});
}

TEST(WellKnown, AliasesMustNameARealNonAliasEntry) {
    EXPECT_EQ(errors_of(R"([bindings.a]
crate = "c"
lib = "l"
[bindings.b]
crate = "c"
lib = "l"
alias-of = "a"
[bindings.c]
crate = "c"
lib = "l"
alias-of = "b"
[bindings.d]
crate = "c"
lib = "l"
alias-of = "nothing"
)"),
              (std::vector<std::string>{
                  "table.toml:8: bindings.c.alias-of: names \"b\", which is itself an alias (of "
                  "\"a\"); point at \"a\"",
                  "table.toml:12: bindings.d.alias-of: names \"nothing\", which has no entry"}));
    EXPECT_EQ(errors_of("[bindings.a]\ncrate = \"c\"\nlib = \"l\"\nalias-of = \"a\"\n"),
              std::vector<std::string>{
                  "table.toml:1: bindings.a.alias-of: an entry cannot be an alias of itself"});
}

TEST(WellKnown, UnreadableFile) {
    std::vector<WellKnownError> errors;
    WellKnownTable::load("/nonexistent/table.toml", errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].describe(),
              "/nonexistent/table.toml: cannot read the well-known table: No such file or "
              "directory");
}

TEST(WellKnown, KeysFromTheFileAreEscapedInMessages) {
    // A key holding an escape sequence and a bidirectional override: shown escaped.
    std::vector<WellKnownError> errors;
    WellKnownTable::parse(
        "[bindings.x]\ncrate = \"c\"\nlib = \"l\"\n\"\\u001b[2J\xE2\x80\xAE\" = 1\n", "t.toml",
        errors);
    ASSERT_EQ(errors.size(), 1u);
    const std::string described = errors[0].describe();
    EXPECT_EQ(described.find('\x1b'), std::string::npos) << described;
    EXPECT_NE(described.find("\\u001b[2J\\u202e"), std::string::npos) << described;
}

TEST(WellKnown, LibIsAStemNotAPath) {
    for (const char* lib : {".", "..", "a/b"}) {
        std::vector<WellKnownError> errors;
        WellKnownTable::parse(std::string("[bindings.x]\ncrate = \"c\"\nlib = \"") + lib + "\"\n",
                              "t.toml", errors);
        ASSERT_FALSE(errors.empty()) << lib;
        EXPECT_NE(errors[0].describe().find("expected a library stem"), std::string::npos)
            << errors[0].describe();
    }
}

TEST(WellKnown, LocationOrder) {
    ::unsetenv("PERRY_WELL_KNOWN");
    EXPECT_EQ(locate_well_known_table(std::filesystem::path("/x/t.toml"), "/p/bin/perry").source,
              "--well-known");
    ::setenv("PERRY_WELL_KNOWN", "/env/t.toml", 1);
    const WellKnownLocation env = locate_well_known_table(std::nullopt, "/p/bin/perry");
    EXPECT_EQ(env.path, "/env/t.toml");
    EXPECT_EQ(env.source, "PERRY_WELL_KNOWN");
    ::unsetenv("PERRY_WELL_KNOWN");
    EXPECT_EQ(locate_well_known_table(std::nullopt, "/nonexistent/bin/perry").source,
              "source tree");
}

} // namespace
} // namespace perry::resolver
