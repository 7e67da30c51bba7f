// The pending exception, shared by the surfaces that raise or deliver JavaScript exceptions
// (errors, closures, promises, the pump). Bindings use perry/ffi/errors.h.
#pragma once

#include "perry/ffi.h"

namespace perry::exceptions {

// All of these are main-thread only; callers check (the C functions do).

// Makes `exception` pending. Returns false, keeping the pending one, if one is already pending.
bool set_pending(PerryValue exception);
// Inline: a closure call checks it twice, and a call into another file costs as much as the
// rest of that hot path.
extern bool g_pending;
inline bool has_pending() {
    return g_pending;
}
// The pending exception (PERRY_UNDEFINED when none), without clearing it.
PerryValue peek();
// Returns and clears the pending exception (PERRY_UNDEFINED when none).
PerryValue take();
void clear();

} // namespace perry::exceptions
