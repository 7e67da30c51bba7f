// Arrays (push/get/set, holes, growth that keeps identity through forwarding) and shape-based
// objects (fields by index and by name, extension, key order).
#include "gc_testing.h"
#include "runtime_fixture.h"

#include <cstring>
#include <string>
#include <vector>

using namespace perry::testing;

using Arrays = RuntimeTest;
using Objects = RuntimeTest;

TEST_F(Arrays, NewArrayHasItsHeaderAndKind) {
    PerryValue a = perry_array_new(3);
    ASSERT_TRUE(perry_value_is_array(a));
    EXPECT_EQ(a >> 48, 0x7FFDull);
    EXPECT_EQ(perry_value_kind(a), PERRY_KIND_ARRAY);
    EXPECT_STREQ(perry_value_typeof(a), "object");
    const auto* header = static_cast<const PerryArrayHeader*>(perry_value_to_pointer(a));
    EXPECT_EQ(header->length, 0u);
    EXPECT_EQ(header->capacity, 3u);
    EXPECT_EQ(perry_array_length(a), 0u);
}

TEST_F(Arrays, PushAndGetWithOutOfRangeGivingUndefined) {
    PerryValue a = perry_array_new(2);
    ASSERT_EQ(perry_array_push(a, perry_value_from_int32(10)), PERRY_OK);
    ASSERT_EQ(perry_array_push(a, PERRY_TRUE), PERRY_OK);
    EXPECT_EQ(perry_array_length(a), 2u);
    EXPECT_EQ(perry_array_get(a, 0), perry_value_from_int32(10));
    EXPECT_EQ(perry_array_get(a, 1), PERRY_TRUE);
    perry_clear_last_status();
    EXPECT_EQ(perry_array_get(a, 2), PERRY_UNDEFINED);
    EXPECT_EQ(perry_array_get(a, SIZE_MAX), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_OK) << "out of range is not a failure";
    const auto* header = static_cast<const PerryArrayHeader*>(perry_value_to_pointer(a));
    const auto* inline_values = reinterpret_cast<const PerryValue*>(header + 1);
    EXPECT_EQ(inline_values[0], perry_value_from_int32(10)) << "values are inline until growth";
}

TEST_F(Arrays, SetPastTheEndGrowsAndHolesReadAsUndefined) {
    PerryValue a = perry_array_new(0);
    ASSERT_EQ(perry_array_set(a, 4, perry_value_from_int32(4)), PERRY_OK);
    EXPECT_EQ(perry_array_length(a), 5u);
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(perry_array_get(a, i), PERRY_UNDEFINED) << i;
    }
    EXPECT_EQ(perry_array_get(a, 4), perry_value_from_int32(4));
    ASSERT_EQ(perry_array_set(a, 1, PERRY_NULL), PERRY_OK);
    EXPECT_EQ(perry_array_get(a, 1), PERRY_NULL);
    EXPECT_EQ(perry_array_length(a), 5u);
}

TEST_F(Arrays, GrowthKeepsIdentityThroughTheForward) {
    PerryValue a = perry_array_new(2);
    const void* identity = perry_value_to_pointer(a);
    const int count = scaled(1000);
    for (int i = 0; i < count; ++i) {
        ASSERT_EQ(perry_array_push(a, perry_value_from_int32(i)), PERRY_OK);
    }
    EXPECT_EQ(perry_value_to_pointer(a), identity);
    const auto* header = static_cast<const PerryArrayHeader*>(identity);
    EXPECT_EQ(header->capacity, PERRY_ARRAY_FORWARDED);
    EXPECT_EQ(header->length, static_cast<uint32_t>(count)) << "the own header's length is current";
    const PerryArrayHeader* forward;
    std::memcpy(&forward, static_cast<const void*>(header + 1), sizeof(const PerryArrayHeader*));
    EXPECT_EQ(forward->length, static_cast<uint32_t>(count));
    EXPECT_GE(forward->capacity, static_cast<uint32_t>(count));
    size_t length = 0;
    PerryValue* elements = perry_array_elements(a, &length);
    ASSERT_EQ(length, static_cast<size_t>(count));
    EXPECT_EQ(static_cast<const void*>(elements), static_cast<const void*>(forward + 1));
    for (int i = 0; i < count; ++i) {
        ASSERT_EQ(elements[i], perry_value_from_int32(i));
    }
    ASSERT_EQ(perry_gc_collect(), PERRY_OK);
    EXPECT_EQ(perry_array_get(a, static_cast<size_t>(count - 1)),
              perry_value_from_int32(count - 1));
}

TEST_F(Arrays, ElementsOfAGrownArraySurviveCollections) {
    PerryValue a = perry_array_new(1);
    for (int i = 0; i < scaled(100); ++i) {
        std::string text = "element number " + std::to_string(i);
        ASSERT_EQ(perry_array_push(a, str(text)), PERRY_OK);
    }
    collect_precisely();
    collect_precisely();
    EXPECT_EQ(text_of(perry_array_get(a, 0)), "element number 0");
    EXPECT_EQ(text_of(perry_array_get(a, static_cast<size_t>(scaled(100) - 1))),
              "element number " + std::to_string(scaled(100) - 1));
}

