/*
 * perry/ffi/closures.h: JavaScript functions implemented in C (included by perry/ffi.h).
 *
 * A closure is a heap object of kind PERRY_KIND_FUNCTION: a C function pointer plus a fixed set
 * of captured values, traced by the GC like an array's elements. A binding receives closures
 * from Perry code (callbacks passed as `jsvalue`) or creates them, and calls them with 0..4
 * arguments or an argument array. Calling is main-thread only; the call path allocates nothing
 * and takes no lock.
 */
#ifndef PERRY_FFI_CLOSURES_H
#define PERRY_FFI_CLOSURES_H

#ifndef PERRY_FFI_H
#error "include perry/ffi.h, not perry/ffi/closures.h"
#endif

/* What a closure's C function receives. Every pointer is valid only during the call. */
typedef struct PerryClosureCall {
    PerryValue callee;      /* the closure itself */
    PerryValue this_value;  /* `this` (PERRY_UNDEFINED for a plain call) */
    const PerryValue* args; /* argc arguments (NULL when argc is 0) */
    uint32_t argc;
    uint32_t capture_count; /* the values given to perry_closure_new, in order */
    const PerryValue* captures;
} PerryClosureCall;

/* A closure's body. It returns the call's result; to throw, it raises a JavaScript exception
 * (perry/ffi/errors.h) and returns anything (the result is then ignored). */
typedef PerryValue (*PerryClosureFn)(const PerryClosureCall* call);

/* The most arguments the perry_closure_callN helpers pass; any count goes through
 * perry_closure_call. */
#define PERRY_CLOSURE_MAX_INLINE_ARGS 4

/* Creates a closure over `fn` capturing `count` values (copied; `captures` may be NULL when
 * count is 0). The captured values are kept alive by the closure. Owned by the GC: keep the
 * result on the stack, pinned or in a root scanner. Main thread. Returns PERRY_UNDEFINED on
 * failure (INVALID_ARGUMENT for a null fn or a null captures with count > 0, TOO_LARGE, the
 * thread-affinity statuses). */
PERRY_API PerryValue perry_closure_new(PerryClosureFn fn, const PerryValue* captures,
                                       uint32_t count);

/* True when `value` is a closure (PERRY_KIND_FUNCTION). Any thread (reads the object header). */
PERRY_API bool perry_closure_is(PerryValue value);

/* Calls a closure with `this_value` and `argc` arguments. On success writes the result to
 * `*out_result` (may be NULL) and returns PERRY_OK. When the closure throws, returns
 * PERRY_STATUS_PENDING_EXCEPTION, writes the exception value to `*out_result`, and leaves the
 * exception pending (so returning to Perry code rethrows it; clear it with the errors API to
 * swallow it). NOT_CALLABLE when `closure` is not a closure; INVALID_ARGUMENT for args == NULL
 * with argc > 0. Main thread (WRONG_THREAD elsewhere). */
PERRY_API PerryStatus perry_closure_call(PerryValue closure, PerryValue this_value,
                                         const PerryValue* args, uint32_t argc,
                                         PerryValue* out_result);

/* Conveniences over perry_closure_call with `this` undefined; same results. */
PERRY_INLINE PerryStatus perry_closure_call0(PerryValue closure, PerryValue* out_result) {
    return perry_closure_call(closure, PERRY_UNDEFINED, NULL, 0, out_result);
}
PERRY_INLINE PerryStatus perry_closure_call1(PerryValue closure, PerryValue a0,
                                             PerryValue* out_result) {
    return perry_closure_call(closure, PERRY_UNDEFINED, &a0, 1, out_result);
}
PERRY_INLINE PerryStatus perry_closure_call2(PerryValue closure, PerryValue a0, PerryValue a1,
                                             PerryValue* out_result) {
    PerryValue args[2];
    args[0] = a0;
    args[1] = a1;
    return perry_closure_call(closure, PERRY_UNDEFINED, args, 2, out_result);
}
PERRY_INLINE PerryStatus perry_closure_call3(PerryValue closure, PerryValue a0, PerryValue a1,
                                             PerryValue a2, PerryValue* out_result) {
    PerryValue args[3];
    args[0] = a0;
    args[1] = a1;
    args[2] = a2;
    return perry_closure_call(closure, PERRY_UNDEFINED, args, 3, out_result);
}
PERRY_INLINE PerryStatus perry_closure_call4(PerryValue closure, PerryValue a0, PerryValue a1,
                                             PerryValue a2, PerryValue a3, PerryValue* out_result) {
    PerryValue args[4];
    args[0] = a0;
    args[1] = a1;
    args[2] = a2;
    args[3] = a3;
    return perry_closure_call(closure, PERRY_UNDEFINED, args, 4, out_result);
}

/* The closure's serial: unique for the life of the process (never reused, never 0). With
 * perry_closure_from_serial it is an exact weak reference: it tells a live closure from one the
 * GC has swept even when a newer object occupies the same address. 0 if `closure` is not a
 * closure. Main thread (0 and WRONG_THREAD elsewhere). */
PERRY_API uint64_t perry_closure_serial(PerryValue closure);

/* The closure with this serial if the GC has not swept it, else PERRY_UNDEFINED with last status
 * NOT_FOUND. Never touches freed memory. Main thread. */
PERRY_API PerryValue perry_closure_from_serial(uint64_t serial);

#endif /* PERRY_FFI_CLOSURES_H */
