// Strings: short and heap strings, UTF-8 validation, binary strings, zero-copy and copying
// readers, UTF-16 length.
#include "runtime_fixture.h"

#include <cstring>
#include <string>
#include <vector>

using namespace perry::testing;

using Strings = RuntimeTest;

TEST_F(Strings, UpToFiveBytesGiveAShortStringWithTheDocumentedBits) {
    PerryValue v = perry_string_from_utf8("hello", 5);
    EXPECT_EQ(v, 0x7FF9'05'6F6C6C6568ull); // tag, length 5, bytes 'h' 'e' 'l' 'l' 'o' from bit 0
    EXPECT_TRUE(perry_value_is_short_string(v));
    EXPECT_EQ(perry_value_kind(v), PERRY_KIND_STRING);
    EXPECT_STREQ(perry_value_typeof(v), "string");
    EXPECT_EQ(perry_string_from_utf8("", 0), 0x7FF9000000000000ull);
    EXPECT_EQ(perry_string_from_utf8(nullptr, 0), 0x7FF9000000000000ull);
    EXPECT_EQ(perry_string_from_utf8("\xC3\xA9", 2), 0x7FF9'02'000000A9C3ull); // "é"
}

TEST_F(Strings, SixBytesGiveAHeapStringWithItsHeader) {
    PerryValue v = perry_string_from_utf8("hello!", 6);
    ASSERT_TRUE(perry_value_is_heap_string(v));
    EXPECT_EQ(v >> 48, 0x7FFFull);
    const auto* header = static_cast<const PerryStringHeader*>(perry_value_to_pointer(v));
    EXPECT_EQ(header->utf16_len, 6u);
    EXPECT_EQ(header->byte_len, 6u);
    EXPECT_EQ(header->capacity, 6u);
    EXPECT_EQ(header->refcount, 0u);
    EXPECT_EQ(header->flags, 0u);
    EXPECT_EQ(std::memcmp(perry_string_header_bytes(header), "hello!", 7), 0) << "NUL-terminated";
}

TEST_F(Strings, HeaderOfAShortStringIsAHeapCopyThatReplacesTheValue) {
    PerryValue value = perry_string_from_utf8("h\xC3\xA9!", 4); // "hé!": 4 bytes, 3 units
    ASSERT_TRUE(perry_value_is_short_string(value));
    const PerryStringHeader* header = perry_string_header(&value);
    ASSERT_NE(header, nullptr);
    EXPECT_TRUE(perry_value_is_heap_string(value)) << "the variable now holds the heap copy";
    EXPECT_EQ(perry_value_to_pointer(value), header);
    EXPECT_EQ(header->byte_len, 4u);
    EXPECT_EQ(header->utf16_len, 3u);
    EXPECT_EQ(header->flags, 0u);
    EXPECT_EQ(std::string(perry_string_header_bytes(header), 4), "h\xC3\xA9!");
    EXPECT_EQ(perry_string_header_bytes(header)[4], '\0');
    EXPECT_EQ(perry_string_from_header(header), value);
}

TEST_F(Strings, HeaderOfAHeapStringIsItsOwnAndRejectsNonStrings) {
    PerryValue value = perry_string_from_utf8("longer than five", 16);
    const PerryValue before = value;
    EXPECT_EQ(perry_string_header(&value), perry_value_to_pointer(before));
    EXPECT_EQ(value, before);
    PerryValue number = perry_value_from_int32(1);
    EXPECT_EQ(perry_string_header(&number), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_string_header(nullptr), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
}

TEST_F(Strings, ZeroCopyReaderAcceptsBothKindsAndPointsIntoTheShortValue) {
    PerryValue short_value = str("abc");
    const char* bytes = nullptr;
    size_t length = 99;
    ASSERT_EQ(perry_string_bytes(&short_value, &bytes, &length), PERRY_OK);
    EXPECT_EQ(static_cast<const void*>(bytes), static_cast<const void*>(&short_value));
    EXPECT_EQ(std::string(bytes, length), "abc");

    PerryValue heap_value = str("a longer string");
    ASSERT_EQ(perry_string_bytes(&heap_value, &bytes, &length), PERRY_OK);
    EXPECT_EQ(static_cast<const void*>(bytes),
              static_cast<const void*>(
                  static_cast<const PerryStringHeader*>(perry_value_to_pointer(heap_value)) + 1));
    EXPECT_EQ(std::string(bytes, length), "a longer string");
}

TEST_F(Strings, ReadersRejectNonStringsAndNullArguments) {
    PerryValue number = perry_value_from_int32(5);
    const char* bytes = nullptr;
    size_t length = 0;
    EXPECT_EQ(perry_string_bytes(&number, &bytes, &length), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_string_bytes(nullptr, &bytes, &length), PERRY_STATUS_INVALID_ARGUMENT);
    PerryValue s = str("x");
    EXPECT_EQ(perry_string_bytes(&s, nullptr, &length), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_string_bytes(&s, &bytes, nullptr), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_string_byte_length(PERRY_NULL), 0u);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_string_utf16_length(PERRY_TRUE), 0u);
    EXPECT_FALSE(perry_string_is_binary(PERRY_UNDEFINED));
}

