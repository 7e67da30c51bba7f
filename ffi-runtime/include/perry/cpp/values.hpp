// perry/cpp/values.hpp: small helpers over PerryValue. Part of perry/ffi.hpp.
#pragma once

#include "perry/cpp/errors.hpp"
#include "perry/ffi.h"

namespace perry {

using Value = PerryValue;

inline bool same_value(Value a, Value b) noexcept {
    return perry_value_same(a, b);
}
inline PerryKind kind_of(Value v) noexcept {
    return perry_value_kind(v);
}

// Throws perry::Error(status) when an allocating call returned PERRY_UNDEFINED.
inline Value check_value(Value v) {
    if (v == PERRY_UNDEFINED) {
        PerryStatus status = perry_last_status();
        throw status_error(status != PERRY_OK ? status : PERRY_STATUS_INTERNAL);
    }
    return v;
}

} // namespace perry
