/*
 * perry/run/shims.h: what generated call shims use, and the table they define.
 *
 * `perry::linker::generate_shims` writes a C source with one thunk per manifest function: it
 * takes the call's arguments as PerryValues, converts each as the manifest's type table says,
 * calls the binding's symbol with its exact C prototype and boxes the result. The conversions are
 * the static inline functions below, so a thunk compiles to a few compares around the call and
 * the generated source needs nothing but perry/ffi.h and this header (C99 or C++).
 *
 * A conversion that fails throws a TypeError or RangeError (perry_throw_error) naming the
 * function, the argument (1-based) and the expected type, and returns false; the thunk then
 * returns PERRY_UNDEFINED without calling the binding. The caller reads the pending exception.
 */
#ifndef PERRY_RUN_SHIMS_H
#define PERRY_RUN_SHIMS_H

#include "perry/ffi.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A thunk: `args` holds `count` values (converting a short string to a `string` parameter
 * stores the heap copy back into its slot, so keep `args` where the GC sees it). Returns the
 * boxed result, or PERRY_UNDEFINED with an exception pending. Main thread. */
typedef PerryValue (*PerryShimFn)(PerryValue* args, size_t count);

/* One row of the table: the function's name (its symbol), the number of parameters, the
 * thunk, and a printable signature such as "js_pkg_add(number, number) -> number". */
typedef struct PerryShim {
    const char* name;
    uint32_t arity;
    PerryShimFn call;
    const char* signature;
} PerryShim;

/* The table the generated source defines (sorted by name) and its length. */
extern const PerryShim perry_run_shims[];
extern const size_t perry_run_shim_count;

/* ------------------------------------------------------------ conversion helpers --- */

/* The failure paths are cold and out of line, so a thunk's success path is straight-line code
 * that needs no saved registers (a shim call stays within 2x of a direct call). */
#if defined(__GNUC__)
#define PERRY_SHIM_COLD static __attribute__((cold, noinline, unused))
#define PERRY_SHIM_LIKELY(condition) __builtin_expect(!!(condition), 1)
#else
#define PERRY_SHIM_COLD PERRY_INLINE
#define PERRY_SHIM_LIKELY(condition) (condition)
#endif

/* "a string", "null", "a Buffer", ...: how a received value is named in messages. */
PERRY_INLINE const char* perry_shim_describe(PerryValue value) {
    switch (perry_value_kind(value)) {
    case PERRY_KIND_UNDEFINED:
        return "undefined";
    case PERRY_KIND_NULL:
        return "null";
    case PERRY_KIND_BOOLEAN:
        return "a boolean";
    case PERRY_KIND_NUMBER:
        return "a number";
    case PERRY_KIND_STRING:
        return "a string";
    case PERRY_KIND_BIGINT:
        return "a bigint";
    case PERRY_KIND_ARRAY:
        return "an array";
    case PERRY_KIND_OBJECT:
        return "an object";
    case PERRY_KIND_BUFFER:
        return "a Buffer";
    case PERRY_KIND_FUNCTION:
        return "a function";
    case PERRY_KIND_PROMISE:
        return "a promise";
    case PERRY_KIND_ERROR:
        return "an error";
    default:
        return "an internal object";
    }
}

/* Throws "<function>: argument <n> (<type>) must be <expected>, received <what>". */
PERRY_SHIM_COLD bool perry_shim_reject(PerryErrorType type, const char* code, const char* function,
                                       size_t index, const char* param_type, const char* expected,
                                       const char* received) {
    char message[512];
    snprintf(message, sizeof message, "%s: argument %u (%s) must be %s, received %s", function,
             (unsigned)(index + 1), param_type, expected, received);
    perry_throw_error_cstr(type, message, code);
    return false;
}

