// Shape-based objects. A shape is the ordered list of keys (string values), shared by the
// objects built from it; an object holds its shape and one value per key. Adding a key moves the
// object to a child shape, cached on the parent (one entry: the common case is many objects
// built the same way), and grows the field storage out of line when the inline room is full.
#include "heap.h"
#include "runtime.h"
#include "strings_internal.h"

#include <cstdlib>
#include <cstring>
#include <string_view>

struct PerryShape {
    uint32_t count;
    uint32_t reserved;
    PerryValue transition_key;    // the key last added to an object of this shape
    PerryShape* transition_child; // the shape that adding it gave
    PerryValue keys[];            // `count` string values
};

namespace perry::object {
namespace {

void trace_shape(void* payload, heap::Marker& marker) {
    auto* shape = static_cast<PerryShape*>(payload);
    marker.value(shape->transition_key);
    // The cache is the main thread's: a worker (inside a blocking task) neither reads it nor
    // fills it, since its new shapes live in its task arena until delivered.
    const bool use_cache = runtime::on_main_thread();
    if (use_cache && shape->transition_child != nullptr) {
        marker.pointer(shape->transition_child);
    }
    for (uint32_t i = 0; i < shape->count; ++i) {
        marker.value(shape->keys[i]);
    }
}

const heap::KindOps kShapeOps{PERRY_KIND_INTERNAL, "shape", trace_shape, nullptr};

struct Object {
    PerryShape* shape;
    PerryValue* fields; // inline_fields, or a malloc'd block once grown
    uint32_t capacity;  // slots `fields` has room for
    uint32_t reserved;
    PerryValue inline_fields[];
};

void trace_object(void* payload, heap::Marker& marker) {
    auto* object = static_cast<Object*>(payload);
    marker.pointer(object->shape);
    for (uint32_t i = 0; i < object->shape->count; ++i) {
        marker.value(object->fields[i]);
    }
}

void finalize_object(void* payload) {
    auto* object = static_cast<Object*>(payload);
    if (object->fields != object->inline_fields) {
        std::free(object->fields);
    }
}

const heap::KindOps kObjectOps{PERRY_KIND_OBJECT, "object", trace_object, finalize_object};

// The shape of `{}`, shared by every empty object of one runtime session.
PerryShape* g_empty_shape = nullptr;

void forget_empty_shape() {
    g_empty_shape = nullptr;
}

PerryShape* allocate_shape(size_t count) {
    if (count > (heap::kMaxPayloadBytes - sizeof(PerryShape)) / sizeof(PerryValue)) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return nullptr;
    }
    auto* shape = static_cast<PerryShape*>(
        heap::allocate(kShapeOps, sizeof(PerryShape) + count * sizeof(PerryValue)));
    if (shape != nullptr) {
        shape->transition_key = PERRY_UNDEFINED;
        // Keys are filled one by one (each may allocate and collect); until then they are
        // undefined so that tracing a half-built shape is safe.
        for (size_t i = 0; i < count; ++i) {
            shape->keys[i] = PERRY_UNDEFINED;
        }
        shape->count = static_cast<uint32_t>(count);
    }
    return shape;
}

PerryShape* empty_shape() {
    if (g_empty_shape == nullptr) {
        PerryShape* shape = allocate_shape(0);
        if (shape == nullptr) {
            return nullptr;
        }
        heap::pin(shape);
        g_empty_shape = shape;
        runtime::add_shutdown_hook(forget_empty_shape);
    }
    return g_empty_shape;
}

// True when `key` may hold a surrogate in its 3-byte form (lead byte ED), which makes it a heap
// string even when it is short.
bool may_hold_surrogate(std::string_view key) {
    return key.find('\xED') != std::string_view::npos;
}

// The index of `key` in `shape`, or -1. Keys of up to 5 bytes of UTF-8 are short-string
// immediates, so they compare as one integer.
long find_key(const PerryShape* shape, std::string_view key) {
    if (key.size() <= PERRY_SHORT_STRING_MAX && !may_hold_surrogate(key)) {
        PerryValue wanted = strings::make_valid_utf8(key.data(), key.size(), 0);
        for (uint32_t i = 0; i < shape->count; ++i) {
            if (shape->keys[i] == wanted) {
                return static_cast<long>(i);
            }
        }
        return -1;
    }
    for (uint32_t i = 0; i < shape->count; ++i) {
        std::string_view candidate;
        if (strings::view(shape->keys[i], &candidate) && candidate == key) {
            return static_cast<long>(i);
        }
    }
    return -1;
}

Object* object_of(PerryValue value) {
    if (!perry_value_is_object(value) || !heap::is_kind(value, kObjectOps)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return nullptr;
    }
    return static_cast<Object*>(perry_value_to_pointer(value));
}

// The shape `shape` + `key`, from the transition cache or newly made. May collect: `shape` is
// kept alive by the caller's object.
PerryShape* extend(PerryShape* shape, std::string_view key, const strings::TextInfo& text) {
    // The cache is the main thread's: a worker (inside a blocking task) neither reads it nor
    // fills it, since its new shapes live in its task arena until delivered.
    const bool use_cache = runtime::on_main_thread();
    if (use_cache && shape->transition_child != nullptr) {
        std::string_view cached;
        if (strings::view(shape->transition_key, &cached) && cached == key) {
            return shape->transition_child;
        }
    }
    PerryShape* child = allocate_shape(static_cast<size_t>(shape->count) + 1);
    if (child == nullptr) {
        return nullptr;
    }
    std::memcpy(child->keys, shape->keys, shape->count * sizeof(PerryValue));
    PerryValue key_value = strings::make_valid_wtf8(key.data(), key.size(), text);
    if (key_value == PERRY_UNDEFINED) {
        return nullptr;
    }
    child->keys[shape->count] = key_value;
    if (use_cache) {
        shape->transition_key = key_value;
        shape->transition_child = child;
    }
    return child;
}

PerryStatus grow_fields(Object* object, size_t needed) {
    size_t capacity = object->capacity * 2u;
    if (capacity < 4) {
        capacity = 4;
    }
    if (capacity < needed) {
        capacity = needed;
    }
    auto* fields = static_cast<PerryValue*>(std::malloc(capacity * sizeof(PerryValue)));
    if (fields == nullptr) {
        return runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
    }
    std::memcpy(fields, object->fields, object->shape->count * sizeof(PerryValue));
    if (object->fields != object->inline_fields) {
        std::free(object->fields);
    }
    object->fields = fields;
    object->capacity = static_cast<uint32_t>(capacity);
    return PERRY_OK;
}

} // namespace
} // namespace perry::object

