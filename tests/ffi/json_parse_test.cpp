// JSON.parse (perry_json_parse): semantics, errors, and a comparison with node on generated
// documents (skipped when node is not on PATH).
#include "runtime_fixture.h"

#include "perry/ffi.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

using perry::testing::RuntimeTest;
using perry::testing::text_of;

class JsonParseTest : public RuntimeTest {
  protected:
    // JSON.stringify(JSON.parse(text)), or "SyntaxError: <message>".
    static std::string round_trip(std::string_view text) {
        PerryValue value = PERRY_UNDEFINED;
        PerryStatus status = perry_json_parse(text.data(), text.size(), &value);
        if (status == PERRY_STATUS_INVALID_SYNTAX) {
            return std::string("SyntaxError: ") + perry_json_parse_error_message();
        }
        if (status != PERRY_OK) {
            return std::string("status ") + perry_status_name(status);
        }
        PerryValue out = PERRY_UNDEFINED;
        status = perry_json_stringify(value, PERRY_UNDEFINED, &out);
        return status == PERRY_OK ? text_of(out) : perry_status_name(status);
    }
};

TEST_F(JsonParseTest, ScalarsAndContainers) {
    EXPECT_EQ(round_trip("  [1, -2.5, true, false, null, \"x\", {}, []] "),
              "[1,-2.5,true,false,null,\"x\",{},[]]");
    EXPECT_EQ(round_trip("{\"a\":{\"b\":[{\"c\":1}]}}"), "{\"a\":{\"b\":[{\"c\":1}]}}");
    EXPECT_EQ(round_trip("\"hello, world\""), "\"hello, world\"");
}

TEST_F(JsonParseTest, DuplicateKeysKeepTheFirstPlaceAndTheLastValue) {
    EXPECT_EQ(round_trip("{\"a\":1,\"b\":2,\"a\":3}"), "{\"a\":3,\"b\":2}");
}

TEST_F(JsonParseTest, ProtoIsAPlainKeyAndIntegerKeysComeFirst) {
    EXPECT_EQ(round_trip("{\"__proto__\":{\"x\":1},\"b\":1,\"2\":0,\"1\":0}"),
              "{\"1\":0,\"2\":0,\"__proto__\":{\"x\":1},\"b\":1}");
}

TEST_F(JsonParseTest, NumbersFollowJavaScript) {
    PerryValue value = PERRY_UNDEFINED;
    ASSERT_EQ(perry_json_parse_cstr("-0", &value), PERRY_OK);
    EXPECT_TRUE(perry_value_same(value, perry_value_from_number(-0.0)));
    ASSERT_EQ(perry_json_parse_cstr("1e400", &value), PERRY_OK);
    EXPECT_EQ(perry_value_to_number(value), HUGE_VAL);
    ASSERT_EQ(perry_json_parse_cstr("-1e400", &value), PERRY_OK);
    EXPECT_EQ(perry_value_to_number(value), -HUGE_VAL);
    ASSERT_EQ(perry_json_parse_cstr("42", &value), PERRY_OK);
    EXPECT_TRUE(perry_value_is_int32(value));
    // Integers wider than 64 bits are doubles, as JSON.parse reads them.
    EXPECT_EQ(
        round_trip("[123456789012345678901234567890, 18446744073709551616, 9007199254740993]"),
        "[1.2345678901234568e+29,18446744073709552000,9007199254740992]");
    EXPECT_EQ(round_trip("[0.1, 1E2, 1e-7, 2.5e+3]"), "[0.1,100,1e-7,2500]");
}

TEST_F(JsonParseTest, StringEscapesIncludingLoneSurrogates) {
    EXPECT_EQ(round_trip(R"(["\n\t\"\\\/\u00e9\ud83d\ude00"])"),
              "[\"\\n\\t\\\"\\\\/\xC3\xA9\xF0\x9F\x98\x80\"]");
    EXPECT_EQ(round_trip(R"(["a\ud800b", "\udc00", "\uDBFF\uDFFF"])"),
              "[\"a\\ud800b\",\"\\udc00\",\"\xF4\x8F\xBF\xBF\"]");
    PerryValue value = PERRY_UNDEFINED;
    ASSERT_EQ(perry_json_parse_cstr(R"("x\ud800")", &value), PERRY_OK);
    EXPECT_EQ(text_of(value), "x\xED\xA0\x80"); // WTF-8, how lone surrogates are stored
    // A document that already holds the first candidate marker still round-trips.
    EXPECT_EQ(round_trip("[\"\xEE\x80\x80\\ue000\", \"\\ud801\"]"),
              "[\"\xEE\x80\x80\xEE\x80\x80\",\"\\ud801\"]");
}

