// JSON stringify: byte-exact output against node's JSON.stringify for numbers, strings (lone
// surrogates, binary strings) and whole documents under eleven indents; cycles, BigInts, deep
// nesting, the C++ layer. Expectations: json_expectations.inc, generated from node by
// generators/json_cases.js and checked in.
#include "heap.h"
#include "strings_internal.h"

#include "perry/ffi.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

using namespace std::literals;

namespace {

struct NumberCase {
    uint64_t bits;
    std::string_view expected;
};
struct StringCase {
    std::string_view bytes; // WTF-8 (UTF-8 plus lone surrogates), or any bytes when binary
    bool binary;
    std::string_view expected;
};
enum class IndentKind { None, Number, String };
struct IndentCase {
    IndentKind kind;
    double number;
    std::string_view text;
};
constexpr std::string_view kNoResult = "<JSON.stringify returned undefined>"sv;
constexpr size_t kIndentCount = 11;
struct DocumentCase {
    const char* name;
    std::string_view expected[kIndentCount]; // one per kIndentCases entry
};

#include "json_expectations.inc"

static_assert(sizeof kIndentCases / sizeof kIndentCases[0] == kIndentCount);

// Stand-ins for functions and promises, whose surfaces (closures, promises) live on another
// branch: JSON stringify only looks at the kind.
const perry::heap::KindOps kFakeFunctionOps{PERRY_KIND_FUNCTION, "test-function", nullptr, nullptr};
const perry::heap::KindOps kFakePromiseOps{PERRY_KIND_PROMISE, "test-promise", nullptr, nullptr};

PerryValue fake(const perry::heap::KindOps& ops) {
    return perry_value_from_pointer(PERRY_TAG_OBJECT, perry::heap::allocate(ops, 8));
}

// ---- builders: the same values the generator's documents are
PerryValue str(std::string_view text) {
    PerryValue value = perry_string_from_utf8(text.data(), text.size());
    EXPECT_NE(value, PERRY_UNDEFINED) << text;
    return value;
}
PerryValue num(double d) {
    return perry_value_from_number(d);
}
PerryValue arr(std::initializer_list<PerryValue> values) {
    return perry_array_from_values(values.begin(), values.size());
}
PerryValue obj(std::initializer_list<std::pair<std::string_view, PerryValue>> fields) {
    PerryValue object = perry_object_new(nullptr);
    for (const auto& [key, value] : fields) {
        EXPECT_EQ(perry_object_set(object, key.data(), key.size(), value), PERRY_OK);
    }
    return object;
}
PerryValue buffer(std::initializer_list<uint8_t> bytes) {
    return perry_buffer_from_bytes(bytes.begin(), bytes.size());
}
PerryValue error(PerryErrorType type, const char* message, const char* code) {
    return perry_error_new_cstr(type, message, code);
}

const std::map<std::string, std::function<PerryValue()>>& builders() {
    static const std::map<std::string, std::function<PerryValue()>> table = {
        {"empty_array", [] { return arr({}); }},
        {"empty_object", [] { return obj({}); }},
        {"nested",
         [] {
             return obj({{"a", arr({num(1), str("x"), PERRY_NULL, PERRY_TRUE, PERRY_FALSE})},
                         {"b", obj({{"c", obj({})}})},
                         {"d", arr({})},
                         {"e", arr({arr({num(1), arr({num(2), arr({num(3)})})})})}});
         }},
        {"undefined_in_object",
         [] {
             return obj({{"a", PERRY_UNDEFINED},
                         {"b", perry_value_from_int32(1)},
                         {"c", PERRY_UNDEFINED},
                         {"d", fake(kFakeFunctionOps)}});
         }},
        {"only_undefined_fields",
         [] {
             return obj({{"a", PERRY_UNDEFINED}});
         }},
        {"undefined_in_array",
         [] {
             return arr({PERRY_UNDEFINED, fake(kFakeFunctionOps), perry_value_from_int32(1)});
         }},
        {"index_keys",
         [] {
             return obj({{"b", num(1)},
                         {"2", num(2)},
                         {"a", num(3)},
                         {"1", num(4)},
                         {"01", num(5)},
                         {"4294967295", num(6)},
                         {"4294967294", num(7)},
                         {"-1", num(8)}});
         }},
        {"buffer",
         [] {
             return buffer({1, 2, 255});
         }},
        {"empty_buffer", [] { return buffer({}); }},
        {"buffer_in_object",
         [] {
             return obj({{"buf", buffer({0, 7})}, {"n", num(1)}});
         }},
        {"error_with_code", [] { return error(PERRY_ERROR_ERROR, "m", "E_X"); }},
        {"error_plain", [] { return error(PERRY_ERROR_TYPE_ERROR, "m", nullptr); }},
        {"errors_in_array",
         [] {
             return arr({error(PERRY_ERROR_ERROR, "a", nullptr),
                         error(PERRY_ERROR_RANGE_ERROR, "b", "E_RANGE")});
         }},
        {"promise", [] { return fake(kFakePromiseOps); }},
        {"escaped_keys",
         [] {
             return obj({{"a\"b", str("\n")}, {"caf\xc3\xa9", num(1)}, {"", num(2)}});
         }},
        {"numbers",
         [] {
             return arr({num(-0.0), num(NAN), num(INFINITY), num(-INFINITY), num(1e21), num(1.5e-7),
                         num(0.1), num(123456789012)});
         }},
        {"strings_top", [] { return str("top\xe2\x80\xa8level"); }},
        {"number_top", [] { return num(1e-7); }},
        {"null_top", [] { return PERRY_NULL; }},
        {"true_top", [] { return PERRY_TRUE; }},
        {"false_top", [] { return PERRY_FALSE; }},
        {"undefined_top", [] { return PERRY_UNDEFINED; }},
        {"function_top", [] { return fake(kFakeFunctionOps); }},
        {"same_child_twice",
         [] {
             PerryValue child = obj({{"x", num(1)}});
             return arr({child, obj({{"c", child}}), child});
         }},
    };
    return table;
}

PerryValue indent_value(const IndentCase& indent) {
    switch (indent.kind) {
    case IndentKind::Number:
        return num(indent.number);
    case IndentKind::String:
        return str(indent.text);
    default:
        return PERRY_UNDEFINED;
    }
}

// The text both C entry points give, checked to agree; kNoResult for "no result".
std::string stringify(PerryValue value, PerryValue indent = PERRY_UNDEFINED) {
    char* bytes = nullptr;
    size_t length = 0;
    PerryStatus status = perry_json_stringify_bytes(value, indent, &bytes, &length);
    EXPECT_EQ(status, PERRY_OK) << perry_json_error_message();
    if (status != PERRY_OK) {
        return "<failed>";
    }
    std::string text = bytes != nullptr ? std::string(bytes, length) : std::string(kNoResult);
    if (bytes != nullptr) {
        EXPECT_EQ(bytes[length], '\0');
    }
    perry_json_free(bytes);
    PerryValue as_value = PERRY_NULL;
    EXPECT_EQ(perry_json_stringify(value, indent, &as_value), PERRY_OK);
    if (bytes == nullptr) {
        EXPECT_EQ(as_value, PERRY_UNDEFINED);
    } else {
        auto read = perry::read_string(as_value);
        EXPECT_TRUE(read.has_value());
        EXPECT_EQ(read.value_or(""), text);
        EXPECT_EQ(perry_string_utf16_length(as_value), perry_string_utf16_length(str(text)));
    }
    return text;
}

class JsonTest : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK); }
    void TearDown() override { ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK); }
};

