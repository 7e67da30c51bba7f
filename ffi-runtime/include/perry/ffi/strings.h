/*
 * perry/ffi/strings.h: JavaScript strings. Included by perry/ffi.h; do not include directly.
 *
 * A string value is either a heap string (tag 0x7FFF, pointer to a PerryStringHeader followed by
 * the bytes) or a short string (tag 0x7FF9: 0..5 UTF-8 bytes stored in the value itself). Every
 * function here accepts both kinds. Creating a string of at most PERRY_SHORT_STRING_MAX valid
 * UTF-8 bytes gives a short string (no allocation).
 *
 * The bytes are UTF-8, except for binary strings (PERRY_STRING_FLAG_BINARY), which hold any
 * bytes, and strings that are not well-formed UTF-16 (PERRY_STRING_FLAG_LONE_SURROGATES), which
 * hold WTF-8: UTF-8 plus each lone surrogate in its 3-byte form (ED A0..BF xx). Heap strings are
 * followed by a NUL byte that is not counted in byte_len, so their bytes can be passed to C
 * functions expecting a NUL-terminated string (if they contain no NUL).
 */
#ifndef PERRY_FFI_STRINGS_H
#define PERRY_FFI_STRINGS_H

/* The header of a heap string; the bytes follow it. Layout pinned by the ABI test. */
typedef struct PerryStringHeader {
    uint32_t utf16_len; /* length in UTF-16 code units (JavaScript's .length); binary: byte_len */
    uint32_t byte_len;  /* number of bytes that follow the header (not counting the NUL) */
    uint32_t capacity;  /* bytes allocated after the header, not counting the NUL */
    uint32_t refcount;  /* reserved for compiled code; the runtime writes 0 and never reads it */
    uint32_t flags;     /* PERRY_STRING_FLAG_* */
} PerryStringHeader;

/* The bytes are not (necessarily) UTF-8: the string came from perry_string_from_binary. */
#define PERRY_STRING_FLAG_BINARY UINT32_C(1)
/* The string holds lone surrogates (JavaScript's isWellFormed() is false), so its bytes are
 * WTF-8, not UTF-8. Such strings are always heap strings. */
#define PERRY_STRING_FLAG_LONE_SURROGATES UINT32_C(2)

/* The bytes of a heap string (they follow the header). */
PERRY_INLINE const char* perry_string_header_bytes(const PerryStringHeader* header) {
    return (const char*)(header + 1);
}

/* Creates a string from `length` bytes of UTF-8 (validated: overlong forms, surrogates and
 * code points past U+10FFFF are rejected). `bytes` may be NULL when `length` is 0.
 * Returns a new string value (short when length <= 5), owned by the GC: keep it on the stack, in
 * a GC-visible place, or pinned while you need it. PERRY_UNDEFINED on failure with
 * INVALID_UTF8, INVALID_ARGUMENT (NULL with length > 0), TOO_LARGE (length > UINT32_MAX),
 * OUT_OF_MEMORY, NOT_INITIALIZED or WRONG_THREAD (heap strings need the main thread or a
 * blocking task's worker). */
PERRY_API PerryValue perry_string_from_utf8(const char* bytes, size_t length);
/* The same for a NUL-terminated string (NULL gives INVALID_ARGUMENT). */
PERRY_INLINE PerryValue perry_string_from_cstr(const char* text) {
    return text != NULL ? perry_string_from_utf8(text, perry__cstr_length(text))
                        : perry_string_from_utf8(NULL, 1);
}
/* Creates a binary string: any bytes, no validation, always a heap string with
 * PERRY_STRING_FLAG_BINARY (utf16_len = byte_len). Same ownership and failures as above, minus
 * INVALID_UTF8. */
PERRY_API PerryValue perry_string_from_binary(const void* bytes, size_t length);

/* Creates a string from `length` UTF-16 code units (JavaScript's own representation; any
 * sequence is a valid string). Surrogate pairs become 4-byte UTF-8; a lone surrogate is kept,
 * in its 3-byte WTF-8 form, and the string is then flagged PERRY_STRING_FLAG_LONE_SURROGATES.
 * `units` may be NULL when `length` is 0. Ownership as perry_string_from_utf8. PERRY_UNDEFINED
 * on failure: INVALID_ARGUMENT (NULL with length > 0), TOO_LARGE (length > UINT32_MAX or more
 * than UINT32_MAX bytes once encoded), OUT_OF_MEMORY, NOT_INITIALIZED, WRONG_THREAD. */
