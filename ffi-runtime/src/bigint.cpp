// BigInt: the heap kind, construction from integers and limbs, and the readers of the C ABI.
// Text conversion is in bigint_text.cpp.
#include "bigint.h"

#include "runtime.h"

#include <cstring>

namespace perry::bigint {

// BigInts hold no references and own nothing outside their block.
const heap::KindOps kOps{PERRY_KIND_BIGINT, "bigint", nullptr, nullptr};

const Payload* payload_of(PerryValue value) {
    if (!perry_value_is_bigint(value)) {
        return nullptr;
    }
    return static_cast<const Payload*>(perry_value_to_pointer(value));
}

PerryValue make(bool negative, const uint64_t* limbs, size_t count) {
    while (count > 0 && limbs[count - 1] == 0) {
        count--;
    }
    if (count > PERRY_BIGINT_MAX_LIMBS) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return PERRY_UNDEFINED;
    }
    auto* payload =
        static_cast<Payload*>(heap::allocate(kOps, sizeof(Payload) + count * sizeof(uint64_t)));
    if (payload == nullptr) {
        return PERRY_UNDEFINED;
    }
    payload->negative = (negative && count > 0) ? 1 : 0;
    payload->count = static_cast<uint32_t>(count);
    if (count > 0) {
        std::memcpy(payload + 1, limbs, count * sizeof(uint64_t));
    }
    return perry_value_from_pointer(PERRY_TAG_BIGINT, payload);
}

namespace {

// The low 64 bits of the two's complement of a value: what asIntN/asUintN(64) keep.
uint64_t low_bits(const Payload* payload) {
    uint64_t low = payload->count > 0 ? limbs_of(payload)[0] : 0;
    return payload->negative ? (~low + 1) : low;
}

int compare_magnitudes(const Payload* a, const Payload* b) {
    if (a->count != b->count) {
        return a->count < b->count ? -1 : 1;
    }
    for (uint32_t i = a->count; i-- > 0;) {
        uint64_t x = limbs_of(a)[i];
        uint64_t y = limbs_of(b)[i];
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return 0;
}

} // namespace
} // namespace perry::bigint

using namespace perry;

extern "C" {

PerryValue perry_bigint_from_int64(int64_t value) {
    // The magnitude of INT64_MIN does not fit an int64: negate in unsigned arithmetic.
    uint64_t magnitude =
        value < 0 ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
    return bigint::make(value < 0, &magnitude, 1);
}

PerryValue perry_bigint_from_uint64(uint64_t value) {
    return bigint::make(false, &value, 1);
}

PerryValue perry_bigint_from_limbs(bool negative, const uint64_t* limbs, size_t count) {
    if (limbs == nullptr && count > 0) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    return bigint::make(negative, limbs, count);
}

PerryStatus perry_bigint_from_string(const char* text, size_t length, PerryValue* out) {
    if ((text == nullptr && length > 0) || out == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    if (length > UINT32_MAX) {
        return runtime::fail(PERRY_STATUS_TOO_LARGE);
    }
    bool negative = false;
    bigint::Magnitude magnitude;
    if (PerryStatus status = bigint::parse(text, length, negative, magnitude); status != PERRY_OK) {
        return runtime::fail(status);
    }
    PerryValue value = bigint::make(negative, magnitude.data(), magnitude.size());
    if (value == PERRY_UNDEFINED) {
        return perry_last_status();
    }
    *out = value;
    return PERRY_OK;
}

PerryStatus perry_bigint_to_limbs(PerryValue value, bool* out_negative, uint64_t* limbs,
                                  size_t capacity, size_t* out_count) {
    const bigint::Payload* payload = bigint::payload_of(value);
    if (payload == nullptr) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    if (out_count == nullptr || (limbs == nullptr && capacity > 0)) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    *out_count = payload->count;
    if (capacity < payload->count) {
        return runtime::fail(PERRY_STATUS_BUFFER_TOO_SMALL);
    }
    if (payload->count > 0) {
        std::memcpy(limbs, bigint::limbs_of(payload), payload->count * sizeof(uint64_t));
    }
    if (out_negative != nullptr) {
        *out_negative = payload->negative != 0;
    }
    return PERRY_OK;
}

PerryStatus perry_bigint_to_int64(PerryValue value, int64_t* out, bool* out_lossless) {
    const bigint::Payload* payload = bigint::payload_of(value);
    if (payload == nullptr) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    if (out == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    uint64_t low = bigint::low_bits(payload);
    *out = static_cast<int64_t>(low);
    if (out_lossless != nullptr) {
        uint64_t magnitude = payload->count > 0 ? bigint::limbs_of(payload)[0] : 0;
        uint64_t limit = payload->negative ? (UINT64_C(1) << 63) : (UINT64_C(1) << 63) - 1;
        *out_lossless = payload->count <= 1 && magnitude <= limit;
    }
    return PERRY_OK;
}

PerryStatus perry_bigint_to_uint64(PerryValue value, uint64_t* out, bool* out_lossless) {
    const bigint::Payload* payload = bigint::payload_of(value);
    if (payload == nullptr) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    if (out == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    *out = bigint::low_bits(payload);
    if (out_lossless != nullptr) {
        *out_lossless = payload->negative == 0 && payload->count <= 1;
    }
    return PERRY_OK;
}

PerryStatus perry_bigint_to_string(PerryValue value, uint32_t radix, char* buffer, size_t capacity,
                                   size_t* out_length) {
    const bigint::Payload* payload = bigint::payload_of(value);
    if (payload == nullptr) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    if (radix < 2 || radix > 36 || out_length == nullptr || (buffer == nullptr && capacity > 0)) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    std::string text;
    try {
        bigint::append_text(payload, radix, text);
    } catch (...) { // only std::bad_alloc can come this far (no typeinfo reference)
        return runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
    }
    *out_length = text.size();
    if (capacity < text.size()) {
        return runtime::fail(PERRY_STATUS_BUFFER_TOO_SMALL);
    }
    std::memcpy(buffer, text.data(), text.size());
    return PERRY_OK;
}

PerryStatus perry_bigint_compare(PerryValue a, PerryValue b, int* out_order) {
    const bigint::Payload* x = bigint::payload_of(a);
    const bigint::Payload* y = bigint::payload_of(b);
    if (x == nullptr || y == nullptr) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    if (out_order == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    if (x->negative != y->negative) {
        *out_order = x->negative ? -1 : 1;
        return PERRY_OK;
    }
    int order = bigint::compare_magnitudes(x, y);
    *out_order = x->negative ? -order : order;
    return PERRY_OK;
}

} // extern "C"