TEST_F(JsonParseTest, DeepNestingDoesNotUseTheCStack) {
    // A collection per allocation makes the deep case minutes long under PERRY_GC_STRESS=1.
    const size_t depth = perry_gc_stress_enabled() ? 2000 : 100000;
    std::string text(depth, '[');
    text.append(depth, ']');
    EXPECT_EQ(round_trip(text), text);
}

TEST_F(JsonParseTest, SyntaxErrorsSayWhatAndWhere) {
    EXPECT_EQ(round_trip(""), "SyntaxError: Unexpected end of JSON input");
    EXPECT_EQ(round_trip("[1 2]"),
              "SyntaxError: Expected ',' or ']' after array element in JSON at position 3");
    EXPECT_EQ(round_trip("[1,]"), "SyntaxError: Unexpected token ']' in JSON at position 3");
    EXPECT_EQ(round_trip("{\"a\" 1}"),
              "SyntaxError: Expected ':' after property name in JSON at position 5");
    EXPECT_EQ(round_trip("{"), "SyntaxError: Expected property name or '}' in JSON at position 1");
    EXPECT_EQ(round_trip("1 2"),
              "SyntaxError: Unexpected non-whitespace character after JSON at position 2");
    EXPECT_EQ(round_trip("\"abc"), "SyntaxError: Unterminated string in JSON at position 4");
    EXPECT_EQ(round_trip("-"), "SyntaxError: No number after minus sign in JSON at position 1");
    EXPECT_EQ(round_trip("\xEF\xBB\xBF"
                         "1"),
              "SyntaxError: Unexpected token '\xEF\xBB\xBF' in JSON at position 0");
    EXPECT_EQ(round_trip(std::string_view("1\0", 2)),
              "SyntaxError: Unexpected non-whitespace character after JSON at position 1");
    // The rest of V8's messages, with node 20's positions.
    EXPECT_EQ(round_trip("{\"a\":1,}"),
              "SyntaxError: Expected double-quoted property name in JSON at position 7");
    EXPECT_EQ(round_trip("{\"a\":1 \"b\"}"),
              "SyntaxError: Expected ',' or '}' after property value in JSON at position 7");
    EXPECT_EQ(round_trip("\"a\x01\""),
              "SyntaxError: Bad control character in string literal in JSON at position 2");
    EXPECT_EQ(round_trip(R"("\x")"), "SyntaxError: Bad escaped character in JSON at position 2");
    EXPECT_EQ(round_trip(R"("\u12g4")"), "SyntaxError: Bad Unicode escape in JSON at position 5");
    EXPECT_EQ(round_trip("1."),
              "SyntaxError: Unterminated fractional number in JSON at position 2");
    EXPECT_EQ(round_trip("1e+"),
              "SyntaxError: Exponent part is missing a number in JSON at position 3");
    EXPECT_EQ(round_trip("\"\xFF\""), "SyntaxError: Invalid UTF-8 byte in JSON at position 1");
    EXPECT_EQ(round_trip("tru"), "SyntaxError: Unexpected end of JSON input");
    // Positions count UTF-16 code units, as JavaScript does.
    EXPECT_EQ(round_trip("[\"\xF0\x9F\x98\x80\" x]"),
              "SyntaxError: Expected ',' or ']' after array element in JSON at position 6");
    EXPECT_EQ(perry_json_parse_error_position(), 6u);
}

TEST_F(JsonParseTest, CppWrapperThrowsSyntaxError) {
    EXPECT_EQ(text_of(perry::json_parse("\"ok\"")), "ok");
    try {
        perry::json_parse("[");
        FAIL() << "no exception";
    } catch (const perry::SyntaxError& error) {
        EXPECT_EQ(error.type(), PERRY_ERROR_SYNTAX_ERROR);
        EXPECT_STREQ(error.what(), "Unexpected end of JSON input");
    }
    PerryValue error = perry_error_new_cstr(PERRY_ERROR_SYNTAX_ERROR, "m", nullptr);
    EXPECT_EQ(text_of(perry_error_name(error)), "SyntaxError");
}

