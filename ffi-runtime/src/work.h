// The blocking work pool's internals shared with the pump.
#pragma once

#include "heap.h"
#include "promises.h"

#include <string>
#include <vector>

namespace perry::work {

struct Task {
    PerryBlockingFn fn = nullptr;       // the plain form
    PerryWorkFn work = nullptr;         // the deferred form: work on the worker,
    PerryCompleteFn complete = nullptr; // then complete on the main thread
    void* ctx = nullptr;
    PerryValue promise = PERRY_UNDEFINED;
    heap::TaskArena arena;
    // Written by the worker, read by the main thread after the inbox hand-over.
    PerryValue outcome = PERRY_UNDEFINED;
    bool rejected = false;
    bool reject_with_message = false;
    std::string reject_message;
    std::vector<promises::Settlement> settlements; // perry_promise_* calls made inside the task
};

// The task the calling worker thread is running, or null.
Task* current_task();

// Main thread: delivers a finished task (adopt its arena, apply its settlements, settle its
// promise, run the reactions, release the arena) and frees it.
void deliver(Task* task);
// Main thread, at shutdown: drops a finished task's values and frees it (the deferred form's
// complete runs with SHUT_DOWN).
void cancel(Task* task);

// Main thread, at shutdown: stops accepting tasks, lets the workers finish the queued ones and
// joins them. Their completions arrive in the inbox.
void stop_pool();

// Tasks submitted and not yet delivered or cancelled.
uint64_t in_flight();

} // namespace perry::work
