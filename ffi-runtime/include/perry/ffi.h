/*
 * perry/ffi.h: the stable C ABI of the Perry runtime (perry-ffi).
 *
 * A native binding is a set of `extern "C"` functions that a Perry program calls directly. This
 * header is everything a binding may use; anything not declared here is off-contract and may
 * change between releases. It compiles as C99 and as C++.
 *
 * Order of this file (and of docs/abi/): version, status codes, values, runtime and GC, then one
 * section per surface in its own header under perry/ffi/ (strings, Buffer, BigInt, arrays and
 * objects, handles, errors, JSON, closures, promises, blocking work, event pump).
 *
 * Return conventions, one rule per return type:
 *   - `PerryStatus`: PERRY_OK on success; out-parameters are written only on success.
 *   - a pointer: NULL on failure.
 *   - a `PerryValue` that allocates: PERRY_UNDEFINED on failure.
 *   - a `PerryValue` read (get, lookup): PERRY_UNDEFINED when absent, like JavaScript.
 *   - `bool`: false on failure or when the answer is no.
 * Every failing call also records its status in a thread-local slot read by perry_last_status().
 * Nothing recoverable ever aborts (the checked build's thread-affinity check is the exception,
 * and only when PERRY_CHECKED is on).
 *
 * Threads: the heap belongs to the thread that called perry_runtime_init() (the main thread).
 * Functions say "any thread" where that holds; the others return PERRY_ERR_WRONG_THREAD (or the
 * failure sentinel) when called elsewhere.
 */
#ifndef PERRY_FFI_H
#define PERRY_FFI_H

/* Only freestanding C headers: the header is used for targets whose C library is not on the
 * machine that compiles against it (the copies and lengths the inline helpers need are below). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(PERRY_FFI_SHARED)
#define PERRY_API __declspec(dllimport)
#elif defined(__GNUC__)
#define PERRY_API __attribute__((visibility("default")))
#else
#define PERRY_API
#endif

#define PERRY_INLINE static inline

/* Internal to this header: a byte copy (the compiler's builtin, so no <string.h>) and the length
 * of a NUL-terminated string, 0 for NULL. */
#if defined(__GNUC__) || defined(__clang__)
#define PERRY__COPY_BYTES(dst, src, n) __builtin_memcpy((dst), (src), (n))
#else
#include <string.h>
#define PERRY__COPY_BYTES(dst, src, n) memcpy((dst), (src), (n))
#endif
#define PERRY__CSTR_LENGTH(text) ((text) != NULL ? perry__cstr_length(text) : 0)
PERRY_INLINE size_t perry__cstr_length(const char* text) {
    size_t length = 0;
    while (text[length] != '\0') {
        ++length;
    }
    return length;
}

/* ===================================================================== version ======== */

/* The one place the version lives; CMake reads it from these three lines. */
#define PERRY_FFI_VERSION_MAJOR 0
#define PERRY_FFI_VERSION_MINOR 5
#define PERRY_FFI_VERSION_PATCH 0

#define PERRY_FFI_VERSION_ENCODE(major, minor, patch) (((major) << 16) | ((minor) << 8) | (patch))
#define PERRY_FFI_VERSION                                                                          \
    PERRY_FFI_VERSION_ENCODE(PERRY_FFI_VERSION_MAJOR, PERRY_FFI_VERSION_MINOR,                     \
                             PERRY_FFI_VERSION_PATCH)

/* The version of the runtime actually linked, encoded as PERRY_FFI_VERSION. Any thread. */
PERRY_API uint32_t perry_ffi_version(void);
/* The same as "MAJOR.MINOR.PATCH"; a static string. Any thread. */
PERRY_API const char* perry_ffi_version_string(void);

/* ===================================================================== status codes === */