PERRY_SHIM_COLD bool perry_shim_type_error(const char* function, size_t index,
                                           const char* param_type, const char* expected,
                                           PerryValue received) {
    return perry_shim_reject(PERRY_ERROR_TYPE_ERROR, "ERR_INVALID_ARG_TYPE", function, index,
                             param_type, expected, perry_shim_describe(received));
}

/* Throws "<function> expects <n> argument(s) (<params>), received <count>". */
PERRY_SHIM_COLD PerryValue perry_shim_arity_error(const char* function, const char* params,
                                                  size_t arity, size_t count) {
    char message[512];
    snprintf(message, sizeof message, "%s expects %u argument%s (%s), received %u", function,
             (unsigned)arity, arity == 1 ? "" : "s", params, (unsigned)count);
    perry_throw_error_cstr(PERRY_ERROR_TYPE_ERROR, message, "ERR_INVALID_ARG_COUNT");
    return PERRY_UNDEFINED;
}

/* number, f64: the number as is. The double test comes first and is one range check: the
 * boxed kinds are the tags 0x7FF9..0x7FFF except 0x7FFB (bit mask 0x7B), and every other bit
 * pattern is a double, as perry_value_is_double says. */
PERRY_INLINE bool perry_shim_number(PerryValue v, const char* fn, size_t i, const char* type,
                                    double* out) {
    const uint64_t slot = (v >> PERRY_TAG_SHIFT) - PERRY_TAG_SHORT_STRING;
    if (PERRY_SHIM_LIKELY(slot > 6 || ((UINT64_C(0x7B) >> slot) & 1) == 0)) {
        memcpy(out, &v, sizeof *out);
        return true;
    }
    if (perry_value_is_int32(v)) {
        *out = (double)perry_value_to_int32(v);
        return true;
    }
    return perry_shim_type_error(fn, i, type, "a number", v);
}

/* i32: ToInt32 (truncate, wrap modulo 2^32; NaN and the infinities give 0). */
PERRY_INLINE bool perry_shim_i32(PerryValue v, const char* fn, size_t i, int32_t* out) {
    double d;
    if (perry_value_is_int32(v)) {
        *out = perry_value_to_int32(v);
        return true;
    }
    if (!perry_shim_number(v, fn, i, "i32", &d)) {
        return false;
    }
    if (!isfinite(d)) {
        *out = 0;
        return true;
    }
    d = fmod(trunc(d), 4294967296.0);
    if (d < 0) {
        d += 4294967296.0;
    }
    *out = (int32_t)(uint32_t)d;
    return true;
}

/* i64: a BigInt in the int64 range, or an integral number below 2^53 in magnitude. */
PERRY_INLINE bool perry_shim_i64(PerryValue v, const char* fn, size_t i, int64_t* out) {
    double d;
    if (perry_value_is_bigint(v)) {
        bool lossless = false;
        if (perry_bigint_to_int64(v, out, &lossless) == PERRY_OK && lossless) {
            return true;
        }
        return perry_shim_reject(PERRY_ERROR_RANGE_ERROR, "ERR_OUT_OF_RANGE", fn, i, "i64",
                                 "a bigint in the int64 range", "a bigint outside it");
    }
    if (!perry_value_is_number(v)) {
        return perry_shim_type_error(fn, i, "i64", "a number or a bigint", v);
    }
    d = perry_value_to_number(v);
    if (d != trunc(d) || fabs(d) >= 9007199254740992.0) {
        return perry_shim_reject(PERRY_ERROR_RANGE_ERROR, "ERR_OUT_OF_RANGE", fn, i, "i64",
                                 "an integer below 2^53 in magnitude", "a number that is not");
    }
    *out = (int64_t)d;
    return true;
}