TEST_F(JsonTest, NumbersAreWrittenAsJavaScriptPrintsThem) {
    for (const NumberCase& c : kNumberCases) {
        double d;
        std::memcpy(&d, &c.bits, sizeof d);
        EXPECT_EQ(stringify(num(d)), c.expected) << std::hexfloat << d;
        if (d == std::trunc(d) && std::fabs(d) < 2147483648.0 && !std::signbit(d)) {
            EXPECT_EQ(stringify(perry_value_from_int32(static_cast<int32_t>(d))), c.expected);
        }
    }
    EXPECT_EQ(stringify(perry_value_from_int32(INT32_MIN)), "-2147483648");
}

TEST_F(JsonTest, StringsAreEscapedAsWellFormedJsonStringify) {
    for (const StringCase& c : kStringCases) {
        // A string with lone surrogates is stored in their 3-byte form and flagged, as
        // perry_string_from_utf16 makes it (strings_utf16_test); the UTF-8 API rejects it.
        perry::strings::TextInfo text;
        const bool wtf8 =
            !c.binary && perry::strings::validate_wtf8(c.bytes.data(), c.bytes.size(), &text);
        ASSERT_TRUE(c.binary || wtf8) << c.bytes;
        PerryValue value =
            c.binary ? perry_string_from_binary(c.bytes.data(), c.bytes.size())
                     : perry::strings::make_valid_wtf8(c.bytes.data(), c.bytes.size(), text);
        ASSERT_NE(value, PERRY_UNDEFINED);
        EXPECT_EQ(perry_string_is_well_formed(value), c.binary || !text.lone_surrogates);
        EXPECT_EQ(stringify(value), c.expected) << c.bytes;
        // The same string as an object key is escaped the same way, lone surrogates included.
        if (!c.binary) {
            PerryValue object = perry_object_new(nullptr);
            ASSERT_EQ(perry_object_set(object, c.bytes.data(), c.bytes.size(), PERRY_TRUE),
                      PERRY_OK);
            EXPECT_EQ(stringify(object), "{" + std::string(c.expected) + ":true}");
        }
    }
}