/* X(NAME, value, message). Adding a status is one line here; names and messages follow. */
#define PERRY_STATUS_MAP(X)                                                                        \
    X(OK, 0, "success")                                                                            \
    X(INVALID_ARGUMENT, 1, "an argument is null, out of range or of the wrong kind")               \
    X(INVALID_UTF8, 2, "the bytes are not valid UTF-8")                                            \
    X(TOO_LARGE, 3, "a length or count exceeds the runtime's limit of 4 GiB - 1")                  \
    X(TYPE_MISMATCH, 4, "the value is not of the kind the function expects")                       \
    X(OUT_OF_MEMORY, 5, "the allocation failed")                                                   \
    X(NOT_FOUND, 6, "no such key, field or entry")                                                 \
    X(STALE_HANDLE, 7, "the handle id does not name a live handle (dropped or never issued)")      \
    X(WRONG_HANDLE_TYPE, 8, "the handle exists but was registered with another type tag")          \
    X(BUFFER_TOO_SMALL, 9, "the output buffer is too small; the required size was stored")         \
    X(INVALID_SYNTAX, 10, "the text is not valid syntax for the requested conversion")             \
    X(JSON_CYCLE, 11, "JSON.stringify met a cyclic structure")                                     \
    X(JSON_BIGINT, 12, "JSON.stringify met a BigInt, which JSON cannot represent")                 \
    X(PENDING_EXCEPTION, 13, "a JavaScript exception is pending")                                  \
    X(WRONG_THREAD, 14, "this function may only be called on the runtime's main thread")           \
    X(NOT_INITIALIZED, 15, "the runtime is not initialised (call perry_runtime_init first)")       \
    X(ALREADY_INITIALIZED, 16, "the runtime is already initialised")                               \
    X(SHUT_DOWN, 17, "the runtime has been shut down")                                             \
    X(ALREADY_SETTLED, 18, "the promise was already resolved or rejected")                         \
    X(ALREADY_REGISTERED, 19, "a different entry is already registered under this name")           \
    X(NOT_CALLABLE, 20, "the value is not a function")                                             \
    X(INTERNAL, 21, "internal runtime error (please report it)")                                   \
    X(DEADLOCK, 22, "the awaited promise is pending and nothing pending can settle it")

typedef enum PerryStatus {
#define PERRY_STATUS_ENUM_(name, value, message) PERRY_STATUS_##name = value,
    PERRY_STATUS_MAP(PERRY_STATUS_ENUM_)
#undef PERRY_STATUS_ENUM_
        PERRY_STATUS_COUNT_
} PerryStatus;

/* Short names for the common case. */
#define PERRY_OK PERRY_STATUS_OK

/* "PERRY_STATUS_INVALID_UTF8" for PERRY_STATUS_INVALID_UTF8; "PERRY_STATUS_UNKNOWN" for a value
 * outside the table. A static string. Any thread. */
PERRY_API const char* perry_status_name(PerryStatus status);
/* The message of the table above; a static string. Any thread. */
PERRY_API const char* perry_status_message(PerryStatus status);
/* The status of the last failing call on this thread (PERRY_OK if none failed since the last
 * perry_clear_last_status()). Any thread. */
PERRY_API PerryStatus perry_last_status(void);
PERRY_API void perry_clear_last_status(void);

/* ===================================================================== values ========= */

/*
 * A PerryValue is a 64-bit NaN-boxed JavaScript value. Where a manifest says `jsvalue` or `f64`,
 * the value travels as a `double` with the same bits (perry_value_to_abi / perry_value_from_abi).
 *
 *   bits 63..48   meaning                       bits 47..0
 *   0x7FFC        undefined/null/false/true     1, 2, 3, 4
 *   0x7FFD        heap object (array, object,   pointer to the object
 *                 Buffer, function, promise,
 *                 error)
 *   0x7FFE        int32                         the 32-bit two's complement value in bits 31..0
 *   0x7FFF        heap string                   pointer to its PerryStringHeader
 *   0x7FF9        short string (0..5 bytes)     length in bits 47..40, byte i in bits 8i+7..8i
 *   0x7FFA        BigInt                        pointer to the BigInt
 *   anything else a double (NaN is always stored as PERRY_NAN_BITS)
 *
 * Always read values through these accessors: a binding never needs to mask bits by hand.
 */
typedef uint64_t PerryValue;

#define PERRY_TAG_SHIFT 48
#define PERRY_TAG_MASK UINT64_C(0xFFFF000000000000)
#define PERRY_PAYLOAD_MASK UINT64_C(0x0000FFFFFFFFFFFF)

#define PERRY_TAG_SHORT_STRING UINT64_C(0x7FF9)
#define PERRY_TAG_BIGINT UINT64_C(0x7FFA)
#define PERRY_TAG_SPECIAL UINT64_C(0x7FFC)
#define PERRY_TAG_OBJECT UINT64_C(0x7FFD)
#define PERRY_TAG_INT32 UINT64_C(0x7FFE)
#define PERRY_TAG_STRING UINT64_C(0x7FFF)

