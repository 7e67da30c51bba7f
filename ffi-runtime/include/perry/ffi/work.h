/*
 * perry/ffi/work.h: the blocking work pool (included by perry/ffi.h).
 *
 * perry_spawn_blocking runs a task on a bounded pool of worker threads (size from
 * PerryRuntimeOptions.worker_threads, default the number of cores) and returns a promise the
 * event pump settles on the main thread with the task's result.
 *
 * Values on worker threads. Inside a task a worker may build strings, arrays, objects, ...
 * through the usual allocating functions: they go to the task's private arena, stay out of the
 * collector's reach while the task runs, are pinned until the result has been delivered on the
 * main thread (the promise settled and its reactions run), and then become ordinary garbage.
 * A task must not read or write main-thread heap values unless the binding pinned them before
 * spawning (and then only read them); it must never mutate them. See docs/abi/threads.md.
 */
#ifndef PERRY_FFI_WORK_H
#define PERRY_FFI_WORK_H

#ifndef PERRY_FFI_H
#error "include perry/ffi.h, not perry/ffi/work.h"
#endif

/* A task body, run once on a worker thread. Its return value resolves the task's promise; to
 * reject instead, call perry_task_reject / perry_task_reject_string before returning (the
 * return value is then ignored). The task owns `ctx` (free it before returning). */
typedef PerryValue (*PerryBlockingFn)(void* ctx);

/* Submits a task; returns its promise (owned by the GC; rooted until settled). Main thread.
 * PERRY_UNDEFINED on failure (INVALID_ARGUMENT for a null fn, SHUT_DOWN while the runtime shuts
 * down, the thread-affinity statuses); `fn` does not run then and `ctx` stays the caller's. */
PERRY_API PerryValue perry_spawn_blocking(PerryBlockingFn fn, void* ctx);

/* The deferred form ("resolve_with"): `work(ctx)` runs on a worker and produces nothing on the
 * heap; then `complete(ctx, status)` runs on the main thread and returns the value that
 * resolves the promise (or throws, which rejects it). `status` is PERRY_OK normally, or
 * SHUT_DOWN when the runtime shuts down before delivery (the return value is ignored then).
 * `complete` is called exactly once and owns `ctx`. Main thread; failures as
 * perry_spawn_blocking (neither function runs). */
typedef void (*PerryWorkFn)(void* ctx);
typedef PerryValue (*PerryCompleteFn)(void* ctx, PerryStatus status);
PERRY_API PerryValue perry_spawn_blocking_deferred(PerryWorkFn work, PerryCompleteFn complete,
                                                   void* ctx);

/* From inside a task (its function on the worker, or the deferred form's work or complete):
 * reject the task's promise with `reason` (built in the task, immediate, or pinned) instead of
 * resolving it with the return value. The last call wins. INVALID_ARGUMENT when the calling
 * thread is not running a task. */
PERRY_API PerryStatus perry_task_reject(PerryValue reason);
/* The same with a new `Error` carrying the UTF-8 message (copied; built at delivery). */
PERRY_API PerryStatus perry_task_reject_string(const char* message, size_t length);

/* True while the calling thread runs a task (a pool thread in its function, or the main thread
 * in a deferred complete). Any thread. */
PERRY_API bool perry_task_is_running(void);

/* The pool's size (threads it may start); 0 before first use after init. Any thread. */
PERRY_API uint32_t perry_work_pool_size(void);
/* Tasks submitted and not yet delivered on the main thread. Any thread. */
PERRY_API uint64_t perry_work_in_flight(void);

#endif /* PERRY_FFI_WORK_H */
