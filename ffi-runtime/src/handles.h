// Handle registry internals used by other subsystems (the event pump). Bindings use
// perry/ffi/handles.h.
#pragma once

#include <cstddef>

namespace perry::handles {

// Ends the quarantine of every slot dropped so far: they may be reused by later registrations.
// The event pump calls it at the end of each turn, so an id dropped during a turn cannot be
// recycled while callbacks queued in that turn may still carry it. Any thread.
void end_pump_turn();
// Slots waiting in quarantine (for tests).
size_t quarantined_count();

} // namespace perry::handles
