// NaN-boxing: every tag, the constructors and readers of immediates, kinds, versions, statuses.
#include <perry/ffi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace {

uint64_t bits_of(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    return bits;
}

} // namespace

TEST(Values, TagConstantsKeepTheOriginalEncoding) {
    EXPECT_EQ(PERRY_UNDEFINED, 0x7FFC000000000001ull);
    EXPECT_EQ(PERRY_NULL, 0x7FFC000000000002ull);
    EXPECT_EQ(PERRY_FALSE, 0x7FFC000000000003ull);
    EXPECT_EQ(PERRY_TRUE, 0x7FFC000000000004ull);
    EXPECT_EQ(PERRY_TAG_OBJECT, 0x7FFDull);
    EXPECT_EQ(PERRY_TAG_INT32, 0x7FFEull);
    EXPECT_EQ(PERRY_TAG_STRING, 0x7FFFull);
    EXPECT_EQ(PERRY_TAG_SHORT_STRING, 0x7FF9ull);
    EXPECT_EQ(PERRY_TAG_BIGINT, 0x7FFAull);
}

TEST(Values, Int32RoundTripsAndIsANumber) {
    for (int32_t i :
         {0, 1, -1, 42, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()}) {
        PerryValue v = perry_value_from_int32(i);
        EXPECT_EQ(v >> 48, 0x7FFEull);
        EXPECT_TRUE(perry_value_is_int32(v));
        EXPECT_TRUE(perry_value_is_number(v));
        EXPECT_FALSE(perry_value_is_double(v));
        EXPECT_EQ(perry_value_to_int32(v), i);
        EXPECT_EQ(perry_value_to_number(v), static_cast<double>(i));
    }
    EXPECT_EQ(perry_value_from_int32(-1), 0x7FFE0000FFFFFFFFull);
}

TEST(Values, DoublesKeepTheirBitsAndNaNIsCanonical) {
    for (double d :
         {0.0, -0.0, 1.5, -2.25e300, std::numeric_limits<double>::infinity(),
          -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::denorm_min()}) {
        PerryValue v = perry_value_from_number(d);
        EXPECT_EQ(v, bits_of(d));
        EXPECT_TRUE(perry_value_is_double(v));
        EXPECT_EQ(perry_value_kind(v), PERRY_KIND_NUMBER);
    }
    double payload_nan;
    const uint64_t tagged_nan = 0x7FFC000000000001ull; // a NaN whose bits spell undefined
    std::memcpy(&payload_nan, &tagged_nan, sizeof payload_nan);
    EXPECT_EQ(perry_value_from_number(payload_nan), PERRY_NAN_BITS);
    EXPECT_EQ(perry_value_from_number(-std::nan("")), PERRY_NAN_BITS);
    EXPECT_TRUE(std::isnan(perry_value_to_number(PERRY_NAN_BITS)));
    EXPECT_TRUE(std::isnan(perry_value_to_number(PERRY_NULL))) << "not a number: NaN";
}

TEST(Values, AbiDoubleCarriesTheSameBits) {
    const PerryValue values[] = {PERRY_UNDEFINED, PERRY_TRUE, perry_value_from_int32(-5),
                                 perry_value_from_number(3.25)};
    for (PerryValue v : values) {
        EXPECT_EQ(perry_value_from_abi(perry_value_to_abi(v)), v);
    }
}

TEST(Values, ImmediatesHaveTheirKindsAndTypeof) {
    EXPECT_EQ(perry_value_kind(PERRY_UNDEFINED), PERRY_KIND_UNDEFINED);
    EXPECT_EQ(perry_value_kind(PERRY_NULL), PERRY_KIND_NULL);
    EXPECT_EQ(perry_value_kind(PERRY_TRUE), PERRY_KIND_BOOLEAN);
    EXPECT_EQ(perry_value_kind(perry_value_from_bool(false)), PERRY_KIND_BOOLEAN);
    EXPECT_STREQ(perry_value_typeof(PERRY_UNDEFINED), "undefined");
    EXPECT_STREQ(perry_value_typeof(PERRY_NULL), "object");
    EXPECT_STREQ(perry_value_typeof(PERRY_FALSE), "boolean");
    EXPECT_STREQ(perry_value_typeof(perry_value_from_int32(1)), "number");
    EXPECT_TRUE(perry_value_is_nullish(PERRY_NULL));
    EXPECT_TRUE(perry_value_is_nullish(PERRY_UNDEFINED));
    EXPECT_FALSE(perry_value_is_nullish(PERRY_FALSE));
    EXPECT_TRUE(perry_value_to_bool(PERRY_TRUE));
    EXPECT_FALSE(perry_value_to_bool(perry_value_from_int32(1))) << "a reader, not truthiness";
    EXPECT_EQ(perry_value_to_pointer(perry_value_from_int32(1)), nullptr);
}

TEST(Values, ShortStringTagIsAStringWithoutAPointer) {
    const PerryValue empty_short = PERRY_TAG_SHORT_STRING << PERRY_TAG_SHIFT;
    EXPECT_TRUE(perry_value_is_string(empty_short));
    EXPECT_TRUE(perry_value_is_short_string(empty_short));
    EXPECT_FALSE(perry_value_is_number(empty_short));
    EXPECT_EQ(perry_value_to_pointer(empty_short), nullptr);
    EXPECT_EQ(perry_value_kind(empty_short), PERRY_KIND_STRING);
}

