// perry/cpp/buffer.hpp: Buffer. Part of perry/ffi.hpp.
#pragma once

#include "perry/ffi.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace perry {

// A new Buffer: `length` zero bytes, or a copy of bytes.
inline PerryValue alloc_buffer(size_t length) {
    return check_value(perry_buffer_alloc(length));
}
inline PerryValue alloc_buffer(const void* data, size_t length) {
    return check_value(perry_buffer_from_bytes(data, length));
}
inline PerryValue alloc_buffer(const std::vector<uint8_t>& bytes) {
    return alloc_buffer(bytes.data(), bytes.size());
}
// A copy of a Buffer's bytes; nullopt for a non-Buffer.
inline std::optional<std::vector<uint8_t>> read_buffer_bytes(PerryValue buffer) {
    uint8_t* data = nullptr;
    size_t length = 0;
    if (perry_buffer_bytes(buffer, &data, &length) != PERRY_OK) {
        return std::nullopt;
    }
    return std::vector<uint8_t>(data, data + length);
}

} // namespace perry