using namespace perry;

extern "C" {

PerryShape* perry_shape_new(const char* const* keys, const size_t* key_lengths, size_t count) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return nullptr;
    }
    if (keys == nullptr && count != 0) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return nullptr;
    }
    // Validate everything before allocating, so a failure leaves nothing behind.
    for (size_t i = 0; i < count; ++i) {
        if (keys[i] == nullptr) {
            runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
            return nullptr;
        }
        const size_t length = key_lengths != nullptr ? key_lengths[i] : std::strlen(keys[i]);
        if (length > UINT32_MAX) {
            runtime::fail(PERRY_STATUS_TOO_LARGE);
            return nullptr;
        }
        if (!strings::validate_wtf8(keys[i], length, nullptr)) {
            runtime::fail(PERRY_STATUS_INVALID_UTF8);
            return nullptr;
        }
        for (size_t j = 0; j < i; ++j) {
            const size_t other = key_lengths != nullptr ? key_lengths[j] : std::strlen(keys[j]);
            if (other == length && std::memcmp(keys[i], keys[j], length) == 0) {
                runtime::fail(PERRY_STATUS_INVALID_ARGUMENT); // duplicate key
                return nullptr;
            }
        }
    }
    PerryShape* shape = object::allocate_shape(count);
    if (shape == nullptr) {
        return nullptr;
    }
    heap::pin(shape); // lives until shutdown, as documented
    for (size_t i = 0; i < count; ++i) {
        const size_t length = key_lengths != nullptr ? key_lengths[i] : std::strlen(keys[i]);
        strings::TextInfo text;
        strings::validate_wtf8(keys[i], length, &text);
        PerryValue key = strings::make_valid_wtf8(keys[i], length, text);
        if (key == PERRY_UNDEFINED) {
            heap::unpin(shape);
            return nullptr;
        }
        shape->keys[i] = key;
    }
    return shape;
}

size_t perry_shape_key_count(const PerryShape* shape) {
    return shape != nullptr ? shape->count : 0;
}

