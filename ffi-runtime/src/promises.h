// Promises' internals shared with the pump and the work pool.
#pragma once

#include "heap.h"

#include <cstddef>
#include <string>

namespace perry::promises {

extern const heap::KindOps kPromiseOps;

inline bool is_promise(PerryValue value) {
    return heap::is_kind(value, kPromiseOps);
}

// A settlement requested off the main thread, applied later by the pump (or by the work pool
// at a task's delivery). The promise was already claimed (see claim), so applying never fails.
struct Settlement {
    PerryValue promise = PERRY_UNDEFINED;
    PerryValue value = PERRY_UNDEFINED;
    bool rejected = false;
    bool with_message = false; // reject with a new Error(message): built on the main thread
    std::string message;
};

// Marks the promise as settled-or-about-to-be. Any thread; the promise must be alive. False
// when it was claimed before (the double settlement the API reports).
bool claim(PerryValue promise);

// Applies a claimed settlement on the main thread: sets the state, queues the reactions as
// jobs, unroots a native promise. Resolving with a promise makes `promise` follow it.
void apply(const Settlement& settlement);

// Claims and applies in one step on the main thread; false when already claimed.
bool settle_now(PerryValue promise, PerryValue value, bool rejected);

// Runs reaction jobs until none is left (jobs may queue more). Main thread.
void run_jobs();
bool has_jobs();
// Records that the promise's outcome is consumed (an await), as a reaction does: its rejection
// is then handled and never reported. Main thread.
void mark_handled(PerryValue promise);
// Reports rejections that are still unhandled after this turn's jobs. Main thread.
void report_unhandled();
// Registers the promises' internal root scanner (queued jobs, unhandled rejections).
void register_roots();
// Main thread, at shutdown: drops queued jobs and the unhandled list.
void reset();

// A new Error carrying `message`, built on the main thread; PERRY_UNDEFINED on failure.
PerryValue make_error(const char* message, size_t length);

} // namespace perry::promises
