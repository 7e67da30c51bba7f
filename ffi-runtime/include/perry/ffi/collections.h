/*
 * perry/ffi/collections.h: arrays and shape-based objects. Included by perry/ffi.h; do not
 * include directly.
 *
 * Arrays. An array value (tag 0x7FFD, kind PERRY_KIND_ARRAY) points at a PerryArrayHeader
 * followed by `capacity` values inline. Objects never move, so an array that outgrows its
 * inline capacity keeps its identity by forwarding: its elements move to a larger out-of-line
 * block (same layout: header + values) and the original header's `capacity` becomes
 * PERRY_ARRAY_FORWARDED, with the pointer to that block stored in the first inline slot. The
 * original header's `length` is always current. Read elements through the accessors (or
 * perry_array_elements, which follows the forward for you). See docs/abi/collections.md.
 *
 * Objects. An object (kind PERRY_KIND_OBJECT) has a shape, the ordered list of its keys, shared
 * between objects built from it, and one value per key. Fields are reached by index (the key's
 * position in the shape; fast) or by name. Setting a key the object does not have appends it
 * (the object moves to an extended shape; its identity stays). The object layout is private.
 * Keys are the bytes of a string: UTF-8, or WTF-8 for a key with lone surrogates (the bytes
 * perry_string_bytes gives for a string made by perry_string_from_utf16), which JavaScript
 * allows; such a key is stored flagged PERRY_STRING_FLAG_LONE_SURROGATES. INVALID_UTF8 refuses
 * anything else, including a surrogate pair written as two 3-byte forms.
 */
#ifndef PERRY_FFI_COLLECTIONS_H
#define PERRY_FFI_COLLECTIONS_H

/* ----------------------------------------------------------------------- arrays --- */

/* Layout pinned by the ABI test. */
typedef struct PerryArrayHeader {
    uint32_t length;   /* elements in use (always current in the array's own header) */
    uint32_t capacity; /* inline slots, or PERRY_ARRAY_FORWARDED */
} PerryArrayHeader;

/* `capacity` of an array whose elements live in an out-of-line block; the first inline slot
 * then holds a pointer to that block's PerryArrayHeader. */
#define PERRY_ARRAY_FORWARDED UINT32_C(0xFFFFFFFF)

/* A new empty array with room for `capacity` elements before it forwards. Owned by the GC.
 * PERRY_UNDEFINED on failure: TOO_LARGE, OUT_OF_MEMORY, NOT_INITIALIZED, WRONG_THREAD (main
 * thread or a blocking task's worker). */
PERRY_API PerryValue perry_array_new(size_t capacity);
/* A new array holding a copy of `count` values (`values` may be NULL when count is 0).
 * Same ownership and failures as perry_array_new, plus INVALID_ARGUMENT. */
PERRY_API PerryValue perry_array_from_values(const PerryValue* values, size_t count);
/* Number of elements; 0 (and TYPE_MISMATCH) for a non-array. */
PERRY_API size_t perry_array_length(PerryValue array);
/* The element at `index`; PERRY_UNDEFINED when out of range or not an array (then the last
 * status says TYPE_MISMATCH; out of range is not a failure). */
PERRY_API PerryValue perry_array_get(PerryValue array, size_t index);
/* Sets the element at `index`; an index at or past the length grows the array, and the slots
 * between (holes) read as undefined. May allocate (and so collect). Returns PERRY_OK,
 * TYPE_MISMATCH, TOO_LARGE (index >= UINT32_MAX - 1), OUT_OF_MEMORY, WRONG_THREAD. Main thread
 * (or the worker that owns the array inside its blocking task). */
PERRY_API PerryStatus perry_array_set(PerryValue array, size_t index, PerryValue value);
/* Appends a value; same rules as perry_array_set at index == length. */
PERRY_API PerryStatus perry_array_push(PerryValue array, PerryValue value);
/* Contiguous read/write view of the elements, valid until the next call that may grow the
 * array (set, push) or until the array becomes unreachable. NULL (with *out_length 0) for an
 * empty array; NULL and TYPE_MISMATCH for a non-array. `out_length` may be NULL. */