PerryStatus perry_shape_index_of(const PerryShape* shape, const char* key, size_t key_length,
                                 size_t* out_index) {
    if (shape == nullptr || (key == nullptr && key_length != 0) || out_index == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    const long index = object::find_key(shape, std::string_view(key, key_length));
    if (index < 0) {
        return runtime::fail(PERRY_STATUS_NOT_FOUND);
    }
    *out_index = static_cast<size_t>(index);
    return PERRY_OK;
}

PerryValue perry_object_new(const PerryShape* shape) {
    PerryShape* actual = const_cast<PerryShape*>(shape);
    if (actual == nullptr) {
        if (!runtime::on_main_thread()) {
            runtime::fail(runtime::initialized() ? PERRY_STATUS_WRONG_THREAD
                                                 : PERRY_STATUS_NOT_INITIALIZED);
            return PERRY_UNDEFINED; // the shared empty shape belongs to the main thread
        }
        actual = object::empty_shape();
        if (actual == nullptr) {
            return PERRY_UNDEFINED;
        }
    }
    const size_t count = actual->count;
    auto* object = static_cast<object::Object*>(
        heap::allocate(object::kObjectOps, sizeof(object::Object) + count * sizeof(PerryValue)));
    if (object == nullptr) {
        return PERRY_UNDEFINED;
    }
    object->shape = actual;
    object->fields = object->inline_fields;
    object->capacity = static_cast<uint32_t>(count);
    for (size_t i = 0; i < count; ++i) {
        object->inline_fields[i] = PERRY_UNDEFINED;
    }
    return perry_value_from_pointer(PERRY_TAG_OBJECT, object);
}

PerryValue perry_object_get_index(PerryValue value, size_t index) {
    object::Object* object = object::object_of(value);
    if (object == nullptr || index >= object->shape->count) {
        return PERRY_UNDEFINED;
    }
    return object->fields[index];
}

PerryStatus perry_object_set_index(PerryValue value, size_t index, PerryValue field) {
    object::Object* object = object::object_of(value);
    if (object == nullptr) {
        return PERRY_STATUS_TYPE_MISMATCH;
    }
    if (index >= object->shape->count) {
        return runtime::fail(PERRY_STATUS_NOT_FOUND);
    }
    object->fields[index] = field;
    return PERRY_OK;
}

PerryValue perry_object_get(PerryValue value, const char* key, size_t key_length) {
    object::Object* object = object::object_of(value);
    if (object == nullptr) {
        return PERRY_UNDEFINED;
    }
    if (key == nullptr && key_length != 0) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    const long index = object::find_key(object->shape, std::string_view(key, key_length));
    return index >= 0 ? object->fields[index] : PERRY_UNDEFINED;
}

PerryStatus perry_object_set(PerryValue value, const char* key, size_t key_length,
                             PerryValue field) {
    object::Object* object = object::object_of(value);
    if (object == nullptr) {
        return PERRY_STATUS_TYPE_MISMATCH;
    }
    if (key == nullptr && key_length != 0) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    const std::string_view name(key, key_length);
    const long index = object::find_key(object->shape, name);
    if (index >= 0) {
        object->fields[index] = field;
        return PERRY_OK;
    }
    if (key_length > UINT32_MAX) {
        return runtime::fail(PERRY_STATUS_TOO_LARGE);
    }
    strings::TextInfo text;
    if (!strings::validate_wtf8(key, key_length, &text)) {
        return runtime::fail(PERRY_STATUS_INVALID_UTF8);
    }
    PerryShape* child = object::extend(object->shape, name, text);
    if (child == nullptr) {
        return perry_last_status();
    }
    const uint32_t slot = object->shape->count;
    if (slot >= object->capacity) {
        if (PerryStatus status = object::grow_fields(object, slot + 1u); status != PERRY_OK) {
            return status;
        }
    }
    object->fields[slot] = field;
    object->shape = child;
    return PERRY_OK;
}

size_t perry_object_key_count(PerryValue value) {
    object::Object* object = object::object_of(value);
    return object != nullptr ? object->shape->count : 0;
}

PerryValue perry_object_key_at(PerryValue value, size_t index) {
    object::Object* object = object::object_of(value);
    if (object == nullptr || index >= object->shape->count) {
        return PERRY_UNDEFINED;
    }
    return object->shape->keys[index];
}

const PerryShape* perry_object_shape(PerryValue value) {
    object::Object* object = object::object_of(value);
    return object != nullptr ? object->shape : nullptr;
}

PerryValue perry_object_keys(PerryValue value) {
    object::Object* object = object::object_of(value);
    if (object == nullptr) {
        return PERRY_UNDEFINED;
    }
    // The shape is reachable from `value` (on our stack) while the array allocation collects.
    PerryShape* shape = object->shape;
    return perry_array_from_values(shape->keys, shape->count);
}

bool perry_value_is_plain_object(PerryValue value) {
    return perry_value_is_object(value) && heap::is_kind(value, object::kObjectOps);
}

} // extern "C"
