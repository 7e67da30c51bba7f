// perry/cpp/collections.hpp: arrays and shape-based objects. Part of perry/ffi.hpp.
#pragma once

#include "perry/ffi.h"

#include <initializer_list>
#include <string_view>
#include <vector>

namespace perry {

inline PerryValue alloc_array(size_t capacity = 0) {
    return check_value(perry_array_new(capacity));
}
inline PerryValue alloc_array(std::initializer_list<PerryValue> values) {
    return check_value(perry_array_from_values(values.begin(), values.size()));
}
inline void array_push(PerryValue array, PerryValue value) {
    check(perry_array_push(array, value));
}
inline void array_set(PerryValue array, size_t index, PerryValue value) {
    check(perry_array_set(array, index, value));
}
inline PerryValue array_get(PerryValue array, size_t index) noexcept {
    return perry_array_get(array, index);
}
inline size_t array_length(PerryValue array) noexcept {
    return perry_array_length(array);
}

// A shape from key names; it lives until the runtime shuts down (make it once).
inline const PerryShape* make_shape(std::initializer_list<std::string_view> keys) {
    std::vector<const char*> pointers;
    std::vector<size_t> lengths;
    for (std::string_view key : keys) {
        pointers.push_back(key.data());
        lengths.push_back(key.size());
    }
    const PerryShape* shape = perry_shape_new(pointers.data(), lengths.data(), keys.size());
    if (shape == nullptr) {
        throw status_error(perry_last_status());
    }
    return shape;
}
inline PerryValue alloc_object(const PerryShape* shape = nullptr) {
    return check_value(perry_object_new(shape));
}
inline PerryValue object_get(PerryValue object, std::string_view key) noexcept {
    return perry_object_get(object, key.data(), key.size());
}
inline void object_set(PerryValue object, std::string_view key, PerryValue value) {
    check(perry_object_set(object, key.data(), key.size(), value));
}
inline PerryValue object_get_index(PerryValue object, size_t index) noexcept {
    return perry_object_get_index(object, index);
}
inline void object_set_index(PerryValue object, size_t index, PerryValue value) {
    check(perry_object_set_index(object, index, value));
}

} // namespace perry