TEST_F(JsonTest, StringsAndKeysMadeFromUtf16AreEscapedAsNodeDoes) {
    // node: JSON.stringify({"\ud800": "\udc00", "a\ud83d": 1, "\ud83d\ude00": 2})
    const uint16_t high[] = {0xD800};
    const uint16_t low[] = {0xDC00};
    const uint16_t cut[] = {0x61, 0xD83D};
    const uint16_t pair[] = {0xD83D, 0xDE00};
    PerryValue object = perry_object_new(nullptr);
    const auto set = [&](const uint16_t* key, size_t length, PerryValue field) {
        PerryValue name = perry_string_from_utf16(key, length);
        ASSERT_NE(name, PERRY_UNDEFINED);
        const char* bytes = nullptr;
        size_t size = 0;
        ASSERT_EQ(perry_string_bytes(&name, &bytes, &size), PERRY_OK);
        ASSERT_EQ(perry_object_set(object, bytes, size, field), PERRY_OK);
    };
    set(high, 1, perry_string_from_utf16(low, 1));
    set(cut, 2, num(1));
    set(pair, 2, num(2));
    EXPECT_EQ(stringify(object), "{\"\\ud800\":\"\\udc00\",\"a\\ud83d\":1,\"\xf0\x9f\x98\x80\":2}");
}

TEST_F(JsonTest, AnIndentWithLoneSurrogatesJoinsIntoPairsWhereTheTextDoes) {
    // node: JSON.stringify([[1]], null, "\udc00x\ud800"): at depth 2 the gap is written twice, and
    // the first one's \ud800 and the second one's \udc00 are one character, U+10000.
    const uint16_t gap[] = {0xDC00, 0x78, 0xD800};
    PerryValue indent = perry_string_from_utf16(gap, 3);
    PerryValue text = PERRY_UNDEFINED;
    ASSERT_EQ(perry_json_stringify(arr({arr({num(1)})}), indent, &text), PERRY_OK);
    const std::vector<uint16_t> expected{0x5b,   0xa,    0xdc00, 0x78,   0xd800, 0x5b,   0xa,
                                         0xdc00, 0x78,   0xd800, 0xdc00, 0x78,   0xd800, 0x31,
                                         0xa,    0xdc00, 0x78,   0xd800, 0x5d,   0xa,    0x5d};
    std::vector<uint16_t> units(expected.size() + 1);
    size_t length = 0;
    ASSERT_EQ(perry_string_copy_utf16(text, units.data(), units.size(), &length), PERRY_OK);
    units.resize(length);
    EXPECT_EQ(units, expected);
    EXPECT_FALSE(perry_string_is_well_formed(text));
    EXPECT_EQ(perry::read_string(text)->find("\xed\xa0\x80\xed\xb0\x80"), std::string::npos)
        << "the joined pair is stored in its 4-byte form";
}

