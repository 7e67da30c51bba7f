// Closures' internals shared with promises (reaction handlers are closures).
#pragma once

#include "heap.h"

namespace perry::closures {

extern const heap::KindOps kClosureOps;

inline bool is_closure(PerryValue value) {
    return heap::is_kind(value, kClosureOps);
}

// Calls a value already known to be a closure; same contract as perry_closure_call minus the
// checks. Main thread.
PerryStatus invoke(PerryValue closure, PerryValue this_value, const PerryValue* args, uint32_t argc,
                   PerryValue* out_result);

// When an exception is pending on this thread: writes it to `*out_exception` (if not null),
// clears it and returns true.
bool take_pending_exception(PerryValue* out_exception);

// Clears the calling thread's pending exception (a reaction handler's exception rejects its
// derived promise instead of propagating).
void clear_pending_exception();

} // namespace perry::closures
