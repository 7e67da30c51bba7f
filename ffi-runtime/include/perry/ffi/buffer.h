/*
 * perry/ffi/buffer.h: Buffer (a byte array; Node's Buffer / Uint8Array). Included by
 * perry/ffi.h; do not include directly.
 *
 * A Buffer value is a heap object (tag 0x7FFD, kind PERRY_KIND_BUFFER) pointing at a
 * PerryBufferHeader followed by `capacity` bytes. Its length is fixed at creation.
 */
#ifndef PERRY_FFI_BUFFER_H
#define PERRY_FFI_BUFFER_H

/* Layout pinned by the ABI test. */
typedef struct PerryBufferHeader {
    uint32_t length;   /* bytes in use */
    uint32_t capacity; /* bytes allocated after the header */
} PerryBufferHeader;

/* A Buffer of `length` zero bytes. Owned by the GC. PERRY_UNDEFINED on failure: TOO_LARGE
 * (length > UINT32_MAX), OUT_OF_MEMORY, NOT_INITIALIZED, WRONG_THREAD (main thread or a
 * blocking task's worker). */
PERRY_API PerryValue perry_buffer_alloc(size_t length);
/* A Buffer holding a copy of `length` bytes. `bytes` may be NULL only when length is 0
 * (else INVALID_ARGUMENT). Same ownership and failures as perry_buffer_alloc. */
PERRY_API PerryValue perry_buffer_from_bytes(const void* bytes, size_t length);

/* The Buffer's bytes (writable) and length. The pointer stays valid while the Buffer is
 * reachable (objects never move). Returns PERRY_OK, TYPE_MISMATCH for a non-Buffer,
 * INVALID_ARGUMENT for NULL out-parameters. Any thread that may read the value. */
PERRY_API PerryStatus perry_buffer_bytes(PerryValue buffer, uint8_t** out_data, size_t* out_length);
/* Conveniences: the bytes (NULL for a non-Buffer) and the length (0 for a non-Buffer); both
 * record TYPE_MISMATCH as last status on a non-Buffer. */
PERRY_API uint8_t* perry_buffer_data(PerryValue buffer);
PERRY_API size_t perry_buffer_length(PerryValue buffer);
/* True for a Buffer value. */
PERRY_API bool perry_value_is_buffer(PerryValue value);

#endif /* PERRY_FFI_BUFFER_H */