TEST_F(JsonTest, DocumentsMatchNodeUnderEveryIndent) {
    size_t checked = 0;
    for (const DocumentCase& c : kDocumentCases) {
        auto builder = builders().find(c.name);
        ASSERT_NE(builder, builders().end()) << "no builder for " << c.name;
        for (size_t i = 0; i < kIndentCount; ++i) {
            PerryValue value = builder->second();
            PerryValue indent = indent_value(kIndentCases[i]);
            EXPECT_EQ(stringify(value, indent), c.expected[i]) << c.name << ", indent #" << i;
            checked++;
        }
    }
    EXPECT_EQ(checked, builders().size() * kIndentCount) << "every builder has expectations";
}

TEST_F(JsonTest, ABinaryIndentIsLatin1AndWrittenRaw) {
    // node: JSON.stringify([1], null, "\t\xe9") === "[\n\t\u00e9" + "1\n]" (the gap is not escaped)
    const char gap[] = {'\t', '\xe9'};
    PerryValue indent = perry_string_from_binary(gap, sizeof gap);
    EXPECT_EQ(stringify(arr({num(1)}), indent), "[\n\t\xc3\xa9"
                                                "1\n]");
}

TEST_F(JsonTest, AnIndentCutInsideAPairKeepsTheLoneHighSurrogate) {
    // node: the gap of "a" + five U+1F600 is "a", four U+1F600 and a lone \ud83d (10 code
    // units); the text carries the lone surrogate in its 3-byte WTF-8 form.
    std::string smile = "\xf0\x9f\x98\x80";
    PerryValue indent = str("a" + smile + smile + smile + smile + smile);
    std::string gap = "a" + smile + smile + smile + smile + "\xed\xa0\xbd";
    char* bytes = nullptr;
    size_t length = 0;
    ASSERT_EQ(perry_json_stringify_bytes(arr({num(1)}), indent, &bytes, &length), PERRY_OK);
    EXPECT_EQ(std::string(bytes, length), "[\n" + gap + "1\n]");
    perry_json_free(bytes);
    PerryValue text = PERRY_UNDEFINED;
    ASSERT_EQ(perry_json_stringify(arr({num(1)}), indent, &text), PERRY_OK);
    EXPECT_EQ(perry_string_utf16_length(text), 1u + 1 + 10 + 1 + 1 + 1); // [ \n gap 1 \n ]
}

TEST_F(JsonTest, ACycleFailsWithThePathThatClosesIt) {
    PerryValue self = perry_array_new(1);
    ASSERT_EQ(perry_array_push(self, self), PERRY_OK);
    PerryValue out = PERRY_NULL;
    EXPECT_EQ(perry_json_stringify(self, PERRY_UNDEFINED, &out), PERRY_STATUS_JSON_CYCLE);
    EXPECT_EQ(out, PERRY_NULL) << "nothing written on failure";
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_JSON_CYCLE);
    EXPECT_STREQ(perry_json_error_message(),
                 "Converting circular structure to JSON: $[0] closes the circle back to $");

    PerryValue inner = obj({{"x", num(1)}});
    PerryValue outer = obj({{"a", inner}});
    ASSERT_EQ(perry_object_set_cstr(inner, "my key", arr({num(0), outer})), PERRY_OK);
    char* bytes = reinterpret_cast<char*>(1);
    size_t length = 7;
    EXPECT_EQ(perry_json_stringify_bytes(arr({outer}), num(2), &bytes, &length),
              PERRY_STATUS_JSON_CYCLE);
    EXPECT_EQ(bytes, reinterpret_cast<char*>(1));
    EXPECT_EQ(length, 7u);
    EXPECT_STREQ(perry_json_error_message(),
                 "Converting circular structure to JSON: "
                 "$[0].a[\"my key\"][1] closes the circle back to $[0]");
    // A success clears the message.
    EXPECT_EQ(stringify(num(1)), "1");
    EXPECT_STREQ(perry_json_error_message(), "");
}