TEST_F(Arrays, FromValuesCopies) {
    const PerryValue values[] = {perry_value_from_int32(1), PERRY_NULL, str("x")};
    PerryValue a = perry_array_from_values(values, 3);
    EXPECT_EQ(perry_array_length(a), 3u);
    EXPECT_EQ(perry_array_get(a, 1), PERRY_NULL);
    EXPECT_EQ(text_of(perry_array_get(a, 2)), "x");
    EXPECT_EQ(perry_array_from_values(nullptr, 2), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    size_t length = 7;
    EXPECT_EQ(perry_array_elements(perry_array_new(4), &length), nullptr);
    EXPECT_EQ(length, 0u);
}

TEST_F(Arrays, BadInputGivesAStatus) {
    PerryValue not_array = perry_buffer_alloc(4);
    EXPECT_EQ(perry_array_push(not_array, PERRY_NULL), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_array_set(PERRY_NULL, 0, PERRY_NULL), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_array_get(not_array, 0), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_array_length(str("abc")), 0u);
    EXPECT_EQ(perry_array_set(perry_array_new(0), UINT32_MAX, PERRY_NULL), PERRY_STATUS_TOO_LARGE);
    EXPECT_EQ(perry_array_new(size_t{1} << 40), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TOO_LARGE);
    EXPECT_EQ(perry_array_elements(PERRY_TRUE, nullptr), nullptr);
}

TEST_F(Objects, ShapeFieldsByIndexAndByName) {
    const char* keys[] = {"id", "name", "enabled"};
    const PerryShape* shape = perry_shape_new(keys, nullptr, 3);
    ASSERT_NE(shape, nullptr);
    EXPECT_EQ(perry_shape_key_count(shape), 3u);
    size_t index = 9;
    ASSERT_EQ(perry_shape_index_of(shape, "name", 4, &index), PERRY_OK);
    EXPECT_EQ(index, 1u);
    EXPECT_EQ(perry_shape_index_of(shape, "nope", 4, &index), PERRY_STATUS_NOT_FOUND);

    PerryValue o = perry_object_new(shape);
    ASSERT_TRUE(perry_value_is_plain_object(o));
    EXPECT_EQ(perry_value_kind(o), PERRY_KIND_OBJECT);
    EXPECT_EQ(perry_object_shape(o), shape);
    EXPECT_EQ(perry_object_get_index(o, 0), PERRY_UNDEFINED) << "fields start undefined";
    ASSERT_EQ(perry_object_set_index(o, 0, perry_value_from_int32(7)), PERRY_OK);
    ASSERT_EQ(perry_object_set_cstr(o, "name", str("a name longer than five")), PERRY_OK);
    EXPECT_EQ(perry_object_get_cstr(o, "id"), perry_value_from_int32(7));
    EXPECT_EQ(text_of(perry_object_get_index(o, 1)), "a name longer than five");
    EXPECT_EQ(perry_object_get_cstr(o, "enabled"), PERRY_UNDEFINED);
    EXPECT_EQ(perry_object_get_cstr(o, "missing"), PERRY_UNDEFINED);
    EXPECT_EQ(perry_object_set_index(o, 3, PERRY_NULL), PERRY_STATUS_NOT_FOUND);
    EXPECT_EQ(perry_object_get_index(o, 3), PERRY_UNDEFINED);
    EXPECT_EQ(perry_object_shape(o), shape) << "setting existing keys keeps the shape";
}

TEST_F(Objects, SettingANewKeyAppendsItInOrderAndSharesTheExtendedShape) {
    PerryValue first = perry_object_new(nullptr);
    PerryValue second = perry_object_new(nullptr);
    EXPECT_EQ(perry_object_key_count(first), 0u);
    const std::vector<std::string> names = {"z", "a", "a key longer than five", "m", "q", "r"};
    for (size_t i = 0; i < names.size(); ++i) {
        ASSERT_EQ(perry_object_set(first, names[i].data(), names[i].size(),
                                   perry_value_from_int32(static_cast<int32_t>(i))),
                  PERRY_OK);
        ASSERT_EQ(perry_object_set(second, names[i].data(), names[i].size(), PERRY_TRUE), PERRY_OK);
    }
    ASSERT_EQ(perry_object_key_count(first), names.size());
    for (size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(text_of(perry_object_key_at(first, i)), names[i]);
        EXPECT_EQ(perry_object_get(first, names[i].data(), names[i].size()),
                  perry_value_from_int32(static_cast<int32_t>(i)));
    }
    EXPECT_EQ(perry_object_shape(first), perry_object_shape(second)) << "transitions are shared";
    EXPECT_EQ(perry_object_key_at(first, names.size()), PERRY_UNDEFINED);

    PerryValue keys = perry_object_keys(first);
    ASSERT_EQ(perry_array_length(keys), names.size());
    EXPECT_EQ(text_of(perry_array_get(keys, 2)), "a key longer than five");
    collect_precisely();
    EXPECT_EQ(text_of(perry_object_key_at(second, 2)), "a key longer than five");
    EXPECT_EQ(perry_object_get_cstr(second, "r"), PERRY_TRUE);
}

TEST_F(Objects, ExtendingAnObjectBuiltFromAShapeKeepsItsFields) {
    const char* keys[] = {"a", "b"};
    const size_t lengths[] = {1, 1};
    const PerryShape* shape = perry_shape_new(keys, lengths, 2);
    PerryValue o = perry_object_new(shape);
    const void* identity = perry_value_to_pointer(o);
    ASSERT_EQ(perry_object_set_index(o, 0, perry_value_from_int32(1)), PERRY_OK);
    ASSERT_EQ(perry_object_set_index(o, 1, perry_value_from_int32(2)), PERRY_OK);
    for (int i = 0; i < 20; ++i) {
        std::string key = "extra" + std::to_string(i);
        ASSERT_EQ(perry_object_set(o, key.data(), key.size(), perry_value_from_int32(100 + i)),
                  PERRY_OK);
    }
    EXPECT_EQ(perry_value_to_pointer(o), identity);
    EXPECT_EQ(perry_object_key_count(o), 22u);
    EXPECT_EQ(perry_object_get_cstr(o, "a"), perry_value_from_int32(1));
    EXPECT_EQ(perry_object_get_cstr(o, "extra19"), perry_value_from_int32(119));
    EXPECT_EQ(perry_shape_key_count(shape), 2u) << "the original shape is unchanged";
}

TEST_F(Objects, BadInputGivesAStatus) {
    const char* duplicate[] = {"x", "x"};
    EXPECT_EQ(perry_shape_new(duplicate, nullptr, 2), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    const char* null_key[] = {"x", nullptr};
    EXPECT_EQ(perry_shape_new(null_key, nullptr, 2), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    const char* invalid[] = {"\xFF"};
    EXPECT_EQ(perry_shape_new(invalid, nullptr, 1), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_UTF8);
    EXPECT_EQ(perry_shape_new(nullptr, nullptr, 1), nullptr);
    EXPECT_NE(perry_shape_new(nullptr, nullptr, 0), nullptr) << "an empty shape is fine";

    PerryValue o = perry_object_new(nullptr);
    EXPECT_EQ(perry_object_set(o, "\xC3", 1, PERRY_NULL), PERRY_STATUS_INVALID_UTF8);
    EXPECT_EQ(perry_object_set(o, nullptr, 2, PERRY_NULL), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_object_key_count(o), 0u);
    EXPECT_EQ(perry_object_set_cstr(perry_array_new(0), "k", PERRY_NULL),
              PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_object_get_cstr(PERRY_NULL, "k"), PERRY_UNDEFINED);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
    EXPECT_EQ(perry_object_keys(PERRY_TRUE), PERRY_UNDEFINED);
    EXPECT_EQ(perry_object_shape(str("s")), nullptr);
    EXPECT_FALSE(perry_value_is_plain_object(perry_array_new(0)));
}

namespace {

PerryValue g_hidden_array = PERRY_UNDEFINED;

void scan_hidden_array(PerryGcMarker* marker, void*) {
    perry_gc_mark_value(marker, g_hidden_array);
}

// Builds an array holding a heap string and an object, visible only through g_hidden_array.
__attribute__((noinline)) void hide_new_array() {
    PerryValue a = perry_array_new(0);
    perry_array_push(a, perry_string_from_utf8("only reachable through a scanner", 32));
    PerryValue o = perry_object_new(nullptr);
    perry_object_set_cstr(o, "key", perry_value_from_int32(5));
    perry_array_push(a, o);
    g_hidden_array = a;
}

} // namespace

TEST_F(Arrays, ReachableOnlyThroughAScannerSurvivesManyCollections) {
    uint64_t id = 0;
    ASSERT_EQ(perry_gc_register_root_scanner("test.array", scan_hidden_array, nullptr, &id),
              PERRY_OK);
    hide_new_array();
    for (int i = 0; i < scaled(50); ++i) {
        str("garbage to collect, number " + std::to_string(i));
        collect_precisely();
    }
    EXPECT_EQ(text_of(perry_array_get(g_hidden_array, 0)), "only reachable through a scanner");
    EXPECT_EQ(perry_object_get_cstr(perry_array_get(g_hidden_array, 1), "key"),
              perry_value_from_int32(5));
    ASSERT_EQ(perry_gc_unregister_root_scanner(id), PERRY_OK);
    g_hidden_array = PERRY_UNDEFINED;
}

TEST_F(Arrays, WithoutTheScannerTheSameValuesAreCollected) {
    collect_precisely();
    hide_new_array();
    const PerryGcStats built = gc_stats();
    g_hidden_array = PERRY_UNDEFINED;
    collect_precisely();
    const PerryGcStats after = gc_stats();
    // The array, its forwarded element block, the heap string and the object. The shapes stay:
    // the empty shape is pinned and its transition cache keeps the extended one.
    EXPECT_EQ(after.freed_objects - built.freed_objects, 4u);
    EXPECT_EQ(after.live_objects, built.live_objects - 4);
}
