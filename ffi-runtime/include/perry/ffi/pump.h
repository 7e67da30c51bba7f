/*
 * perry/ffi/pump.h: the event pump (included by perry/ffi.h).
 *
 * The pump is the main thread's event loop. One turn: apply the settlements other threads
 * queued, deliver finished blocking tasks, run promise reaction jobs until none is left, run
 * every auxiliary pump a binding registered, report unhandled rejections, then release the
 * handle ids dropped during the turn for reuse. The loop stays alive while blocking work is in
 * flight, settlements are queued, or an auxiliary pump says it is active.
 */
#ifndef PERRY_FFI_PUMP_H
#define PERRY_FFI_PUMP_H

#ifndef PERRY_FFI_H
#error "include perry/ffi.h, not perry/ffi/pump.h"
#endif

typedef enum PerryPumpMode {
    /* One turn; waits first when nothing is ready but something is pending. */
    PERRY_PUMP_ONCE = 0,
    /* One turn; never waits. */
    PERRY_PUMP_NOWAIT = 1,
    /* Turns until nothing is pending (no job, no queued settlement, no task in flight, no
     * active auxiliary pump). */
    PERRY_PUMP_UNTIL_IDLE = 2
} PerryPumpMode;

/* Runs the pump. Main thread. INVALID_ARGUMENT for an unknown mode; PENDING_EXCEPTION when a
 * host callback or an auxiliary pump left an exception pending (the run stops after that turn;
 * read it with perry_exception_take). */
PERRY_API PerryStatus perry_pump_run(PerryPumpMode mode);

/* True when something is pending (see PERRY_PUMP_UNTIL_IDLE). Main thread (false and
 * WRONG_THREAD elsewhere). */
PERRY_API bool perry_pump_has_pending(void);

/* Runs turns until `promise` settles; writes its state and result (either may be NULL). Like
 * JavaScript's `await`, it handles the promise: a rejection is never reported as unhandled.
 * Returns PERRY_OK once settled; DEADLOCK when it is pending and nothing pending could settle
 * it; TYPE_MISMATCH for a non-promise; PENDING_EXCEPTION as perry_pump_run. Main thread. */
PERRY_API PerryStatus perry_pump_await(PerryValue promise, PerryPromiseState* out_state,
                                       PerryValue* out_result);

/* Wakes a pump waiting in PERRY_PUMP_ONCE / UNTIL_IDLE / await, e.g. because an auxiliary
 * pump has work. Any thread; never fails (a no-op when the runtime is not running). */
PERRY_API void perry_notify_main_thread(void);

/* An auxiliary pump: `pump(userdata)` runs once per turn on the main thread (it may settle
 * promises, call closures, allocate); `has_active(userdata)` (may be NULL: never active) says
 * whether it still has work that must keep the loop alive. While one is active the pump waits
 * at most 1 ms between turns unless notified. */
typedef void (*PerryAuxPumpFn)(void* userdata);
typedef bool (*PerryAuxActiveFn)(void* userdata);

/* Registers an auxiliary pump under `name` (copied). Registering the same name with the same
 * functions and userdata again is a no-op (safe from every entry point of a binding); the
 * same name with different ones is ALREADY_REGISTERED. Main thread. Registrations end at
 * shutdown. */
PERRY_API PerryStatus perry_pump_register(const char* name, PerryAuxPumpFn pump,
                                          PerryAuxActiveFn has_active, void* userdata);
/* Removes the auxiliary pump `name`; NOT_FOUND if none. Main thread. */
PERRY_API PerryStatus perry_pump_unregister(const char* name);

#endif /* PERRY_FFI_PUMP_H */