TEST_F(JsonParseTest, BadArguments) {
    EXPECT_EQ(perry_json_parse("1", 1, nullptr), PERRY_STATUS_INVALID_ARGUMENT);
    PerryValue value = PERRY_UNDEFINED;
    EXPECT_EQ(perry_json_parse(nullptr, 3, &value), PERRY_STATUS_INVALID_ARGUMENT);
}

// ------------------------------------------------------------ comparison with node ---

// Random documents from a fixed seed: the value kinds, number spellings and string escapes
// JSON.parse must get right, then the same documents with one byte deleted or inserted (most
// of those are syntax errors, the rest other documents).
class DocumentGenerator {
  public:
    explicit DocumentGenerator(uint32_t seed) : random_(seed) {}

    std::string value(int depth) {
        switch (pick(depth > 3 ? 6 : 8)) {
        case 0:
            return pick_of({"true", "false", "null"});
        case 1:
        case 2:
            return number();
        case 3:
        case 4:
        case 5:
            return string();
        case 6: {
            std::string out = "[" + space();
            for (int i = 0, n = pick(4); i < n; ++i) {
                // One call per statement: the order of calls within an expression is
                // unspecified, and the documents must be the same with every compiler.
                out += i ? "," : "";
                out += space();
                out += value(depth + 1);
                out += space();
            }
            return out + "]";
        }
        default: {
            std::string out = "{";
            for (int i = 0, n = pick(5); i < n; ++i) {
                out += i ? "," : "";
                out += space();
                out += key();
                out += space();
                out += ":";
                out += value(depth + 1);
            }
            return out + space() + "}";
        }
        }
    }

    std::string mutate(const std::string& doc) {
        std::string out = doc;
        const size_t at = pick(static_cast<int>(out.size()) + 1);
        if (pick(2) == 0 && at < out.size()) {
            out.erase(at, 1);
        } else {
            static const char kBytes[] = "[]{},:\"\\u0e-+. x\n\x01";
            out.insert(out.begin() + static_cast<long>(at), kBytes[pick(sizeof kBytes - 1)]);
        }
        return out;
    }

  private:
    int pick(int n) { return static_cast<int>(random_() % static_cast<uint32_t>(n)); }
    std::string pick_of(std::initializer_list<const char*> items) {
        return *(items.begin() + pick(static_cast<int>(items.size())));
    }
    std::string space() { return pick_of({"", "", "", " ", "\n\t", "\r\n  "}); }
    std::string number() {
        return pick_of({"0",
                        "-0",
                        "1",
                        "-17",
                        "2147483647",
                        "2147483648",
                        "-2147483649",
                        "9007199254740993",
                        "18446744073709551615",
                        "18446744073709551616",
                        "123456789012345678901234567890",
                        "0.5",
                        "-0.0",
                        "1e21",
                        "1E-7",
                        "3.14159e+2",
                        "1e400",
                        "-1e400",
                        "5e-324",
                        "1e-400",
                        "0.1",
                        "100e-2",
                        "4.35",
                        "0.30000000000000004",
                        "1.7976931348623157e308"});
    }
    // Keys hold no lone surrogates: the runtime's object keys cannot (docs/abi/json.md).
    std::string string(bool lone_surrogates = true) {
        std::string out = "\"";
        for (int i = 0, n = pick(5); i < n; ++i) {
            if (!lone_surrogates) {
                // No escaped pair either: a mutation could split it into lone surrogates.
                out += pick_of({"a", "b\\n", "\\u00e9", "\xF0\x9F\x98\x80", "\xC3\xA9"});
                continue;
            }
            out += pick_of({"a",
                            "xyz",
                            " ",
                            "\\n",
                            "\\t",
                            "\\\"",
                            "\\\\",
                            "\\/",
                            "\\b",
                            "\\f",
                            "\\r",
                            "\\u0000",
                            "\\u001f",
                            "\\u00e9",
                            "\\u2028",
                            "\\ud83d\\ude00",
                            "\\ud800",
                            "\\udfff",
                            "\\uDBFF\\uDFFF",
                            "\\ud800\\u0041",
                            "\xC3\xA9",
                            "\xF0\x9F\x98\x80",
                            "\xE2\x80\xA8",
                            "\x7F",
                            "\xEE\x80\x80"});
        }
        return out + "\"";
    }
    std::string key() {
        return pick(3) == 0 ? pick_of({"\"__proto__\"", "\"0\"", "\"1\"", "\"10\"", "\"01\"",
                                       "\"4294967294\"", "\"4294967295\"", "\"-1\"", "\"a\"",
                                       "\"a\"", "\"constructor\"", "\"\""})
                            : string(false);
    }