TEST_F(Strings, CopyWritesTheBytesAndANulOrReportsTheSizeNeeded) {
    char out[8];
    size_t length = 0;
    ASSERT_EQ(perry_string_copy(str("hey"), out, sizeof out, &length), PERRY_OK);
    EXPECT_EQ(length, 3u);
    EXPECT_STREQ(out, "hey");
    std::memset(out, 'x', sizeof out);
    EXPECT_EQ(perry_string_copy(str("12345678"), out, sizeof out, &length),
              PERRY_STATUS_BUFFER_TOO_SMALL);
    EXPECT_EQ(length, 8u);
    EXPECT_EQ(out[0], 'x') << "nothing written on failure";
    ASSERT_EQ(perry_string_copy(str("1234567"), out, sizeof out, &length), PERRY_OK);
    EXPECT_STREQ(out, "1234567");
    EXPECT_EQ(perry_string_copy(str("a"), nullptr, 4, &length), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_string_copy(PERRY_NULL, out, sizeof out, &length), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_string_copy(str(""), out, 1, nullptr), PERRY_OK);
    EXPECT_STREQ(out, "");
}

TEST_F(Strings, Utf16LengthCountsSurrogatePairsForCharactersOutsideTheBmp) {
    EXPECT_EQ(perry_string_utf16_length(str("abc")), 3u);
    EXPECT_EQ(perry_string_utf16_length(str("\xC3\xA9")), 1u);         // é, short
    EXPECT_EQ(perry_string_utf16_length(str("\xE2\x82\xAC")), 1u);     // €, short
    EXPECT_EQ(perry_string_utf16_length(str("\xF0\x9F\x98\x80")), 2u); // 😀, short
    EXPECT_EQ(perry_string_utf16_length(str("a\xF0\x9F\x98\x80\xE2\x82\xAC\xC3\xA9z")), 6u);
    EXPECT_EQ(perry_string_byte_length(str("a\xF0\x9F\x98\x80\xE2\x82\xAC\xC3\xA9z")), 11u);
}

TEST_F(Strings, InvalidUtf8IsRejectedWithItsStatus) {
    const std::vector<std::string> invalid = {
        "\x80",                 // lone continuation byte
        "abc\xC3",              // truncated 2-byte sequence
        "\xC0\xAF",             // overlong '/'
        "\xE0\x80\xAF",         // overlong 3-byte
        "\xED\xA0\x80",         // UTF-16 surrogate U+D800
        "\xF4\x90\x80\x80",     // U+110000, past the last code point
        "\xF8\x88\x80\x80\x80", // 5-byte form
        "\xFF",                 // never valid
        "valid then \xE2\x82",  // truncated at the end of a heap-sized string
    };
    for (const std::string& bytes : invalid) {
        perry_clear_last_status();
        EXPECT_EQ(perry_string_from_utf8(bytes.data(), bytes.size()), PERRY_UNDEFINED) << bytes;
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_UTF8) << bytes;
    }
    EXPECT_NE(perry_string_from_utf8("\xF4\x8F\xBF\xBF", 4), PERRY_UNDEFINED) << "U+10FFFF";
    EXPECT_NE(perry_string_from_utf8("\xEF\xBF\xBF", 3), PERRY_UNDEFINED) << "U+FFFF";
}

