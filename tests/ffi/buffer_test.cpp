// Buffer: zeroed allocation, allocation from bytes, the header layout, readers, bad input.
#include "runtime_fixture.h"

#include <cstring>

using namespace perry::testing;

using Buffers = RuntimeTest;

TEST_F(Buffers, AllocIsZeroedWithItsHeader) {
    PerryValue b = perry_buffer_alloc(37);
    ASSERT_TRUE(perry_value_is_buffer(b));
    EXPECT_EQ(b >> 48, 0x7FFDull);
    EXPECT_EQ(perry_value_kind(b), PERRY_KIND_BUFFER);
    EXPECT_STREQ(perry_value_typeof(b), "object");
    const auto* header = static_cast<const PerryBufferHeader*>(perry_value_to_pointer(b));
    EXPECT_EQ(header->length, 37u);
    EXPECT_EQ(header->capacity, 37u);
    EXPECT_EQ(perry_buffer_data(b), reinterpret_cast<const uint8_t*>(header + 1));
    for (size_t i = 0; i < 37; ++i) {
        EXPECT_EQ(perry_buffer_data(b)[i], 0u);
    }
    EXPECT_EQ(perry_buffer_length(b), 37u);
}

TEST_F(Buffers, FromBytesCopiesAndTheBytesAreWritable) {
    const uint8_t raw[] = {1, 2, 3, 0, 255};
    PerryValue b = perry_buffer_from_bytes(raw, sizeof raw);
    uint8_t* data = nullptr;
    size_t length = 0;
    ASSERT_EQ(perry_buffer_bytes(b, &data, &length), PERRY_OK);
    ASSERT_EQ(length, 5u);
    EXPECT_EQ(std::memcmp(data, raw, 5), 0);
    EXPECT_NE(static_cast<const void*>(data), static_cast<const void*>(raw));
    data[0] = 9;
    EXPECT_EQ(perry_buffer_data(b)[0], 9u);
}

TEST_F(Buffers, EmptyBuffersAreValid) {
    PerryValue b = perry_buffer_from_bytes(nullptr, 0);
    ASSERT_TRUE(perry_value_is_buffer(b));
    EXPECT_EQ(perry_buffer_length(b), 0u);
    EXPECT_NE(perry_buffer_data(b), nullptr);
}

TEST_F(Buffers, BadInputGivesAStatus) {
    EXPECT_EQ(perry_buffer_from_bytes(nullptr, 4), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_buffer_alloc(size_t{1} << 32), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TOO_LARGE);
    uint8_t* data = nullptr;
    size_t length = 0;
    EXPECT_EQ(perry_buffer_bytes(perry_string_from_utf8("abc", 3), &data, &length),
              PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_buffer_bytes(perry_array_new(0), &data, &length), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_buffer_bytes(perry_buffer_alloc(1), nullptr, &length),
              PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_buffer_data(perry_value_from_int32(3)), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_buffer_length(PERRY_NULL), 0u);
    EXPECT_FALSE(perry_value_is_buffer(perry_string_from_utf8("a heap string", 13)));
}