#define PERRY_UNDEFINED UINT64_C(0x7FFC000000000001)
#define PERRY_NULL UINT64_C(0x7FFC000000000002)
#define PERRY_FALSE UINT64_C(0x7FFC000000000003)
#define PERRY_TRUE UINT64_C(0x7FFC000000000004)
#define PERRY_NAN_BITS UINT64_C(0x7FF8000000000000)

#define PERRY_SHORT_STRING_MAX 5
#define PERRY_SHORT_STRING_LEN_SHIFT 40

/* The kinds of value; perry_value_kind() tells them apart. */
typedef enum PerryKind {
    PERRY_KIND_UNDEFINED = 0,
    PERRY_KIND_NULL = 1,
    PERRY_KIND_BOOLEAN = 2,
    PERRY_KIND_NUMBER = 3, /* int32 or double */
    PERRY_KIND_STRING = 4, /* heap or short */
    PERRY_KIND_BIGINT = 5,
    PERRY_KIND_ARRAY = 6,
    PERRY_KIND_OBJECT = 7,
    PERRY_KIND_BUFFER = 8,
    PERRY_KIND_FUNCTION = 9,
    PERRY_KIND_PROMISE = 10,
    PERRY_KIND_ERROR = 11,
    PERRY_KIND_INTERNAL = 12 /* runtime-internal object (an object shape, a task record) */
} PerryKind;

PERRY_INLINE uint64_t perry_value_tag(PerryValue v) {
    return v >> PERRY_TAG_SHIFT;
}

/* The value's bits as the `double` a `jsvalue`/`f64` parameter or return carries, and back. */
PERRY_INLINE double perry_value_to_abi(PerryValue v) {
    double d;
    PERRY__COPY_BYTES(&d, &v, sizeof d);
    return d;
}
PERRY_INLINE PerryValue perry_value_from_abi(double d) {
    PerryValue v;
    PERRY__COPY_BYTES(&v, &d, sizeof v);
    return v;
}

PERRY_INLINE bool perry_value_is_undefined(PerryValue v) {
    return v == PERRY_UNDEFINED;
}
PERRY_INLINE bool perry_value_is_null(PerryValue v) {
    return v == PERRY_NULL;
}
PERRY_INLINE bool perry_value_is_nullish(PerryValue v) {
    return v == PERRY_UNDEFINED || v == PERRY_NULL;
}
PERRY_INLINE bool perry_value_is_bool(PerryValue v) {
    return v == PERRY_TRUE || v == PERRY_FALSE;
}
PERRY_INLINE bool perry_value_is_int32(PerryValue v) {
    return perry_value_tag(v) == PERRY_TAG_INT32;
}
/* True for a value stored as a double (not for an int32: see perry_value_is_number). */
PERRY_INLINE bool perry_value_is_double(PerryValue v) {
    uint64_t tag = perry_value_tag(v);
    return tag != PERRY_TAG_SHORT_STRING && tag != PERRY_TAG_BIGINT &&
           (tag < PERRY_TAG_SPECIAL || tag > PERRY_TAG_STRING);
}
PERRY_INLINE bool perry_value_is_number(PerryValue v) {
    return perry_value_is_int32(v) || perry_value_is_double(v);
}
PERRY_INLINE bool perry_value_is_heap_string(PerryValue v) {
    return perry_value_tag(v) == PERRY_TAG_STRING;
}
PERRY_INLINE bool perry_value_is_short_string(PerryValue v) {
    return perry_value_tag(v) == PERRY_TAG_SHORT_STRING;
}
/* True for heap and short strings alike. */
PERRY_INLINE bool perry_value_is_string(PerryValue v) {
    return perry_value_is_heap_string(v) || perry_value_is_short_string(v);
}
PERRY_INLINE bool perry_value_is_bigint(PerryValue v) {
    return perry_value_tag(v) == PERRY_TAG_BIGINT;
}
/* True for every value whose payload is a pointer to a heap object (0x7FFD): arrays, objects,
 * Buffers, functions, promises, errors. perry_value_kind() says which. */
PERRY_INLINE bool perry_value_is_object(PerryValue v) {
    return perry_value_tag(v) == PERRY_TAG_OBJECT;
}