TEST(Version, OneNumberEverywhere) {
    EXPECT_EQ(perry_ffi_version(), PERRY_FFI_VERSION);
    EXPECT_EQ(PERRY_FFI_VERSION, 0x000500u);
    EXPECT_STREQ(perry_ffi_version_string(), "0.5.0");
}

TEST(Status, EveryCodeHasANameAndAMessage) {
    for (int s = 0; s < PERRY_STATUS_COUNT_; ++s) {
        const char* name = perry_status_name(static_cast<PerryStatus>(s));
        EXPECT_EQ(std::strncmp(name, "PERRY_STATUS_", 13), 0) << s;
        EXPECT_STRNE(name, "PERRY_STATUS_UNKNOWN") << s;
        EXPECT_GT(std::strlen(perry_status_message(static_cast<PerryStatus>(s))), 5u) << s;
    }
    EXPECT_STREQ(perry_status_name(PERRY_STATUS_INVALID_UTF8), "PERRY_STATUS_INVALID_UTF8");
    EXPECT_STREQ(perry_status_name(static_cast<PerryStatus>(999)), "PERRY_STATUS_UNKNOWN");
    EXPECT_STREQ(perry_status_message(PERRY_OK), "success");
}

TEST(Status, LastStatusIsPerThreadAndClears) {
    perry_clear_last_status();
    EXPECT_EQ(perry_last_status(), PERRY_OK);
    EXPECT_EQ(perry_gc_collect(), PERRY_STATUS_NOT_INITIALIZED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_INITIALIZED);
    perry_clear_last_status();
    EXPECT_EQ(perry_last_status(), PERRY_OK);
}

// perry_value_same is JavaScript's Object.is.
TEST(ValuesSame, NumbersCompareByValueWithNanAndSignedZeroAsObjectIs) {
    EXPECT_TRUE(perry_value_same(perry_value_from_int32(1), perry_value_from_number(1.0)));
    EXPECT_TRUE(perry_value_same(perry_value_from_number(1.5), perry_value_from_number(1.5)));
    EXPECT_FALSE(perry_value_same(perry_value_from_int32(1), perry_value_from_int32(2)));
    EXPECT_TRUE(perry_value_same(perry_value_from_number(std::nan("")),
                                 perry_value_from_number(-std::nan(""))));
    EXPECT_FALSE(perry_value_same(perry_value_from_number(0.0), perry_value_from_number(-0.0)));
    EXPECT_FALSE(perry_value_same(perry_value_from_int32(0), perry_value_from_number(-0.0)));
    EXPECT_TRUE(perry_value_same(perry_value_from_int32(0), perry_value_from_number(0.0)));
    EXPECT_FALSE(
        perry_value_same(perry_value_from_number(std::nan("")), perry_value_from_int32(0)));
}

TEST(ValuesSame, ImmediatesAndKindsNeverMix) {
    EXPECT_TRUE(perry_value_same(PERRY_UNDEFINED, PERRY_UNDEFINED));
    EXPECT_FALSE(perry_value_same(PERRY_UNDEFINED, PERRY_NULL));
    EXPECT_FALSE(perry_value_same(PERRY_FALSE, perry_value_from_int32(0)));
    EXPECT_TRUE(perry_value_same(PERRY_TRUE, perry_value_from_bool(true)));
    EXPECT_FALSE(perry_value_same(perry_string_from_utf8("1", 1), perry_value_from_int32(1)));
}

TEST(ValuesSame, StringsCompareByContentHeapObjectsByIdentity) {
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    PerryValue a = perry_string_from_utf8("same content, two objects", 25);
    PerryValue b = perry_string_from_utf8("same content, two objects", 25);
    EXPECT_NE(a, b);
    EXPECT_TRUE(perry_value_same(a, b));
    EXPECT_TRUE(perry_value_same(perry_string_from_utf8("ab", 2), perry_string_from_utf8("ab", 2)));
    EXPECT_TRUE(
        perry_value_same(perry_string_from_binary("ab", 2), perry_string_from_utf8("ab", 2)));
    EXPECT_FALSE(perry_value_same(a, perry_string_from_utf8("other", 5)));
    PerryValue array = perry_array_new(0);
    EXPECT_TRUE(perry_value_same(array, array));
    EXPECT_FALSE(perry_value_same(array, perry_array_new(0)));
    EXPECT_FALSE(perry_value_same(perry_object_new(nullptr), perry_object_new(nullptr)));
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
}

TEST(ValuesSame, BigIntsCompareByValueAsObjectIs) {
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    const PerryValue one = perry_bigint_from_int64(1);
    PerryValue another_one = PERRY_UNDEFINED;
    ASSERT_EQ(perry_bigint_from_string("0x1", 3, &another_one), PERRY_OK);
    ASSERT_TRUE(perry_value_is_bigint(one));
    ASSERT_TRUE(perry_value_is_bigint(another_one));
    EXPECT_NE(one, another_one) << "two BigInt objects";
    EXPECT_TRUE(perry_value_same(one, another_one));
    EXPECT_FALSE(perry_value_same(one, perry_bigint_from_int64(-1)));
    EXPECT_FALSE(perry_value_same(one, perry_value_from_int32(1))) << "1n is not 1";
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
}
