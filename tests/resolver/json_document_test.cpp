// The package.json reader (simdjson, json_document.h) against nlohmann::json
// (support/reader_agreement.h): the same verdict and the same tree, also where simdjson's
// 64-byte blocks cut an escape or a multi-byte character, and for malformed inputs. And the
// places where simdjson alone would differ from JSON: a byte order mark, integers wider than
// 64 bits, nesting deeper than 1024.
#include "support/reader_agreement.h"

#include "json_document.h"

#include "perry/resolver/manifest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using perry::testing::reader_disagreement;

// String contents, valid and not, that the first pass must classify right wherever they fall.
const std::vector<std::string> kStringContents = {R"(\")",
                                                  R"(\\)",
                                                  R"(\\\")",
                                                  R"(\\\\)",
                                                  R"(a\"b\\)",
                                                  R"(\/)",
                                                  R"(\b\f\n\r\t)",
                                                  R"(\u00e9)",
                                                  R"(\ud83d\ude00)",
                                                  R"(\ud83d)",
                                                  R"(\ude00)",
                                                  R"(\u12)",
                                                  R"(\q)",
                                                  "\xC3\xA9",
                                                  "\xF0\x9F\x98\x80",
                                                  "\xC3",
                                                  "\xE2\x82",
                                                  "\xED\xA0\x80",
                                                  "\xC0\xAF",
                                                  "\x01",
                                                  "\t",
                                                  "\n",
                                                  "\x7F",
                                                  "\\",
                                                  "a\"b",
                                                  "{[:,]}",
                                                  "true",
                                                  "\\\\\\"};

TEST(JsonReader, StringsAgreeAcrossEveryBlockBoundary) {
    for (const std::string& content : kStringContents) {
        for (std::size_t pad = 0; pad < 140; ++pad) {
            const std::string text = "{\"name\": \"" + std::string(pad, 'a') + content + "\"}";
            EXPECT_EQ(reader_disagreement(text), "") << "content " << content << ", pad " << pad;
        }
    }
}

TEST(JsonReader, BackslashRunsAgreeAcrossBlocks) {
    // Runs of 1 to 9 backslashes ending at every offset around the first block boundary, then a
    // quote: whether the quote closes the string depends on the run's parity.
    for (std::size_t run = 1; run < 10; ++run) {
        for (std::size_t pad = 40; pad < 80; ++pad) {
            const std::string text =
                "[\"" + std::string(pad, 'x') + std::string(run, '\\') + "\", \"y\"]";
            EXPECT_EQ(reader_disagreement(text), "") << "run " << run << ", pad " << pad;
        }
    }
}

TEST(JsonReader, StructureAndScalarsAgree) {
    const std::vector<std::string> documents = {"{}",
                                                "[]",
                                                " [ ] ",
                                                "\xEF\xBB\xBF{}",
                                                "\xEF\xBB\xBF",
                                                "",
                                                " ",
                                                "null",
                                                "true",
                                                "-0",
                                                "0.5e-3",
                                                "1E+2",
                                                "123456789012345678901234567890",
                                                "1e400",
                                                "-",
                                                "01",
                                                "1.",
                                                ".5",
                                                "+1",
                                                "[1 2]",
                                                "[1,]",
                                                "[,1]",
                                                "{\"a\" 1}",
                                                "{\"a\":1,}",
                                                "{\"a\":}",
                                                "{1:2}",
                                                "{\"a\":1}}",
                                                "[1]x",
                                                "[1] [2]",
                                                "[truex]",
                                                "[tru]",
                                                "[nul]",
                                                "[1true]",
                                                "[\"a\"\"b\"]",
                                                "\"unterminated",
                                                "[\"a",
                                                "{\"a\":\"b\":\"c\"}",
                                                "{\"a\":[1,{\"b\":null}],\"a\":2}",
                                                "[\x01]",
                                                "[\xC3\xA9]",
                                                "\t[\r\n1\t]\n",
                                                "[1\v]",
                                                "{\"\":0}",
                                                "[[[[[]]]]]",
                                                "[[[[[]]]]",
                                                "{\"a\":1 , \"b\" : [ true , false ] }"};
    for (const std::string& text : documents)
        EXPECT_EQ(reader_disagreement(text), "") << text;
}