/* Constructors of the immediate kinds. They never allocate and never fail. */
PERRY_INLINE PerryValue perry_value_undefined(void) {
    return PERRY_UNDEFINED;
}
PERRY_INLINE PerryValue perry_value_null(void) {
    return PERRY_NULL;
}
PERRY_INLINE PerryValue perry_value_from_bool(bool b) {
    return b ? PERRY_TRUE : PERRY_FALSE;
}
PERRY_INLINE PerryValue perry_value_from_int32(int32_t i) {
    return (PERRY_TAG_INT32 << PERRY_TAG_SHIFT) | (uint64_t)(uint32_t)i;
}
/* Any double; every NaN becomes PERRY_NAN_BITS so that no double can pose as a tagged value. */
PERRY_INLINE PerryValue perry_value_from_number(double d) {
    PerryValue v;
    if (d != d) {
        return PERRY_NAN_BITS;
    }
    PERRY__COPY_BYTES(&v, &d, sizeof v);
    return v;
}

/* Readers of the immediate kinds. A reader given another kind returns the fallback the comment
 * names; use the predicates above to tell. */
PERRY_INLINE bool perry_value_to_bool(PerryValue v) {
    return v == PERRY_TRUE;
} /* not truthiness */
PERRY_INLINE int32_t perry_value_to_int32(PerryValue v) { /* 0 if not int32 */
    return perry_value_is_int32(v) ? (int32_t)(uint32_t)(v & UINT64_C(0xFFFFFFFF)) : 0;
}
/* The numeric value of an int32 or a double; NaN for every other kind. */
PERRY_INLINE double perry_value_to_number(PerryValue v) {
    double d;
    if (perry_value_is_int32(v)) {
        return (double)perry_value_to_int32(v);
    }
    if (!perry_value_is_double(v)) {
        v = PERRY_NAN_BITS;
    }
    PERRY__COPY_BYTES(&d, &v, sizeof d);
    return d;
}

/* The heap pointer of a string, BigInt or object value (the PerryStringHeader, the BigInt, the
 * array's PerryArrayHeader, ...); NULL for immediates and short strings. */
PERRY_INLINE void* perry_value_to_pointer(PerryValue v) {
    uint64_t tag = perry_value_tag(v);
    if (tag == PERRY_TAG_OBJECT || tag == PERRY_TAG_STRING || tag == PERRY_TAG_BIGINT) {
        return (void*)(uintptr_t)(v & PERRY_PAYLOAD_MASK);
    }
    return NULL;
}
/* Boxes a heap pointer with a tag (PERRY_TAG_OBJECT, PERRY_TAG_STRING or PERRY_TAG_BIGINT). The
 * pointer must come from this runtime; prefer the typed constructors of each surface. */
PERRY_INLINE PerryValue perry_value_from_pointer(uint64_t tag, const void* pointer) {
    return (tag << PERRY_TAG_SHIFT) | ((uint64_t)(uintptr_t)pointer & PERRY_PAYLOAD_MASK);
}

/* The kind of any value. For heap objects it reads the object's header, so the pointer must be
 * one this runtime allocated. Any thread, but see the threading rules of each surface. */
PERRY_API PerryKind perry_value_kind(PerryValue v);
/* "undefined", "object", "boolean", "number", "string", "bigint" or "function": JavaScript's
 * typeof (null and arrays give "object"). A static string. */
PERRY_API const char* perry_value_typeof(PerryValue v);
/* JavaScript's `Object.is` for immediates and heap identity; strings compare by content. */
PERRY_API bool perry_value_same(PerryValue a, PerryValue b);

/* ===================================================================== runtime ======== */

/* Options of perry_runtime_init. Zero every field you do not set (or pass NULL for defaults);
 * `struct_size` lets later versions add fields without breaking older callers. */
typedef struct PerryRuntimeOptions {
    uint32_t struct_size;    /* sizeof(PerryRuntimeOptions) */
    uint32_t worker_threads; /* blocking pool size; 0 = number of cores */
    uint64_t gc_threshold;   /* bytes allocated between collections; 0 = default (8 MiB) */
    uint32_t flags;          /* PERRY_RUNTIME_* flags */
    uint32_t reserved;       /* zero */
} PerryRuntimeOptions;

/* Collect on every allocation, as PERRY_GC_STRESS=1 in the environment does. */
#define PERRY_RUNTIME_GC_STRESS UINT32_C(1)
/* Leave glibc's malloc settings alone. By default the runtime, being the program's runtime, keeps
 * freed memory up to 64 MiB and serves blocks below 32 MiB from malloc's arena (mallopt), which
 * halves the cost of large short-lived strings; a host that embeds the runtime in a program with
 * its own malloc policy sets this flag. */
#define PERRY_RUNTIME_KEEP_MALLOC_SETTINGS UINT32_C(2)