PERRY_API PerryValue* perry_array_elements(PerryValue array, size_t* out_length);
/* True for an array value. */
PERRY_API bool perry_value_is_array(PerryValue value);

/* ----------------------------------------------------------------------- objects -- */

/* A shape: an ordered list of distinct keys. Opaque. */
typedef struct PerryShape PerryShape;

/* Creates a shape from `count` keys; key i is `keys[i]` of `key_lengths[i]` bytes of UTF-8, or
 * NUL-terminated when `key_lengths` is NULL. A shape made here lives until perry_runtime_shutdown
 * (make it once, keep the pointer, e.g. in a static). NULL on failure: INVALID_ARGUMENT (NULL
 * key, duplicate key), INVALID_UTF8, TOO_LARGE, OUT_OF_MEMORY, NOT_INITIALIZED, WRONG_THREAD.
 * Main thread. */
PERRY_API PerryShape* perry_shape_new(const char* const* keys, const size_t* key_lengths,
                                      size_t count);
/* Number of keys of a shape (0 for NULL). Any thread. */
PERRY_API size_t perry_shape_key_count(const PerryShape* shape);
/* The index of a key in a shape; PERRY_OK, NOT_FOUND, INVALID_ARGUMENT. Any thread. */
PERRY_API PerryStatus perry_shape_index_of(const PerryShape* shape, const char* key,
                                           size_t key_length, size_t* out_index);

/* A new object with `shape`'s keys, every field undefined; NULL shape gives an empty object
 * `{}`. Owned by the GC. PERRY_UNDEFINED on failure: OUT_OF_MEMORY, NOT_INITIALIZED,
 * WRONG_THREAD (main thread or a blocking task's worker). */
PERRY_API PerryValue perry_object_new(const PerryShape* shape);
/* The field at `index` (the key's position in the object's shape); PERRY_UNDEFINED when out of
 * range or not an object (TYPE_MISMATCH). */
PERRY_API PerryValue perry_object_get_index(PerryValue object, size_t index);
/* Sets the field at `index`. PERRY_OK; NOT_FOUND when index >= the key count (use
 * perry_object_set to add keys); TYPE_MISMATCH. Never allocates. */
PERRY_API PerryStatus perry_object_set_index(PerryValue object, size_t index, PerryValue value);
/* The field named `key` (`key_length` bytes); PERRY_UNDEFINED when absent (not a failure) or
 * not an object (TYPE_MISMATCH). */
PERRY_API PerryValue perry_object_get(PerryValue object, const char* key, size_t key_length);
/* Sets the field named `key`, appending the key (last in enumeration order) when the object
 * does not have it. May allocate (and so collect). PERRY_OK, TYPE_MISMATCH, INVALID_ARGUMENT,
 * INVALID_UTF8, OUT_OF_MEMORY, WRONG_THREAD. */
PERRY_API PerryStatus perry_object_set(PerryValue object, const char* key, size_t key_length,
                                       PerryValue value);
/* NUL-terminated conveniences. */
PERRY_INLINE PerryValue perry_object_get_cstr(PerryValue object, const char* key) {
    return perry_object_get(object, key, PERRY__CSTR_LENGTH(key));
}
PERRY_INLINE PerryStatus perry_object_set_cstr(PerryValue object, const char* key,
                                               PerryValue value) {
    return perry_object_set(object, key, PERRY__CSTR_LENGTH(key), value);
}
/* Number of keys (0 and TYPE_MISMATCH for a non-object). */
PERRY_API size_t perry_object_key_count(PerryValue object);
/* The key at `index` in insertion order, as a string value (owned by the object's shape; it
 * lives as long as the object); PERRY_UNDEFINED when out of range or not an object. */
PERRY_API PerryValue perry_object_key_at(PerryValue object, size_t index);
/* The object's current shape (NULL for a non-object). It lives at least as long as the object. */
PERRY_API const PerryShape* perry_object_shape(PerryValue object);
/* A new array of the object's keys in order (Object.keys). PERRY_UNDEFINED on failure. */
PERRY_API PerryValue perry_object_keys(PerryValue object);
/* True for a plain object (kind PERRY_KIND_OBJECT). */
PERRY_API bool perry_value_is_plain_object(PerryValue value);

#endif /* PERRY_FFI_COLLECTIONS_H */