    std::mt19937 random_;
};

// Runs node with `argv` (no shell), its stdout into `output_path`. The exit status, or -1.
int run_node(const std::vector<std::string>& args, const std::string& output_path) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<char*> argv;
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, "node", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    if (spawned != 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        return -1;
    }
    return WEXITSTATUS(status);
}

bool valid_utf8(const std::string& text) {
    try {
        (void)nlohmann::json(text).dump();
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

// node's answer per document: one JSON line, ["ok", text] or ["error", name, message].
constexpr const char* kNodeScript = R"(
const fs = require('fs');
const docs = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const out = docs.map(doc => {
  try { return JSON.stringify(['ok', JSON.stringify(JSON.parse(doc))]); }
  catch (e) { return JSON.stringify(['error', e.name, e.message.toWellFormed()]); }
});
process.stdout.write(out.join('\n') + '\n');
)";

TEST_F(JsonParseTest, AgreesWithNodeOnGeneratedDocuments) {
    const char* tmp = std::getenv("TMPDIR");
    const std::string dir = std::string(tmp != nullptr ? tmp : "/tmp");
    const std::string docs_path = dir + "/perry-json-parse-docs-" + std::to_string(getpid());
    const std::string node_path = docs_path + ".node";

    DocumentGenerator generator(20261207);
    std::vector<std::string> docs;
    for (int i = 0; i < 400; ++i) {
        docs.push_back(generator.value(0));
    }
    for (int i = 0; i < 400; ++i) {
        std::string mutated = generator.mutate(docs[static_cast<size_t>(i)]);
        while (!valid_utf8(mutated)) { // a cut through a multi-byte character: try again
            mutated = generator.mutate(docs[static_cast<size_t>(i)]);
        }
        docs.push_back(std::move(mutated));
    }
    {
        // The documents travel to node as JSON strings; lone surrogates only ever appear
        // escaped, so the text is valid UTF-8 and both sides read the same characters.
        std::ofstream out(docs_path, std::ios::binary);
        out << nlohmann::json(docs).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    }
    const int exit = run_node({"node", "-e", kNodeScript, docs_path}, node_path);
    std::remove(docs_path.c_str());
    if (exit == -1) {
        std::remove(node_path.c_str());
        GTEST_SKIP() << "node is not on PATH";
    }
    ASSERT_EQ(exit, 0);
    std::ifstream in(node_path, std::ios::binary);
    std::string line;
    size_t index = 0, errors = 0;
    const std::regex position(R"(at position (\d+))");
    while (std::getline(in, line)) {
        ASSERT_LT(index, docs.size());
        const std::string& doc = docs[index++];
        const nlohmann::json node = nlohmann::json::parse(line);
        const std::string ours = round_trip(doc);
        if (node[0] == "ok") {
            EXPECT_EQ(ours, node[1].get<std::string>()) << "document: " << doc;
            continue;
        }
        ++errors;
        EXPECT_EQ(node[1], "SyntaxError");
        EXPECT_EQ(ours.rfind("SyntaxError: ", 0), 0u) << "document: " << doc << "\nours: " << ours;
        std::smatch match;
        const std::string message = node[2].get<std::string>();
        if (std::regex_search(message, match, position)) {
            EXPECT_EQ(std::to_string(perry_json_parse_error_position()), match[1].str())
                << "document: " << doc << "\nnode: " << message << "\nours: " << ours;
        }
    }
    std::remove(node_path.c_str());
    EXPECT_EQ(index, docs.size());
    EXPECT_GT(errors, 100u); // the mutations do produce syntax errors
}

} // namespace