TEST_F(Strings, BadPointersAndLengthsGiveAStatusNotACrash) {
    EXPECT_EQ(perry_string_from_utf8(nullptr, 3), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    char byte = 'a';
    EXPECT_EQ(perry_string_from_utf8(&byte, size_t{1} << 32), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TOO_LARGE);
    EXPECT_EQ(perry_string_from_binary(&byte, SIZE_MAX), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TOO_LARGE);
    EXPECT_EQ(perry_string_from_cstr(nullptr), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
}

TEST_F(Strings, BinaryStringsHoldAnyBytesAndAreFlagged) {
    const unsigned char raw[] = {0xFF, 0x00, 0x80, 'a'};
    PerryValue v = perry_string_from_binary(raw, sizeof raw);
    ASSERT_TRUE(perry_value_is_heap_string(v)) << "binary strings are never short";
    EXPECT_TRUE(perry_string_is_binary(v));
    EXPECT_EQ(static_cast<const PerryStringHeader*>(perry_value_to_pointer(v))->flags,
              PERRY_STRING_FLAG_BINARY);
    EXPECT_EQ(perry_string_utf16_length(v), 4u);
    const char* bytes = nullptr;
    size_t length = 0;
    ASSERT_EQ(perry_string_bytes(&v, &bytes, &length), PERRY_OK);
    ASSERT_EQ(length, 4u);
    EXPECT_EQ(std::memcmp(bytes, raw, 4), 0);
    EXPECT_FALSE(perry_string_is_binary(str("plain text")));
}

TEST_F(Strings, EqualityComparesContentAcrossKinds) {
    EXPECT_TRUE(perry_string_equals(str("abc"), str("abc")));
    EXPECT_TRUE(perry_string_equals(str("abcdefg"), str("abcdefg")));
    EXPECT_FALSE(perry_string_equals(str("abcdefg"), str("abcdefh")));
    EXPECT_FALSE(perry_string_equals(str("1"), perry_value_from_int32(1)));
    const char raw[] = "abc";
    EXPECT_TRUE(perry_string_equals(perry_string_from_binary(raw, 3), str("abc")))
        << "a binary heap string and a short string with the same bytes";
}

TEST_F(Strings, HeapStringsSurviveCollectionsWhileOnTheStack) {
    PerryValue kept = str("kept across collections");
    for (int i = 0; i < scaled(200); ++i) {
        str("garbage string number " + std::to_string(i));
    }
    ASSERT_EQ(perry_gc_collect(), PERRY_OK);
    EXPECT_EQ(text_of(kept), "kept across collections");
}

TEST(StringsWithoutRuntime, HeapStringsNeedAnInitialisedRuntimeShortOnesDoNot) {
    EXPECT_EQ(perry_string_from_utf8("not initialised", 15), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_INITIALIZED);
    EXPECT_EQ(text_of(perry_string_from_utf8("ok", 2)), "ok");
}

TEST_F(Strings, LongAsciiRunsAroundMultiByteCharactersAreValidatedAndCounted) {
    const std::string ascii40(40, 'a');
    const std::string mixed = ascii40 + "\xF0\x9F\x98\x80" + ascii40 + "\xC3\xA9" + ascii40;
    PerryValue v = str(mixed);
    ASSERT_TRUE(perry_value_is_heap_string(v));
    EXPECT_EQ(perry_string_utf16_length(v), 40u + 2 + 40 + 1 + 40);
    EXPECT_EQ(perry_string_byte_length(v), mixed.size());
    for (size_t bad_at : {size_t{0}, size_t{7}, size_t{8}, size_t{31}, size_t{32}, size_t{33},
                          size_t{100}, size_t{127}}) {
        std::string bytes(128, 'x');
        bytes[bad_at] = '\x80'; // a lone continuation byte inside an ASCII run
        EXPECT_EQ(perry_string_from_utf8(bytes.data(), bytes.size()), PERRY_UNDEFINED) << bad_at;
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_UTF8) << bad_at;
    }
}

TEST_F(Strings, LongTextIsCopiedExactlyWhereverItsMultiByteCharactersFall) {
    // Heap strings are validated 64 bytes at a time while being copied; a character on either
    // side of a block boundary, or in the tail after the last whole block, must come through.
    for (size_t at :
         {size_t{0}, size_t{62}, size_t{63}, size_t{64}, size_t{127}, size_t{4000}, size_t{4093}}) {
        std::string bytes(4096, 'q');
        bytes.replace(at, 3, "\xE2\x82\xAC"); // the euro sign: three bytes, one UTF-16 unit
        PerryValue v = str(bytes);
        ASSERT_TRUE(perry_value_is_heap_string(v)) << at;
        EXPECT_EQ(text_of(v), bytes) << at;
        EXPECT_EQ(perry_string_utf16_length(v), 4096u - 2) << at;
        bytes.erase(at + 2, 1); // now truncated
        EXPECT_EQ(perry_string_from_utf8(bytes.data(), bytes.size()), PERRY_UNDEFINED) << at;
        EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_UTF8) << at;
    }
}