/* Initialises the runtime; the calling thread becomes its main thread. PERRY_GC_STRESS=1 in the
 * environment turns on stress mode whatever the flags say. Returns ALREADY_INITIALIZED when
 * called twice without a shutdown in between; INTERNAL when the platform cannot tell where the
 * calling thread's stack ends (docs/abi/platforms.md), which the collector must scan. */
PERRY_API PerryStatus perry_runtime_init(const PerryRuntimeOptions* options);
/* Runs pending work to completion, frees every object and handle, stops the pool. Main thread.
 * After it, perry_runtime_init may be called again. */
PERRY_API PerryStatus perry_runtime_shutdown(void);
/* True between perry_runtime_init and perry_runtime_shutdown. Any thread. */
PERRY_API bool perry_runtime_is_initialized(void);
/* True on the runtime's main thread. Any thread. */
PERRY_API bool perry_is_main_thread(void);

/* ===================================================================== GC ============= */

/*
 * Non-moving mark-sweep: an object never moves, so a raw pointer into it stays valid while the
 * object is reachable. Roots: a conservative scan of the main thread's stack and registers,
 * pinned values, registered root scanners, and the runtime's own pending work (promises, queued
 * jobs, values of blocking tasks not yet delivered).
 *
 * Values kept only in native memory the GC cannot see (a std::vector, a struct behind a handle)
 * must be reachable through a root scanner or pinned, or they will be collected.
 */

typedef struct PerryGcMarker PerryGcMarker; /* opaque; valid only during a scan callback */

/* A root scanner marks every value its binding keeps out of the GC's sight. It runs on the main
 * thread during a collection and must not allocate or call other runtime functions besides the
 * perry_gc_mark_* pair. */
typedef void (*PerryRootScanFn)(PerryGcMarker* marker, void* userdata);

/* Marks a value (immediates are ignored). */
PERRY_API void perry_gc_mark_value(PerryGcMarker* marker, PerryValue value);
/* Marks the heap object a raw pointer points into (a PerryStringHeader*, an array header, a
 * closure pointer kept as an int64). Pointers that are not into the heap are ignored. */
PERRY_API void perry_gc_mark_pointer(PerryGcMarker* marker, const void* pointer);

/* Registers a root scanner under a name (copied). Registering the same name with the same
 * function and userdata again is a no-op that returns the same id (so it is safe from a
 * binding's every entry point); the same name with another function or userdata is
 * ALREADY_REGISTERED. `out_id` may be NULL. Main thread. */
PERRY_API PerryStatus perry_gc_register_root_scanner(const char* name, PerryRootScanFn scan,
                                                     void* userdata, uint64_t* out_id);
/* Removes a scanner by the id registration returned. NOT_FOUND if there is none. Main thread. */
PERRY_API PerryStatus perry_gc_unregister_root_scanner(uint64_t id);

/* Pinned values are roots until unpinned; pins nest (pin twice, unpin twice). Immediates are
 * accepted and ignored. Main thread. */
PERRY_API PerryStatus perry_gc_pin(PerryValue value);
PERRY_API PerryStatus perry_gc_unpin(PerryValue value);

/* Collects now. Main thread. */
PERRY_API PerryStatus perry_gc_collect(void);

typedef struct PerryGcStats {
    uint64_t live_objects;      /* objects alive after the last collection plus those since */
    uint64_t live_bytes;        /* their payload bytes */
    uint64_t collections;       /* collections since perry_runtime_init */
    uint64_t allocated_objects; /* objects allocated since perry_runtime_init */
    uint64_t freed_objects;     /* objects freed by collections since perry_runtime_init */
    uint64_t last_pause_ns;     /* duration of the last collection */
} PerryGcStats;

/* Fills `out`. Any thread (the numbers are a snapshot). */
PERRY_API PerryStatus perry_gc_stats(PerryGcStats* out);
/* True when stress mode (a collection on every allocation) is on. Any thread. */
PERRY_API bool perry_gc_stress_enabled(void);

/* ===================================================================== surfaces ======= */

/* Each surface in its own header, in the order of docs/abi/. */
#include "perry/ffi/bigint.h"
#include "perry/ffi/buffer.h"
#include "perry/ffi/closures.h"
#include "perry/ffi/collections.h"
#include "perry/ffi/errors.h"
#include "perry/ffi/handles.h"
#include "perry/ffi/json.h"
#include "perry/ffi/promises.h"
#include "perry/ffi/pump.h"
#include "perry/ffi/strings.h"
#include "perry/ffi/work.h"

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PERRY_FFI_H */
