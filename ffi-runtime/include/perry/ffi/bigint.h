/*
 * perry/ffi/bigint.h: BigInt, a section of perry/ffi.h (include that header, not this one).
 *
 * BigInts have JavaScript semantics: arbitrary precision, one canonical zero (there is no
 * negative zero). The value is tagged 0x7FFA with a pointer to an immutable heap object whose
 * layout is private; the ABI moves magnitudes as 64-bit limbs, least significant first, with
 * a separate sign. See docs/abi/bigint.md.
 *
 * Threads: the functions that allocate run on the main thread, or inside a blocking-pool task
 * (whose values stay pinned until its result is delivered); elsewhere they fail WRONG_THREAD. The
 * readers only read an immutable object and may run on any thread while the value is kept alive
 * (pinned, or held by a task whose result is not yet delivered).
 */
#ifndef PERRY_FFI_BIGINT_H
#define PERRY_FFI_BIGINT_H

#ifndef PERRY_FFI_H
#error "include perry/ffi.h, not perry/ffi/bigint.h"
#endif

/* The most limbs one BigInt may hold (2^30 bits, V8's own limit). Larger results: TOO_LARGE. */
#define PERRY_BIGINT_MAX_LIMBS (UINT32_C(1) << 24)

/* A new BigInt of an integer. Allocating thread (above). The caller owns nothing (the GC does);
 * PERRY_UNDEFINED on failure (OUT_OF_MEMORY, WRONG_THREAD). */
PERRY_API PerryValue perry_bigint_from_int64(int64_t value);
PERRY_API PerryValue perry_bigint_from_uint64(uint64_t value);

/* A new BigInt of a sign and a magnitude of `count` 64-bit limbs, least significant first.
 * High zero limbs are ignored; a zero magnitude gives 0n whatever `negative` says. `limbs` may
 * be NULL only when `count` is 0. PERRY_UNDEFINED on failure (INVALID_ARGUMENT,
 * TOO_LARGE above PERRY_BIGINT_MAX_LIMBS significant limbs, OUT_OF_MEMORY, WRONG_THREAD).
 * Allocating thread. */
PERRY_API PerryValue perry_bigint_from_limbs(bool negative, const uint64_t* limbs, size_t count);

/* Parses text exactly as JavaScript's `BigInt(string)` does: surrounding JS white space and
 * line terminators are trimmed; empty or all-space text is 0n; decimal digits with an optional
 * `+`/`-`; `0x`/`0o`/`0b` (either case) with no sign; no separators, `n` suffix, point or
 * exponent. `text` is UTF-8 of `length` bytes and may be NULL when `length` is 0. Writes the new
 * value to `*out` on success. Allocating thread (above). Failure: INVALID_SYNTAX (text BigInt()
 * rejects), INVALID_ARGUMENT (NULL text with a length, NULL out), TOO_LARGE (length > UINT32_MAX or
 * a result above PERRY_BIGINT_MAX_LIMBS), OUT_OF_MEMORY, WRONG_THREAD. */
PERRY_API PerryStatus perry_bigint_from_string(const char* text, size_t length, PerryValue* out);

/* NUL-terminated convenience. */
PERRY_INLINE PerryStatus perry_bigint_from_cstring(const char* text, PerryValue* out) {
    return perry_bigint_from_string(text, PERRY__CSTR_LENGTH(text), out);
}

/* Reads a BigInt's sign and magnitude into `limbs[0..capacity)`, least significant first, and
 * stores the number of significant limbs in `*out_count` (0 for 0n). When `capacity` is too
 * small it stores the needed count, writes nothing else and returns BUFFER_TOO_SMALL (call with
 * capacity 0 and limbs NULL to ask for the size). `out_negative` may be NULL. Any thread (see
 * above). Failure: TYPE_MISMATCH (not a BigInt), INVALID_ARGUMENT (NULL out_count, NULL limbs
 * with a capacity), BUFFER_TOO_SMALL. */
PERRY_API PerryStatus perry_bigint_to_limbs(PerryValue value, bool* out_negative, uint64_t* limbs,
                                            size_t capacity, size_t* out_count);

/* BigInt.asIntN(64, value) into `*out`; `*out_lossless` (may be NULL) tells whether that equals
 * the value, i.e. whether it lies in [-2^63, 2^63). Any thread. Failure: TYPE_MISMATCH,
 * INVALID_ARGUMENT (NULL out). */
PERRY_API PerryStatus perry_bigint_to_int64(PerryValue value, int64_t* out, bool* out_lossless);
/* BigInt.asUintN(64, value) into `*out`; lossless when the value lies in [0, 2^64). */
PERRY_API PerryStatus perry_bigint_to_uint64(PerryValue value, uint64_t* out, bool* out_lossless);

/* The text JavaScript's `value.toString(radix)` gives (radix 2..36, lowercase digits, a leading
 * `-` when negative), written to `buffer` without a terminator; `*out_length` gets its length.
 * When `capacity` is too small it stores the needed length and returns BUFFER_TOO_SMALL
 * (capacity 0 with a NULL buffer asks for the size). Any thread. Failure: TYPE_MISMATCH,
 * INVALID_ARGUMENT (radix out of range, NULL out_length, NULL buffer with a capacity),
 * BUFFER_TOO_SMALL, OUT_OF_MEMORY. */
PERRY_API PerryStatus perry_bigint_to_string(PerryValue value, uint32_t radix, char* buffer,
                                             size_t capacity, size_t* out_length);

/* Compares two BigInts by value: -1, 0 or 1 in `*out_order`. Any thread. Failure: TYPE_MISMATCH
 * when either is not a BigInt, INVALID_ARGUMENT (NULL out_order). */
PERRY_API PerryStatus perry_bigint_compare(PerryValue a, PerryValue b, int* out_order);

#endif /* PERRY_FFI_BIGINT_H */
