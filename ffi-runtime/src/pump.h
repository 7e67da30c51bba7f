// The pump's internals shared with promises and the work pool: the cross-thread inbox.
#pragma once

#include "promises.h"

namespace perry::work {
struct Task;
}

namespace perry::pump {

// Main thread: registers the async subsystems' shutdown hook and root scanner once per init and
// opens the inbox. Cheap after the first call.
void ensure_started();

// Any thread: queues a settlement after claiming its promise under the inbox lock. SHUT_DOWN
// while the runtime shuts down or after it has (nothing is touched then), NOT_INITIALIZED
// before init, ALREADY_SETTLED when the claim fails, TYPE_MISMATCH for a non-promise.
PerryStatus post_settlement(promises::Settlement&& settlement);

// A worker: hands a finished task to the main thread. Accepted even while shutting down (the
// shutdown drains them).
void post_task_done(work::Task* task);

} // namespace perry::pump