TEST_F(JsonTest, ACycleDeepInAPathIsFoundToo) {
    // Deeper than the linear scan's limit, so the hash set of open containers finds it.
    const int depth = 100;
    PerryValue root = perry_array_new(1);
    PerryValue at = root;
    for (int i = 0; i < depth; ++i) {
        PerryValue next = perry_array_new(1);
        ASSERT_EQ(perry_array_push(at, next), PERRY_OK);
        at = next;
    }
    ASSERT_EQ(perry_array_push(at, root), PERRY_OK);
    PerryValue out = PERRY_UNDEFINED;
    EXPECT_EQ(perry_json_stringify(root, PERRY_UNDEFINED, &out), PERRY_STATUS_JSON_CYCLE);
    std::string path = "$";
    for (int i = 0; i <= depth; ++i) {
        path += "[0]";
    }
    EXPECT_EQ(perry_json_error_message(),
              "Converting circular structure to JSON: " + path + " closes the circle back to $");
    // Shared but acyclic children deeper than the limit are not cycles.
    ASSERT_EQ(perry_array_set(at, 0, arr({num(1)})), PERRY_OK);
    PerryValue shared = arr({root, root});
    EXPECT_EQ(perry_json_stringify(shared, PERRY_UNDEFINED, &out), PERRY_OK);
}

TEST_F(JsonTest, ABigIntFailsWithNodesMessageAndItsPlace) {
    PerryValue big = perry_bigint_from_int64(1);
    PerryValue out = PERRY_UNDEFINED;
    EXPECT_EQ(perry_json_stringify(big, PERRY_UNDEFINED, &out), PERRY_STATUS_JSON_BIGINT);
    EXPECT_STREQ(perry_json_error_message(), "Do not know how to serialize a BigInt (at $)");
    PerryValue nested = arr({num(1), obj({{"k", big}})});
    EXPECT_EQ(perry_json_stringify(nested, PERRY_UNDEFINED, &out), PERRY_STATUS_JSON_BIGINT);
    EXPECT_STREQ(perry_json_error_message(), "Do not know how to serialize a BigInt (at $[1].k)");
    // A BigInt in a field that is skipped anyway is still an error in JavaScript only when it
    // is visited; an undefined field next to it changes nothing.
    EXPECT_EQ(
        perry_json_stringify(obj({{"u", PERRY_UNDEFINED}, {"b", big}}), PERRY_UNDEFINED, &out),
        PERRY_STATUS_JSON_BIGINT);
}

TEST_F(JsonTest, DeepNestingNeedsNoCStack) {
    // 100,000 levels (fewer under GC stress, where every allocation collects the whole heap).
    const size_t depth = perry_gc_stress_enabled() ? 2000 : 100000;
    PerryValue value = arr({});
    for (size_t i = 1; i < depth; ++i) {
        value = arr({value});
    }
    std::string expected = std::string(depth, '[') + std::string(depth, ']');
    EXPECT_EQ(stringify(value), expected);
    PerryValue objects = obj({});
    for (size_t i = 1; i < depth; ++i) {
        objects = obj({{"k", objects}});
    }
    char* bytes = nullptr;
    size_t length = 0;
    ASSERT_EQ(perry_json_stringify_bytes(objects, PERRY_UNDEFINED, &bytes, &length), PERRY_OK);
    // `{"k":` and `}` per level, `{}` innermost.
    ASSERT_EQ(length, (depth - 1) * 6 + 2);
    EXPECT_EQ(std::string_view(bytes, 12), "{\"k\":{\"k\":{\"");
    EXPECT_EQ(std::string_view(bytes + (depth - 1) * 5, 4), "{}}}");
    perry_json_free(bytes);
}

