// Buffer: a PerryBufferHeader followed by its bytes, one heap object of kind BUFFER.
#include "heap.h"
#include "runtime.h"

#include <cstring>

static_assert(sizeof(PerryBufferHeader) == 8, "pinned by the ABI");

namespace perry::buffer {
namespace {

const heap::KindOps kBufferOps{PERRY_KIND_BUFFER, "buffer", nullptr, nullptr};

PerryBufferHeader* allocate(size_t length) {
    if (length > heap::kMaxPayloadBytes - sizeof(PerryBufferHeader)) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return nullptr;
    }
    auto* header = static_cast<PerryBufferHeader*>(
        heap::allocate(kBufferOps, sizeof(PerryBufferHeader) + length));
    if (header != nullptr) {
        header->length = static_cast<uint32_t>(length);
        header->capacity = static_cast<uint32_t>(length);
    }
    return header;
}

PerryBufferHeader* header_of(PerryValue value) {
    if (!perry_value_is_object(value) || !heap::is_kind(value, kBufferOps)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return nullptr;
    }
    return static_cast<PerryBufferHeader*>(perry_value_to_pointer(value));
}

} // namespace
} // namespace perry::buffer

using namespace perry;

extern "C" {

PerryValue perry_buffer_alloc(size_t length) {
    PerryBufferHeader* header = buffer::allocate(length);
    return header != nullptr ? perry_value_from_pointer(PERRY_TAG_OBJECT, header) : PERRY_UNDEFINED;
}

PerryValue perry_buffer_from_bytes(const void* bytes, size_t length) {
    if (bytes == nullptr && length != 0) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    PerryBufferHeader* header = buffer::allocate(length);
    if (header == nullptr) {
        return PERRY_UNDEFINED;
    }
    if (length != 0) {
        std::memcpy(header + 1, bytes, length);
    }
    return perry_value_from_pointer(PERRY_TAG_OBJECT, header);
}

PerryStatus perry_buffer_bytes(PerryValue value, uint8_t** out_data, size_t* out_length) {
    if (out_data == nullptr || out_length == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    PerryBufferHeader* header = buffer::header_of(value);
    if (header == nullptr) {
        return PERRY_STATUS_TYPE_MISMATCH;
    }
    *out_data = reinterpret_cast<uint8_t*>(header + 1);
    *out_length = header->length;
    return PERRY_OK;
}

uint8_t* perry_buffer_data(PerryValue value) {
    PerryBufferHeader* header = buffer::header_of(value);
    return header != nullptr ? reinterpret_cast<uint8_t*>(header + 1) : nullptr;
}

size_t perry_buffer_length(PerryValue value) {
    PerryBufferHeader* header = buffer::header_of(value);
    return header != nullptr ? header->length : 0;
}

bool perry_value_is_buffer(PerryValue value) {
    return perry_value_is_object(value) && heap::is_kind(value, buffer::kBufferOps);
}

} // extern "C"
