// Strings from and to UTF-16 code units: pairs, lone surrogates (stored as WTF-8 and flagged),
// the copying reader's contract, binary strings, lone surrogates as object keys, the C++ layer.
#include "perry/cpp/strings.hpp"
#include "perry/ffi.hpp"
#include "runtime_fixture.h"

#include <string>
#include <vector>

using namespace perry::testing;

namespace {

using Utf16 = std::vector<uint16_t>;

class StringsUtf16 : public RuntimeTest {};

PerryValue from_units(const Utf16& units) {
    return perry_string_from_utf16(units.data(), units.size());
}

// The units a string copies out, checking the reported length against the written terminator.
Utf16 units_of(PerryValue value) {
    size_t length = 0;
    EXPECT_EQ(perry_string_copy_utf16(value, nullptr, 0, &length), PERRY_STATUS_BUFFER_TOO_SMALL);
    Utf16 units(length + 1, 0xAAAA);
    size_t written = 0;
    EXPECT_EQ(perry_string_copy_utf16(value, units.data(), units.size(), &written), PERRY_OK);
    EXPECT_EQ(written, length);
    EXPECT_EQ(units[length], 0) << "terminated";
    units.resize(length);
    return units;
}

uint32_t flags_of(PerryValue value) {
    return static_cast<const PerryStringHeader*>(perry_value_to_pointer(value))->flags;
}

} // namespace

TEST_F(StringsUtf16, WellFormedUnitsBecomeUtf8WithPairsAsFourByteSequences) {
    // "aé€" and U+1F600 as its pair: 1 + 2 + 3 + 4 bytes, 1 + 1 + 1 + 2 units.
    const Utf16 units{0x61, 0xE9, 0x20AC, 0xD83D, 0xDE00};
    PerryValue value = from_units(units);
    ASSERT_TRUE(perry_value_is_heap_string(value));
    EXPECT_EQ(text_of(value), "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    EXPECT_EQ(perry_string_utf16_length(value), 5u);
    EXPECT_EQ(flags_of(value), 0u);
    EXPECT_TRUE(perry_string_is_well_formed(value));
    EXPECT_EQ(units_of(value), units);
    EXPECT_TRUE(perry_string_equals(value, str("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80")));
}

TEST_F(StringsUtf16, UpToFiveBytesOfUtf8GiveTheSameShortStringAsTheUtf8Constructor) {
    EXPECT_EQ(from_units({0x68, 0x69}), str("hi"));
    EXPECT_EQ(from_units({0xE9, 0x20AC}), str("\xC3\xA9\xE2\x82\xAC"));
    EXPECT_EQ(perry_string_from_utf16(nullptr, 0), str(""));
    EXPECT_EQ(units_of(str("h\xC3\xA9")), (Utf16{0x68, 0xE9}));
}

TEST_F(StringsUtf16, LoneSurrogatesAreKeptInTheirThreeByteFormAndFlagged) {
    struct Case {
        Utf16 units;
        std::string wtf8;
    };
    const Case cases[] = {
        {{0xD800}, "\xED\xA0\x80"},        // a lone high surrogate (3 bytes: still heap)
        {{0xDFFF}, "\xED\xBF\xBF"},        // a lone low surrogate
        {{0x61, 0xD83D}, "a\xED\xA0\xBD"}, // a pair cut at the end
        {{0xDE00, 0xD83D}, "\xED\xB8\x80\xED\xA0\xBD"}, // low before high: two lone ones
        {{0xD83D, 0xD83D, 0xDE00}, "\xED\xA0\xBD\xF0\x9F\x98\x80"}, // lone, then a pair
    };
    for (const Case& c : cases) {
        PerryValue value = from_units(c.units);
        ASSERT_TRUE(perry_value_is_heap_string(value)) << c.wtf8;
        EXPECT_EQ(text_of(value), c.wtf8);
        EXPECT_EQ(flags_of(value), PERRY_STRING_FLAG_LONE_SURROGATES);
        EXPECT_FALSE(perry_string_is_well_formed(value));
        EXPECT_EQ(perry_string_utf16_length(value), c.units.size());
        EXPECT_EQ(units_of(value), c.units) << c.wtf8;
        EXPECT_TRUE(perry_string_equals(value, from_units(c.units)));
        // The strict UTF-8 constructor still refuses these bytes.
        EXPECT_EQ(str(c.wtf8), PERRY_UNDEFINED);
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_UTF8);
    }
}

TEST_F(StringsUtf16, TheCopyingReaderFollowsTheCopyContract) {
    PerryValue value = from_units({0x61, 0xD800, 0x62});
    Utf16 out(3, 0x5555);
    size_t length = 0;
    EXPECT_EQ(perry_string_copy_utf16(value, out.data(), out.size(), &length),
              PERRY_STATUS_BUFFER_TOO_SMALL);
    EXPECT_EQ(length, 3u) << "the length is reported";
    EXPECT_EQ(out, Utf16(3, 0x5555)) << "nothing written";
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_BUFFER_TOO_SMALL);
    EXPECT_EQ(perry_string_copy_utf16(PERRY_NULL, out.data(), out.size(), &length),
              PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_string_copy_utf16(value, nullptr, 4, &length), PERRY_STATUS_INVALID_ARGUMENT);
    out.assign(4, 0x5555);
    EXPECT_EQ(perry_string_copy_utf16(value, out.data(), out.size(), nullptr), PERRY_OK);
    EXPECT_EQ(out, (Utf16{0x61, 0xD800, 0x62, 0}));
}