PERRY_API PerryValue perry_string_from_utf16(const uint16_t* units, size_t length);

/* Copies a string as UTF-16 code units into `out` (capacity `capacity` units) and writes a
 * terminating 0 unit. `*out_length` (may be NULL) receives the length in code units without the
 * terminator (perry_string_utf16_length). Lone surrogates come back as they were made; each byte
 * of a binary string is one unit (0..255). Returns PERRY_OK; BUFFER_TOO_SMALL when capacity <
 * length + 1 (then `*out_length` still receives the length and nothing is written);
 * TYPE_MISMATCH for a non-string; INVALID_ARGUMENT when `out` is NULL with a nonzero capacity.
 * Any thread that may read the value. */
PERRY_API PerryStatus perry_string_copy_utf16(PerryValue value, uint16_t* out, size_t capacity,
                                              size_t* out_length);

/* Zero-copy read of any string value's bytes. Takes a pointer to the value because a short
 * string's bytes live in the value itself: for a short string `*out_bytes` points into `*value`
 * and is valid only while that PerryValue variable is alive and unchanged; for a heap string it
 * points into the heap object and is valid while the string is reachable (strings never move).
 * The bytes are not NUL-terminated for short strings. Returns PERRY_OK, or TYPE_MISMATCH when
 * the value is not a string, INVALID_ARGUMENT for NULL pointers. Any thread that may read the
 * value. */
PERRY_API PerryStatus perry_string_bytes(const PerryValue* value, const char** out_bytes,
                                         size_t* out_length);

/* Copies a string's bytes into `out` (capacity `capacity`) and writes a terminating NUL.
 * `*out_length` (may be NULL) receives the byte length without the NUL. Returns PERRY_OK;
 * BUFFER_TOO_SMALL when capacity < length + 1 (then `*out_length` still receives the length and
 * nothing is written); TYPE_MISMATCH for a non-string; INVALID_ARGUMENT when `out` is NULL with
 * a nonzero capacity. Any thread that may read the value. */
PERRY_API PerryStatus perry_string_copy(PerryValue value, char* out, size_t capacity,
                                        size_t* out_length);

/* Byte length of a string; 0 (and TYPE_MISMATCH as last status) for a non-string. */
PERRY_API size_t perry_string_byte_length(PerryValue value);
/* Length in UTF-16 code units (JavaScript's .length: a character outside the BMP counts 2);
 * 0 (and TYPE_MISMATCH) for a non-string. */
PERRY_API size_t perry_string_utf16_length(PerryValue value);
/* True for a binary string (perry_string_from_binary); false for UTF-8 strings and non-strings. */
PERRY_API bool perry_string_is_binary(PerryValue value);
/* JavaScript's isWellFormed(): true for a string without lone surrogates (its bytes are UTF-8,
 * or any bytes for a binary string); false for a string flagged
 * PERRY_STRING_FLAG_LONE_SURROGATES and for non-strings. Any thread that may read the value. */
PERRY_API bool perry_string_is_well_formed(PerryValue value);
/* The heap header of a string value, for a manifest `string` parameter or return (both travel as
 * a PerryStringHeader*). A heap string's header is returned as is. A short string has no header:
 * it is copied to a new heap string and `*value` is replaced by that string, so the caller's
 * variable keeps it alive; the header is valid while the string is reachable. NULL on failure:
 * INVALID_ARGUMENT (NULL), TYPE_MISMATCH (not a string), or the allocation failures of
 * perry_string_from_utf8 for the copy. Main thread or a blocking task's worker (for the copy). */
PERRY_API const PerryStringHeader* perry_string_header(PerryValue* value);
/* The string value of a header from this runtime (a `string` argument a binding receives). */
PERRY_INLINE PerryValue perry_string_from_header(const PerryStringHeader* header) {
    return perry_value_from_pointer(PERRY_TAG_STRING, header);
}
/* True when both are strings with the same bytes (heap and short strings compare equal). */
PERRY_API bool perry_string_equals(PerryValue a, PerryValue b);

#endif /* PERRY_FFI_STRINGS_H */
