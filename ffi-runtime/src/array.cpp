// Arrays: a PerryArrayHeader with inline values; growth past the inline capacity forwards the
// elements to an out-of-line block so that the array keeps its identity (objects never move).
// The decision and its trade-offs are in docs/abi/collections.md.
#include "heap.h"
#include "runtime.h"

#include <cstring>

static_assert(sizeof(PerryArrayHeader) == 8, "pinned by the ABI");
static_assert(sizeof(PerryValue) >= sizeof(void*), "the forward pointer lives in slot 0");

namespace perry::array {
namespace {

PerryValue* slots(PerryArrayHeader* header) {
    return reinterpret_cast<PerryValue*>(header + 1);
}

// The block holding the elements: the array itself, or the block it forwards to.
PerryArrayHeader* storage(PerryArrayHeader* array) {
    if (array->capacity != PERRY_ARRAY_FORWARDED) {
        return array;
    }
    PerryArrayHeader* forward;
    std::memcpy(&forward, slots(array), sizeof forward);
    return forward;
}

void trace_elements(void* payload, heap::Marker& marker) {
    auto* block = static_cast<PerryArrayHeader*>(payload);
    const PerryValue* values = slots(block);
    for (uint32_t i = 0; i < block->length; ++i) {
        marker.value(values[i]);
    }
}

void trace_array(void* payload, heap::Marker& marker) {
    auto* array = static_cast<PerryArrayHeader*>(payload);
    if (array->capacity == PERRY_ARRAY_FORWARDED) {
        marker.pointer(storage(array));
    } else {
        trace_elements(array, marker);
    }
}

const heap::KindOps kArrayOps{PERRY_KIND_ARRAY, "array", trace_array, nullptr};
// The out-of-line elements of a forwarded array; reachable only through its array.
const heap::KindOps kStorageOps{PERRY_KIND_INTERNAL, "array-storage", trace_elements, nullptr};

// The largest capacity a block can have (its payload is limited to a u32 of bytes).
constexpr size_t kMaxCapacity =
    (heap::kMaxPayloadBytes - sizeof(PerryArrayHeader)) / sizeof(PerryValue);

PerryArrayHeader* allocate_block(const heap::KindOps& ops, size_t capacity) {
    if (capacity > kMaxCapacity) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return nullptr;
    }
    // At least one slot, so that a forward pointer always fits.
    const size_t room = capacity == 0 ? 1 : capacity;
    auto* block = static_cast<PerryArrayHeader*>(
        heap::allocate(ops, sizeof(PerryArrayHeader) + room * sizeof(PerryValue)));
    if (block != nullptr) {
        block->capacity = static_cast<uint32_t>(capacity);
    }
    return block;
}

PerryArrayHeader* array_of(PerryValue value) {
    if (!perry_value_is_object(value) || !heap::is_kind(value, kArrayOps)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return nullptr;
    }
    return static_cast<PerryArrayHeader*>(perry_value_to_pointer(value));
}

// Makes room for `needed` elements, forwarding to a larger block when the current one is full.
// May collect: `array` stays reachable through the caller's PerryValue on the stack.
PerryStatus reserve(PerryArrayHeader* array, size_t needed) {
    PerryArrayHeader* current = storage(array);
    if (needed <= current->capacity) {
        return PERRY_OK;
    }
    if (needed > kMaxCapacity) {
        return runtime::fail(PERRY_STATUS_TOO_LARGE);
    }
    size_t capacity = static_cast<size_t>(current->capacity) * 2;
    if (capacity < 4) {
        capacity = 4;
    }
    if (capacity < needed) {
        capacity = needed;
    }
    if (capacity > kMaxCapacity) {
        capacity = kMaxCapacity;
    }
    PerryArrayHeader* grown = allocate_block(kStorageOps, capacity);
    if (grown == nullptr) {
        return perry_last_status();
    }
    current = storage(array); // unchanged (nothing moves), re-read for clarity
    grown->length = current->length;
    std::memcpy(slots(grown), slots(current), current->length * sizeof(PerryValue));
    std::memcpy(slots(array), &grown, sizeof grown);
    array->capacity = PERRY_ARRAY_FORWARDED;
    return PERRY_OK;
}

} // namespace
} // namespace perry::array

using namespace perry;

extern "C" {

PerryValue perry_array_new(size_t capacity) {
    PerryArrayHeader* array = array::allocate_block(array::kArrayOps, capacity);
    return array != nullptr ? perry_value_from_pointer(PERRY_TAG_OBJECT, array) : PERRY_UNDEFINED;
}

PerryValue perry_array_from_values(const PerryValue* values, size_t count) {
    if (values == nullptr && count != 0) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    PerryArrayHeader* array = array::allocate_block(array::kArrayOps, count);
    if (array == nullptr) {
        return PERRY_UNDEFINED;
    }
    if (count != 0) {
        std::memcpy(array::slots(array), values, count * sizeof(PerryValue));
    }
    array->length = static_cast<uint32_t>(count);
    return perry_value_from_pointer(PERRY_TAG_OBJECT, array);
}

size_t perry_array_length(PerryValue value) {
    PerryArrayHeader* array = array::array_of(value);
    return array != nullptr ? array->length : 0;
}

PerryValue perry_array_get(PerryValue value, size_t index) {
    PerryArrayHeader* array = array::array_of(value);
    if (array == nullptr || index >= array->length) {
        return PERRY_UNDEFINED;
    }
    return array::slots(array::storage(array))[index];
}

PerryStatus perry_array_set(PerryValue value, size_t index, PerryValue element) {
    PerryArrayHeader* array = array::array_of(value);
    if (array == nullptr) {
        return PERRY_STATUS_TYPE_MISMATCH;
    }
    if (index >= UINT32_MAX - 1) {
        return runtime::fail(PERRY_STATUS_TOO_LARGE);
    }
    if (index >= array->length) {
        if (PerryStatus status = array::reserve(array, index + 1); status != PERRY_OK) {
            return status;
        }
        PerryArrayHeader* block = array::storage(array);
        PerryValue* values = array::slots(block);
        for (size_t i = array->length; i < index; ++i) {
            values[i] = PERRY_UNDEFINED; // holes read as undefined
        }
        values[index] = element;
        block->length = static_cast<uint32_t>(index + 1);
        array->length = block->length;
        return PERRY_OK;
    }
    array::slots(array::storage(array))[index] = element;
    return PERRY_OK;
}

PerryStatus perry_array_push(PerryValue value, PerryValue element) {
    PerryArrayHeader* array = array::array_of(value);
    if (array == nullptr) {
        return PERRY_STATUS_TYPE_MISMATCH;
    }
    return perry_array_set(value, array->length, element);
}

PerryValue* perry_array_elements(PerryValue value, size_t* out_length) {
    if (out_length != nullptr) {
        *out_length = 0;
    }
    PerryArrayHeader* array = array::array_of(value);
    if (array == nullptr || array->length == 0) {
        return nullptr;
    }
    if (out_length != nullptr) {
        *out_length = array->length;
    }
    return array::slots(array::storage(array));
}

bool perry_value_is_array(PerryValue value) {
    return perry_value_is_object(value) && heap::is_kind(value, array::kArrayOps);
}

} // extern "C"
