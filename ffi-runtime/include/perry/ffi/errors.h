/*
 * perry/ffi/errors.h: Error values and exceptions. Included by perry/ffi.h; do not include
 * directly.
 *
 * An error value is a heap object (tag 0x7FFD, kind PERRY_KIND_ERROR) with a name ("Error",
 * "TypeError", "RangeError"), a message and an optional code (Node's `err.code`), usable as any
 * other value. Throwing sets the main thread's pending exception: a binding function throws and
 * then returns (any return value; PERRY_UNDEFINED by convention), and the host (the compiled
 * program, a test, the pump) reads and clears it after the call.
 */
#ifndef PERRY_FFI_ERRORS_H
#define PERRY_FFI_ERRORS_H

typedef enum PerryErrorType {
    PERRY_ERROR_ERROR = 0,       /* Error */
    PERRY_ERROR_TYPE_ERROR = 1,  /* TypeError */
    PERRY_ERROR_RANGE_ERROR = 2, /* RangeError */
    PERRY_ERROR_SYNTAX_ERROR = 3 /* SyntaxError (JSON.parse) */
} PerryErrorType;

/* A new error value. `message` is `message_length` bytes of UTF-8 (invalid sequences are
 * replaced by U+FFFD: an error must never fail to be made for its message); `code` may be NULL
 * (no code). Owned by the GC. PERRY_UNDEFINED on failure: INVALID_ARGUMENT (unknown type, NULL
 * message with a nonzero length), TOO_LARGE, OUT_OF_MEMORY, NOT_INITIALIZED, WRONG_THREAD
 * (main thread or a blocking task's worker). */
PERRY_API PerryValue perry_error_new(PerryErrorType type, const char* message,
                                     size_t message_length, const char* code, size_t code_length);
/* NUL-terminated convenience; `code` may be NULL. */
PERRY_INLINE PerryValue perry_error_new_cstr(PerryErrorType type, const char* message,
                                             const char* code) {
    return perry_error_new(type, message, PERRY__CSTR_LENGTH(message), code,
                           PERRY__CSTR_LENGTH(code));
}
/* True for an error value. */
PERRY_API bool perry_value_is_error(PerryValue value);
/* The error's type; PERRY_ERROR_ERROR (and TYPE_MISMATCH) for a non-error. */
PERRY_API PerryErrorType perry_error_type(PerryValue error);
/* The name ("TypeError"), message and code as string values (code: PERRY_UNDEFINED when the
 * error has none); PERRY_UNDEFINED and TYPE_MISMATCH for a non-error. They live as long as the
 * error. Any thread that may read the value. */
PERRY_API PerryValue perry_error_name(PerryValue error);
PERRY_API PerryValue perry_error_message(PerryValue error);
PERRY_API PerryValue perry_error_code(PerryValue error);

/* Makes `exception` (any value; usually an error value) the pending exception. If one is already
 * pending it is kept and PENDING_EXCEPTION is returned (the first exception wins, as a JS throw
 * unwinds at once). The pending exception is a GC root until taken. PERRY_OK,
 * PENDING_EXCEPTION, NOT_INITIALIZED, WRONG_THREAD. Main thread. */
PERRY_API PerryStatus perry_throw(PerryValue exception);
/* perry_error_new + perry_throw. If making the error fails (out of memory) the pending exception
 * is still set, to a fallback: the message as a string value if that can be made,
 * else undefined. Returns as perry_throw. Main thread. */
PERRY_API PerryStatus perry_throw_error(PerryErrorType type, const char* message,
                                        size_t message_length, const char* code,
                                        size_t code_length);
PERRY_INLINE PerryStatus perry_throw_error_cstr(PerryErrorType type, const char* message,
                                                const char* code) {
    return perry_throw_error(type, message, PERRY__CSTR_LENGTH(message), code,
                             PERRY__CSTR_LENGTH(code));
}
/* True when an exception is pending. Main thread (false elsewhere). */
PERRY_API bool perry_exception_pending(void);
/* The pending exception without clearing it; PERRY_UNDEFINED when none. Main thread. */
PERRY_API PerryValue perry_exception_peek(void);
/* Returns the pending exception and clears it (it is no longer rooted: keep it on the stack or
 * pin it); PERRY_UNDEFINED when none. Main thread. */
PERRY_API PerryValue perry_exception_take(void);
/* Clears the pending exception, if any. Main thread. */
PERRY_API void perry_exception_clear(void);

#endif /* PERRY_FFI_ERRORS_H */
