/*
 * perry/ffi/promises.h: promises (included by perry/ffi.h).
 *
 * A promise is a heap object of kind PERRY_KIND_PROMISE. A promise created with
 * perry_promise_new is rooted by the runtime until it is settled (like a Node-API deferred), so a
 * binding may hand it to any thread without pinning it. Settling is allowed from any thread:
 * on the main thread it applies at once; from another thread it is queued and applied by the
 * event pump (perry/ffi/pump.h) on the main thread. Reactions (then/catch callbacks) always run
 * from the pump's job queue, never inside the settling call.
 *
 * Values given to a settle call from a thread other than the main thread must be immediates,
 * values built inside the calling blocking task (perry/ffi/work.h), or main-thread values the
 * binding pinned before handing them over (see docs/abi/threads.md).
 */
#ifndef PERRY_FFI_PROMISES_H
#define PERRY_FFI_PROMISES_H

#ifndef PERRY_FFI_H
#error "include perry/ffi.h, not perry/ffi/promises.h"
#endif

typedef enum PerryPromiseState {
    PERRY_PROMISE_PENDING = 0,
    PERRY_PROMISE_FULFILLED = 1,
    PERRY_PROMISE_REJECTED = 2
} PerryPromiseState;

/* Creates a pending promise, rooted until settled. Owned by the GC. Main thread. Returns
 * PERRY_UNDEFINED on failure. */
PERRY_API PerryValue perry_promise_new(void);

/* True when `value` is a promise. Any thread (reads the object header). */
PERRY_API bool perry_promise_is(PerryValue value);

/* Resolves `promise` with `value` (a promise value makes it follow that promise). Any thread.
 * Returns PERRY_OK when the settlement was applied or queued; ALREADY_SETTLED when the promise
 * was settled (or a settlement was queued) before; TYPE_MISMATCH when `promise` is not a
 * promise; SHUT_DOWN / NOT_INITIALIZED when the runtime is going down or gone (nothing is
 * touched then). Double settlement is always detected synchronously. */
PERRY_API PerryStatus perry_promise_resolve(PerryValue promise, PerryValue value);
/* Rejects `promise` with `reason` (any value). Any thread; results as perry_promise_resolve. */
PERRY_API PerryStatus perry_promise_reject(PerryValue promise, PerryValue reason);
/* Rejects `promise` with a new `Error` whose message is the UTF-8 `(message, length)` (copied;
 * the Error is built on the main thread when the settlement is applied). Any thread; results as
 * perry_promise_resolve, plus INVALID_ARGUMENT for NULL with length > 0 and TOO_LARGE. */
PERRY_API PerryStatus perry_promise_reject_string(PerryValue promise, const char* message,
                                                  size_t length);
PERRY_INLINE PerryStatus perry_promise_reject_cstr(PerryValue promise, const char* message) {
    return perry_promise_reject_string(promise, message, PERRY__CSTR_LENGTH(message));
}

/* The state of a promise. Main thread (PENDING and WRONG_THREAD elsewhere; PENDING and
 * TYPE_MISMATCH for a non-promise). A settlement queued from another thread counts as pending
 * until the pump applies it. */
PERRY_API PerryPromiseState perry_promise_state(PerryValue promise);
/* The fulfilment value or rejection reason; PERRY_UNDEFINED while pending. Main thread. */
PERRY_API PerryValue perry_promise_result(PerryValue promise);

/* A host callback run as a reaction once the promise settles: `state` is FULFILLED or
 * REJECTED and `result` the value or reason. Runs on the main thread from the pump. */
typedef void (*PerryPromiseCallback)(PerryValue result, PerryPromiseState state, void* userdata);

/* Attaches a host callback (runs once, as a job, also when the promise is already settled).
 * Counts as handling a rejection. Main thread. INVALID_ARGUMENT for a null callback,
 * TYPE_MISMATCH for a non-promise, OUT_OF_MEMORY. */
PERRY_API PerryStatus perry_promise_on_settled(PerryValue promise, PerryPromiseCallback callback,
                                               void* userdata);

/* JavaScript's `promise.then(on_fulfilled, on_rejected)`: each handler is a closure or
 * PERRY_UNDEFINED (pass the outcome through). Writes the derived promise, settled with the
 * handler's result (or its exception), to `*out_derived` (may be NULL). Main thread.
 * NOT_CALLABLE for a handler that is neither a closure nor undefined. */
PERRY_API PerryStatus perry_promise_then(PerryValue promise, PerryValue on_fulfilled,
                                         PerryValue on_rejected, PerryValue* out_derived);
/* `promise.catch(on_rejected)`: perry_promise_then(promise, undefined, on_rejected, out). */
PERRY_INLINE PerryStatus perry_promise_catch(PerryValue promise, PerryValue on_rejected,
                                             PerryValue* out_derived) {
    return perry_promise_then(promise, PERRY_UNDEFINED, on_rejected, out_derived);
}

/* Called at the end of a pump turn for each promise rejected during it that has no reaction by
 * then. Without a handler the runtime prints one line to stderr. Main thread. */
typedef void (*PerryUnhandledRejectionFn)(PerryValue promise, PerryValue reason, void* userdata);
/* Sets (or with NULL clears) the unhandled-rejection handler. Main thread. */
PERRY_API PerryStatus perry_promise_set_unhandled_rejection_handler(PerryUnhandledRejectionFn fn,
                                                                    void* userdata);

#endif /* PERRY_FFI_PROMISES_H */