TEST_F(JsonTest, BadArgumentsAndNoRuntime) {
    size_t length = 0;
    char* bytes = nullptr;
    EXPECT_EQ(perry_json_stringify(num(1), PERRY_UNDEFINED, nullptr),
              PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_json_stringify_bytes(num(1), PERRY_UNDEFINED, nullptr, &length),
              PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_json_stringify_bytes(num(1), PERRY_UNDEFINED, &bytes, nullptr),
              PERRY_STATUS_INVALID_ARGUMENT);
    perry_json_free(nullptr);
}

TEST_F(JsonTest, OtherThreadsGetWrongThreadAndTheirOwnMessage) {
    EXPECT_EQ(stringify(num(2)), "2"); // the main thread's message is now ""
    PerryValue value = arr({num(1)});
    PerryStatus status = PERRY_OK;
    std::string message;
    std::thread worker([&] {
        PerryValue out = PERRY_UNDEFINED;
        status = perry_json_stringify(value, PERRY_UNDEFINED, &out);
        message = perry_json_error_message();
    });
    worker.join();
    EXPECT_EQ(status, PERRY_STATUS_WRONG_THREAD);
    EXPECT_EQ(message, perry_status_message(PERRY_STATUS_WRONG_THREAD));
    EXPECT_STREQ(perry_json_error_message(), "") << "the message is per thread";
    // The BigInt readers, by contrast, work on any thread.
    PerryValue big = perry_bigint_from_int64(-7);
    int64_t read = 0;
    std::thread reader([&] { status = perry_bigint_to_int64(big, &read, nullptr); });
    reader.join();
    EXPECT_EQ(status, PERRY_OK);
    EXPECT_EQ(read, -7);
}

TEST(JsonWithoutRuntime, FailsNotInitialized) {
    PerryValue out = PERRY_UNDEFINED;
    EXPECT_EQ(perry_json_stringify(PERRY_NULL, PERRY_UNDEFINED, &out),
              PERRY_STATUS_NOT_INITIALIZED);
    EXPECT_STREQ(perry_json_error_message(), perry_status_message(PERRY_STATUS_NOT_INITIALIZED));
}

TEST_F(JsonTest, CppLayerReturnsOptionalAndThrowsTypeError) {
    EXPECT_EQ(perry::json_stringify(arr({num(1), str("a")})),
              std::optional<std::string>("[1,\"a\"]"));
    EXPECT_EQ(perry::json_stringify(obj({{"a", num(1)}}), num(1)),
              std::optional<std::string>("{\n \"a\": 1\n}"));
    EXPECT_EQ(perry::json_stringify(PERRY_UNDEFINED), std::nullopt);
    EXPECT_EQ(perry::json_stringify_value(PERRY_UNDEFINED), PERRY_UNDEFINED);
    EXPECT_EQ(perry::read_string(perry::json_stringify_value(PERRY_TRUE)),
              std::optional<std::string>("true"));
    try {
        perry::json_stringify(arr({perry_bigint_from_int64(5)}));
        ADD_FAILURE() << "no exception";
    } catch (const perry::TypeError& error) {
        EXPECT_STREQ(error.what(), "Do not know how to serialize a BigInt (at $[0])");
        EXPECT_EQ(error.code(), "PERRY_STATUS_JSON_BIGINT");
    }
    PerryValue self = obj({});
    ASSERT_EQ(perry_object_set_cstr(self, "me", self), PERRY_OK);
    EXPECT_THROW(perry::json_stringify_value(self), perry::TypeError);
}

} // namespace
