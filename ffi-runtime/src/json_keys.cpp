// Key order and key text of object shapes for JSON stringify.
#include "json_keys.h"

#include "strings_internal.h"

#include <algorithm>
#include <string_view>

namespace perry::json {
namespace {

// JavaScript enumerates "array index" keys (canonical decimal integers below 2^32 - 1) first,
// in ascending numeric order, then the other string keys in insertion order.
bool array_index(std::string_view key, uint32_t* out) {
    if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) {
        return false;
    }
    uint64_t value = 0;
    for (char c : key) {
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    if (value >= UINT32_MAX) {
        return false;
    }
    *out = static_cast<uint32_t>(value);
    return true;
}

std::string_view view_of(const PerryValue& key) {
    std::string_view bytes;
    strings::view(key, &bytes);
    return bytes;
}

} // namespace

const ShapeKeys& KeyCache::of(PerryValue object) {
    const PerryShape* shape = perry_object_shape(object);
    Recent& recent = recent_[(reinterpret_cast<uintptr_t>(shape) >> 4) % kRecent];
    if (recent.shape == shape && recent.keys != nullptr) {
        return *recent.keys;
    }
    auto [slot, added] = shapes_.try_emplace(shape);
    ShapeKeys& keys = slot->second;
    if (added) {
        size_t count = perry_object_key_count(object);
        std::vector<std::pair<uint32_t, uint32_t>> indexed; // (array index, field)
        std::vector<uint32_t> named;
        for (uint32_t i = 0; i < count; ++i) {
            PerryValue key = perry_object_key_at(object, i);
            uint32_t index = 0;
            if (array_index(view_of(key), &index)) {
                indexed.emplace_back(index, i);
            } else {
                named.push_back(i);
            }
        }
        std::sort(indexed.begin(), indexed.end());
        for (const auto& entry : indexed) {
            keys.field.push_back(entry.second);
        }
        keys.field.insert(keys.field.end(), named.begin(), named.end());
        Output text;
        for (uint32_t field : keys.field) {
            PerryValue key = perry_object_key_at(object, field);
            std::string_view bytes = view_of(key);
            append_quoted(text, bytes.data(), bytes.size(), perry_string_is_binary(key));
            text.put(':');
            if (space_after_colon_) {
                text.put(' ');
            }
            keys.ends.push_back(static_cast<uint32_t>(text.size()));
            keys.names.push_back(key);
        }
        keys.text.assign(text.data(), text.size());
    }
    recent.shape = shape;
    recent.keys = &keys;
    return keys;
}

} // namespace perry::json
