// perry/cpp/bigint.hpp: BigInt. Part of perry/ffi.hpp.
#pragma once

#include "perry/ffi.h"

#include "perry/cpp/errors.hpp"
#include "perry/cpp/values.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry {

// A BigInt read out: sign and magnitude, 64-bit limbs least significant first (0n: no limbs).
struct BigIntLimbs {
    bool negative = false;
    std::vector<uint64_t> limbs;
};

// BigInt(text) with JavaScript's rules. Throws perry::Error with code PERRY_STATUS_INVALID_SYNTAX
// and node's message ("Cannot convert 1.5 to a BigInt") for text BigInt() rejects, or the status
// error of any other failure.
inline PerryValue alloc_bigint_from_str(std::string_view text) {
    PerryValue value = PERRY_UNDEFINED;
    PerryStatus status = perry_bigint_from_string(text.data(), text.size(), &value);
    if (status == PERRY_STATUS_INVALID_SYNTAX) {
        throw Error("Cannot convert " + std::string(text) + " to a BigInt",
                    perry_status_name(status));
    }
    check(status);
    return value;
}
inline PerryValue alloc_bigint_from_i64(int64_t value) {
    return check_value(perry_bigint_from_int64(value));
}
inline PerryValue alloc_bigint_from_u64(uint64_t value) {
    return check_value(perry_bigint_from_uint64(value));
}
inline PerryValue alloc_bigint_from_limbs(bool negative, const std::vector<uint64_t>& limbs) {
    return check_value(perry_bigint_from_limbs(negative, limbs.data(), limbs.size()));
}

// The sign and limbs of a BigInt; throws perry::Error (TYPE_MISMATCH) for another value.
inline BigIntLimbs read_bigint_limbs(PerryValue value) {
    BigIntLimbs out;
    size_t count = 0;
    PerryStatus status = perry_bigint_to_limbs(value, &out.negative, nullptr, 0, &count);
    if (status != PERRY_STATUS_BUFFER_TOO_SMALL) {
        check(status); // OK: 0n, no limbs
        return out;
    }
    out.limbs.resize(count);
    check(perry_bigint_to_limbs(value, &out.negative, out.limbs.data(), count, &count));
    return out;
}

// value.toString(radix); throws perry::Error (TYPE_MISMATCH, INVALID_ARGUMENT for a radix
// outside 2..36).
inline std::string bigint_to_string(PerryValue value, uint32_t radix = 10) {
    size_t length = 0;
    PerryStatus status = perry_bigint_to_string(value, radix, nullptr, 0, &length);
    if (status != PERRY_STATUS_BUFFER_TOO_SMALL) {
        check(status == PERRY_OK ? PERRY_STATUS_INTERNAL : status); // text is never empty
    }
    std::string text(length, '\0');
    check(perry_bigint_to_string(value, radix, text.data(), text.size(), &length));
    return text;
}

// The value as an int64/uint64 when it fits exactly, nullopt when it does not (use the C
// functions for the wrapped BigInt.asIntN result). Throws perry::Error for a non-BigInt.
inline std::optional<int64_t> bigint_to_i64(PerryValue value) {
    int64_t out = 0;
    bool lossless = false;
    check(perry_bigint_to_int64(value, &out, &lossless));
    return lossless ? std::optional<int64_t>(out) : std::nullopt;
}
inline std::optional<uint64_t> bigint_to_u64(PerryValue value) {
    uint64_t out = 0;
    bool lossless = false;
    check(perry_bigint_to_uint64(value, &out, &lossless));
    return lossless ? std::optional<uint64_t>(out) : std::nullopt;
}

} // namespace perry