TEST(JsonReader, TokensAgreeAtEveryOffset) {
    // The same small document after 0 to 130 spaces: every token meets a block boundary.
    const std::string body =
        R"({"a":[1,-2.5e3,true,false,null,"s\"t\u00e9"],"b":{"c":{}},"d":"é"})";
    for (std::size_t pad = 0; pad < 130; ++pad)
        EXPECT_EQ(reader_disagreement(std::string(pad, ' ') + body), "") << "pad " << pad;
}

TEST(JsonReader, DeepNestingIsRead) {
    const std::size_t depth = 2000;
    EXPECT_EQ(reader_disagreement(std::string(depth, '[') + std::string(depth, ']')), "");
    EXPECT_EQ(reader_disagreement(std::string(depth, '[') + std::string(depth - 1, ']')), "");
}

TEST(JsonReader, DecodedStringsReachTheModel) {
    const perry::resolver::ManifestResult r = perry::resolver::parse_manifest_text(
        R"({"name": "@x/\u00e9\"q\\", "perry": {"nativeLibrary": {"abiVersion": "0.5",
            "functions": [{"name": "js_\u0061b", "params": ["i\u0036\u0034"], "returns": "void"}]}}})",
        "package.json", "");
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].format());
    EXPECT_EQ(r.name, "@x/\xC3\xA9\"q\\");
    ASSERT_EQ(r.native_library.functions.size(), 1u);
    EXPECT_EQ(r.native_library.functions[0].name, "js_ab");
    EXPECT_EQ(r.native_library.functions[0].params,
              std::vector<perry::resolver::ParamType>{perry::resolver::ParamType::I64});
}

using perry::resolver::detail::describe_syntax_error;
using perry::resolver::detail::JsonDocument;
using perry::resolver::detail::JsonKind;

TEST(JsonDocument, ByteOrderMarkIsSkipped) {
    JsonDocument document;
    std::string error;
    ASSERT_TRUE(document.parse("\xEF\xBB\xBF{\"a\": 1}", error)) << error;
    EXPECT_EQ(document.root().size(), 1u);
    EXPECT_FALSE(document.parse("\xEF\xBB\xBF", error));
    EXPECT_FALSE(document.parse(" \xEF\xBB\xBF{}", error)); // only at the very start
}

TEST(JsonDocument, WideIntegersAreNumbersAndOverflowIsAnError) {
    JsonDocument document;
    std::string error;
    ASSERT_TRUE(document.parse("{\"n\": 123456789012345678901234567890, \"m\": 2}", error))
        << error;
    auto it = document.root().begin();
    EXPECT_EQ((*it).kind(), JsonKind::Number);
    EXPECT_EQ((*it).str(), "1.2345678901234568e+29"); // read as JSON.parse reads it: a double
    ++it;
    EXPECT_EQ((*it).key(), "m");
    EXPECT_FALSE(document.parse("[1e400]", error));
    const auto overflow = describe_syntax_error("{\n  \"a\": 1e400}");
    EXPECT_EQ(overflow.what, "number overflow parsing '1e400'");
    EXPECT_EQ(overflow.line, 2);
    EXPECT_EQ(overflow.column, 8);
}

TEST(JsonDocument, NulAfterTheDocumentIsAnError) {
    // nlohmann ends the input at a NUL byte; JSON.parse and this reader do not.
    JsonDocument document;
    std::string error;
    const std::string text = std::string("{}") + '\0' + "x";
    EXPECT_FALSE(document.parse(text, error));
    const auto syntax = describe_syntax_error(text);
    EXPECT_EQ(syntax.what, "unexpected text after the document");
    EXPECT_EQ(syntax.column, 3);
}

TEST(JsonDocument, NumbersAreQuotedAsTheirValue) {
    JsonDocument document;
    std::string error;
    ASSERT_TRUE(document.parse("[1, 1.0, 0.50, -3, 18446744073709551615]", error)) << error;
    std::vector<std::string> numbers;
    for (auto value : document.root())
        numbers.emplace_back(value.str());
    EXPECT_EQ(numbers, (std::vector<std::string>{"1", "1.0", "0.5", "-3", "18446744073709551615"}));
}

} // namespace