/* bool: ToBoolean. */
PERRY_INLINE bool perry_shim_bool(PerryValue v) {
    double d;
    int64_t small;
    bool lossless = false;
    switch (perry_value_kind(v)) {
    case PERRY_KIND_UNDEFINED:
    case PERRY_KIND_NULL:
        return false;
    case PERRY_KIND_BOOLEAN:
        return v == PERRY_TRUE;
    case PERRY_KIND_NUMBER:
        d = perry_value_to_number(v);
        return d == d && d != 0;
    case PERRY_KIND_STRING:
        return perry_string_byte_length(v) != 0;
    case PERRY_KIND_BIGINT:
        return !(perry_bigint_to_int64(v, &small, &lossless) == PERRY_OK && lossless && small == 0);
    default:
        return true;
    }
}

/* ptr: a Buffer's first byte; null or undefined give NULL. */
PERRY_INLINE bool perry_shim_ptr(PerryValue v, const char* fn, size_t i, const void** out) {
    if (perry_value_is_nullish(v)) {
        *out = NULL;
        return true;
    }
    if (perry_value_is_buffer(v)) {
        *out = perry_buffer_data(v);
        return true;
    }
    return perry_shim_type_error(fn, i, "ptr", "a Buffer, null or undefined", v);
}

/* buffer: the Buffer's header (the length travels with the bytes). */
PERRY_INLINE bool perry_shim_buffer(PerryValue v, const char* fn, size_t i,
                                    const PerryBufferHeader** out) {
    if (perry_value_is_buffer(v)) {
        *out = (const PerryBufferHeader*)perry_value_to_pointer(v);
        return true;
    }
    return perry_shim_type_error(fn, i, "buffer", "a Buffer", v);
}

/* string: the heap header; a short string is copied to the heap and stored back in `*slot`. */
PERRY_INLINE bool perry_shim_string(PerryValue* slot, const char* fn, size_t i,
                                    const PerryStringHeader** out) {
    if (!perry_value_is_string(*slot)) {
        return perry_shim_type_error(fn, i, "string", "a string", *slot);
    }
    *out = perry_string_header(slot);
    if (*out == NULL) {
        perry_throw_error_cstr(PERRY_ERROR_RANGE_ERROR, perry_status_message(perry_last_status()),
                               perry_status_name(perry_last_status()));
        return false;
    }
    return true;
}

/* json: JSON.stringify of the value as a heap string, stored in `*slot` (the argument itself
 * is no longer needed once its text exists). */
PERRY_INLINE bool perry_shim_json(PerryValue* slot, const char* fn, size_t i,
                                  const PerryStringHeader** out) {
    PerryValue text = PERRY_UNDEFINED;
    PerryStatus status = perry_json_stringify(*slot, PERRY_UNDEFINED, &text);
    if (status == PERRY_STATUS_JSON_CYCLE || status == PERRY_STATUS_JSON_BIGINT) {
        return perry_shim_reject(PERRY_ERROR_TYPE_ERROR, "ERR_INVALID_ARG_TYPE", fn, i, "json",
                                 "a value JSON can hold", perry_json_error_message());
    }
    if (status == PERRY_OK && text == PERRY_UNDEFINED) {
        return perry_shim_type_error(fn, i, "json", "a value JSON can hold", *slot);
    }
    if (status != PERRY_OK) {
        perry_throw_error_cstr(PERRY_ERROR_ERROR, perry_status_message(status),
                               perry_status_name(status));
        return false;
    }
    *slot = text;
    return perry_shim_string(slot, fn, i, out);
}

/* ------------------------------------------------------------------- boxing --- */

PERRY_INLINE PerryValue perry_shim_box_string(const PerryStringHeader* header) {
    return header != NULL ? perry_string_from_header(header) : PERRY_UNDEFINED;
}
PERRY_INLINE PerryValue perry_shim_box_i64_str(int64_t address) {
    return perry_shim_box_string((const PerryStringHeader*)(uintptr_t)address);
}
PERRY_INLINE PerryValue perry_shim_box_buffer(const PerryBufferHeader* header) {
    return header != NULL ? perry_value_from_pointer(PERRY_TAG_OBJECT, header) : PERRY_UNDEFINED;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PERRY_RUN_SHIMS_H */