TEST_F(StringsUtf16, ABinaryStringReadsAsOneUnitPerByte) {
    const unsigned char bytes[] = {0x00, 0x7F, 0x80, 0xE9, 0xFF, 0xED, 0xA0};
    PerryValue value = perry_string_from_binary(bytes, sizeof bytes);
    EXPECT_EQ(units_of(value), (Utf16{0x00, 0x7F, 0x80, 0xE9, 0xFF, 0xED, 0xA0}));
    EXPECT_TRUE(perry_string_is_well_formed(value));
}

TEST_F(StringsUtf16, BadArgumentsAreRefused) {
    EXPECT_EQ(perry_string_from_utf16(nullptr, 1), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    const uint16_t unit = 0x61;
    EXPECT_EQ(perry_string_from_utf16(&unit, size_t{UINT32_MAX} + 1), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TOO_LARGE);
    EXPECT_FALSE(perry_string_is_well_formed(perry_value_from_int32(1)));
}

TEST_F(StringsUtf16, AStringWithLoneSurrogatesIsAnObjectKey) {
    PerryValue key = from_units({0xD800}); // 3 bytes: a heap string, not a short one
    const char* bytes = nullptr;
    size_t length = 0;
    ASSERT_EQ(perry_string_bytes(&key, &bytes, &length), PERRY_OK);
    PerryValue object = perry_object_new(nullptr);
    ASSERT_EQ(perry_object_set(object, bytes, length, perry_value_from_int32(1)), PERRY_OK);
    ASSERT_EQ(perry_object_set(object, "\xED\x9F\xBF", 3, perry_value_from_int32(2)), PERRY_OK)
        << "U+D7FF, the last character before the surrogates, is UTF-8";
    EXPECT_EQ(perry_object_get(object, bytes, length), perry_value_from_int32(1));
    EXPECT_EQ(perry_object_get(object, "\xED\x9F\xBF", 3), perry_value_from_int32(2));
    ASSERT_EQ(perry_object_set(object, bytes, length, perry_value_from_int32(3)), PERRY_OK);
    EXPECT_EQ(perry_object_key_count(object), 2u) << "the same key, not a second one";
    const PerryValue stored = perry_object_key_at(object, 0);
    EXPECT_TRUE(perry_string_equals(stored, key));
    EXPECT_EQ(flags_of(stored), PERRY_STRING_FLAG_LONE_SURROGATES);
    EXPECT_EQ(units_of(stored), Utf16{0xD800});
    EXPECT_TRUE(perry_value_is_short_string(perry_object_key_at(object, 1)));

    const char* keys[] = {"\xED\xB0\x80", "plain"};
    PerryShape* shape = perry_shape_new(keys, nullptr, 2);
    ASSERT_NE(shape, nullptr);
    size_t index = 9;
    EXPECT_EQ(perry_shape_index_of(shape, "\xED\xB0\x80", 3, &index), PERRY_OK);
    EXPECT_EQ(index, 0u);

    // A pair written as two 3-byte forms is not WTF-8 (the character's one encoding is its
    // 4-byte form), nor is any other invalid byte.
    EXPECT_EQ(perry_object_set(object, "\xED\xA0\xBD\xED\xB8\x80", 6, PERRY_TRUE),
              PERRY_STATUS_INVALID_UTF8);
    EXPECT_EQ(perry_object_set(object, "\xED\xA0", 2, PERRY_TRUE), PERRY_STATUS_INVALID_UTF8);
    const char* pair_key[] = {"\xED\xA0\xBD\xED\xB8\x80"};
    EXPECT_EQ(perry_shape_new(pair_key, nullptr, 1), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_UTF8);
}

TEST_F(StringsUtf16, TheCppLayerRoundTripsAnyUnits) {
    const std::u16string text = u"a\U0001F600\xD800z";
    PerryValue value = perry::alloc_string_utf16(text);
    EXPECT_EQ(perry::read_string_utf16(value), text);
    EXPECT_FALSE(perry::is_well_formed(value));
    EXPECT_TRUE(perry::is_well_formed(perry::alloc_string_utf16(u"ok")));
    EXPECT_EQ(perry::read_string_utf16(perry_value_from_int32(1)), std::nullopt);
    EXPECT_EQ(perry::read_string_utf16(perry::alloc_string_utf16(u"")), std::u16string());
    const uint16_t units[] = {0xDC00};
    EXPECT_EQ(perry::read_string(perry::alloc_string_utf16(units, 1)), "\xED\xB0\x80");
}
