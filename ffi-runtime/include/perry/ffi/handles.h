/*
 * perry/ffi/handles.h: handles, typed ids that stand for native objects in JavaScript. Included
 * by perry/ffi.h; do not include directly.
 *
 * A binding registers a native pointer with a type tag and a destructor and gets an id it can
 * hand to JavaScript as a number. Ids are int64, never 0, below 2^53 (exact in a double), and
 * carry a generation: once a handle is dropped its id never names another object. A slot freed
 * by drop/take is not reused before the event pump's next turn (quarantine), so an id queued in
 * a pending callback stays stale rather than being recycled under it. All functions are
 * thread-safe and may be called from any thread once the runtime is initialised.
 *
 * The type tag is any address unique to the type: C bindings use the address of a static
 * variable (`static const char my_type_tag;` then `&my_type_tag`); perry/ffi.hpp derives it
 * from the C++ type. The registry never looks at the native objects (they are opaque): values
 * a native object holds need a root scanner (see GC).
 */
#ifndef PERRY_FFI_HANDLES_H
#define PERRY_FFI_HANDLES_H

typedef int64_t PerryHandle;
/* A type tag: the address of something unique to the type. NULL is not a valid tag. */
typedef const void* PerryHandleType;
/* Releases a handle's native object; runs once, on the thread that dropped the handle (or that
 * ended the last perry_handle_with on it, or that shut the runtime down). */
typedef void (*PerryHandleDestructor)(void* pointer);
/* The body of perry_handle_with. */
typedef void (*PerryHandleFn)(void* pointer, void* userdata);
/* The body of perry_handle_iterate. */
typedef void (*PerryHandleIterFn)(PerryHandle id, void* pointer, void* userdata);

#define PERRY_HANDLE_INVALID INT64_C(0)

/* Registers `pointer` (not NULL) under `type` (not NULL); `destructor` may be NULL. Returns the
 * new id, or PERRY_HANDLE_INVALID on failure: INVALID_ARGUMENT, NOT_INITIALIZED, TOO_LARGE
 * (the registry is full: 16M live handles), OUT_OF_MEMORY. The registry owns the pointer until
 * drop/take. Any thread. */
PERRY_API PerryHandle perry_handle_register(void* pointer, PerryHandleType type,
                                            PerryHandleDestructor destructor);
/* The pointer of a live handle of this type; NULL with STALE_HANDLE (no such live id),
 * WRONG_HANDLE_TYPE or INVALID_ARGUMENT as last status. The pointer is not protected against a
 * concurrent drop on another thread: use perry_handle_with for that. Any thread; lock-free. */
PERRY_API void* perry_handle_get(PerryHandle id, PerryHandleType type);
/* Runs `fn(pointer, userdata)` while holding the handle alive: a drop on any thread during the
 * call marks the handle dead at once (get/exists fail from then on) but its destructor runs only
 * after `fn` returns, on the thread that ran `fn`. `fn` may itself drop or take the handle.
 * Returns PERRY_OK after running fn, or STALE_HANDLE / WRONG_HANDLE_TYPE / INVALID_ARGUMENT
 * without running it. Any thread. */
PERRY_API PerryStatus perry_handle_with(PerryHandle id, PerryHandleType type, PerryHandleFn fn,
                                        void* userdata);
/* Unregisters the handle and returns its pointer WITHOUT running the destructor: the caller now
 * owns the object. If another thread is inside perry_handle_with on it, waits until that call
 * returns. NULL with STALE_HANDLE / WRONG_HANDLE_TYPE / INVALID_ARGUMENT. Any thread. */
PERRY_API void* perry_handle_take(PerryHandle id, PerryHandleType type);
/* Unregisters the handle and runs its destructor (now, or when a concurrent
 * perry_handle_with ends). `type` NULL drops a handle of any type. PERRY_OK, STALE_HANDLE,
 * WRONG_HANDLE_TYPE. Any thread. */
PERRY_API PerryStatus perry_handle_drop(PerryHandle id, PerryHandleType type);
/* True when `id` names a live handle of `type` (NULL: of any type). Never records a status.
 * Any thread. */
PERRY_API bool perry_handle_exists(PerryHandle id, PerryHandleType type);
/* Calls `fn(id, pointer, userdata)` for every handle of `type` live when the call starts, in
 * registration-slot order, each while held alive as by perry_handle_with (handles dropped
 * meanwhile are skipped). Takes no lock while `fn` runs, so `fn` may register, drop or look up
 * handles, and it may be called from inside a GC root scanner (the registry never calls into the
 * GC). PERRY_OK, INVALID_ARGUMENT, OUT_OF_MEMORY. Any thread. */
PERRY_API PerryStatus perry_handle_iterate(PerryHandleType type, PerryHandleIterFn fn,
                                           void* userdata);
/* Number of live handles of `type` (NULL: all types). Any thread (a snapshot). */
PERRY_API size_t perry_handle_count(PerryHandleType type);

#endif /* PERRY_FFI_HANDLES_H */
