/* @perry/zlib: compress and decompress Buffers with the system zlib, in plain C.
 *
 * `buffer` parameters arrive as the Buffer's header (the length travels with the bytes) and a
 * `buffer` return is the header of a Buffer this code allocated. Errors are thrown as JavaScript
 * errors with zlib's message and a code naming zlib's status ("Z_DATA_ERROR"), the way node's
 * zlib reports them; the function then returns NULL, which the caller ignores. */
#include <perry/ffi.h>
/* The prototypes of package.json's functions (generated at build time). */
#include "perry_signatures.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Node's codes for zlib's statuses. */
static const char* zlib_code(int status) {
    switch (status) {
    case Z_NEED_DICT:
        return "Z_NEED_DICT";
    case Z_ERRNO:
        return "Z_ERRNO";
    case Z_STREAM_ERROR:
        return "Z_STREAM_ERROR";
    case Z_DATA_ERROR:
        return "Z_DATA_ERROR";
    case Z_MEM_ERROR:
        return "Z_MEM_ERROR";
    case Z_BUF_ERROR:
        return "Z_BUF_ERROR";
    case Z_VERSION_ERROR:
        return "Z_VERSION_ERROR";
    default:
        return "Z_UNKNOWN_ERROR";
    }
}

static const PerryBufferHeader* throw_zlib(int status, const char* message) {
    perry_throw_error_cstr(PERRY_ERROR_ERROR, message != NULL ? message : zError(status),
                           zlib_code(status));
    return NULL;
}

static const PerryBufferHeader* throw_type(const char* message) {
    perry_throw_error_cstr(PERRY_ERROR_TYPE_ERROR, message, "ERR_INVALID_ARG_TYPE");
    return NULL;
}

/* The bytes and length of a `buffer` argument; false (TypeError thrown) for anything else. */
static bool buffer_argument(const PerryBufferHeader* header, uint8_t** data, size_t* length) {
    if (header == NULL || perry_buffer_bytes(perry_value_from_pointer(PERRY_TAG_OBJECT, header),
                                             data, length) != PERRY_OK) {
        throw_type("expected a Buffer");
        return false;
    }
    return true;
}

/* A new Buffer holding a copy of `length` bytes, as the header a `buffer` return carries. */
static const PerryBufferHeader* new_buffer(const uint8_t* bytes, size_t length) {
    PerryValue buffer = perry_buffer_from_bytes(bytes, length);
    if (buffer == PERRY_UNDEFINED) {
        perry_throw_error_cstr(PERRY_ERROR_RANGE_ERROR, perry_status_message(perry_last_status()),
                               perry_status_name(perry_last_status()));
        return NULL;
    }
    return (const PerryBufferHeader*)perry_value_to_pointer(buffer);
}

/* `compress(data: Buffer, level: number): Buffer`: the zlib format (RFC 1950) at `level`
 * 0..9, or -1 for zlib's default. */
const PerryBufferHeader* js_zlib_compress(const PerryBufferHeader* input, int32_t level) {
    uint8_t* data = NULL;
    size_t length = 0;
    if (!buffer_argument(input, &data, &length))
        return NULL;
    if (level < -1 || level > 9) {
        perry_throw_error_cstr(PERRY_ERROR_RANGE_ERROR,
                               "level must be -1 (default) or between 0 and 9", "ERR_OUT_OF_RANGE");
        return NULL;
    }
    uLongf room = compressBound((uLong)length);
    uint8_t* out = malloc(room > 0 ? room : 1);
    if (out == NULL)
        return throw_zlib(Z_MEM_ERROR, NULL);
    const int status = compress2(out, &room, data, (uLong)length, level);
    const PerryBufferHeader* result =
        status == Z_OK ? new_buffer(out, room) : throw_zlib(status, NULL);
    free(out);
    return result;
}

/* `decompress(data: Buffer): Buffer`: the inverse, for zlib-format input. Corrupt input throws
 * zlib's message with Z_DATA_ERROR; input that ends early throws "unexpected end of file" with
 * Z_BUF_ERROR, as node does; bytes after the end of the stream are ignored. */
const PerryBufferHeader* js_zlib_decompress(const PerryBufferHeader* input) {
    uint8_t* data = NULL;
    size_t length = 0;
    if (!buffer_argument(input, &data, &length))
        return NULL;
    if (length > UINT_MAX) {
        perry_throw_error_cstr(PERRY_ERROR_RANGE_ERROR, "input larger than 4 GiB",
                               "ERR_OUT_OF_RANGE");
        return NULL;
    }
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    int status = inflateInit(&stream);
    if (status != Z_OK)
        return throw_zlib(status, stream.msg);

    size_t capacity = length * 4 + 64;
    uint8_t* out = malloc(capacity);
    stream.next_in = data;
    stream.avail_in = (uInt)length;
    status = out != NULL ? Z_OK : Z_MEM_ERROR;
    while (status == Z_OK) {
        if (stream.total_out == capacity) {
            /* A Buffer holds at most 4 GiB - 1; a stream that inflates past it cannot be one. */
            if (capacity >= UINT32_MAX) {
                status = Z_MEM_ERROR;
                break;
            }
            size_t grown = capacity * 2 > UINT32_MAX ? UINT32_MAX : capacity * 2;
            uint8_t* bigger = realloc(out, grown);
            if (bigger == NULL) {
                status = Z_MEM_ERROR;
                break;
            }
            out = bigger;
            capacity = grown;
        }
        stream.next_out = out + stream.total_out;
        stream.avail_out = (uInt)(capacity - stream.total_out);
        status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_BUF_ERROR && stream.avail_in == 0 && stream.avail_out > 0) {
            break; /* the input ended before the stream did */
        }
        if (status == Z_BUF_ERROR)
            status = Z_OK; /* only out of room: grow and go on */
    }
    const PerryBufferHeader* result = NULL;
    if (status == Z_STREAM_END) {
        result = new_buffer(out, stream.total_out);
    } else if (status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0)) {
        result = throw_zlib(Z_BUF_ERROR, "unexpected end of file");
    } else if (status == Z_NEED_DICT) {
        result = throw_zlib(status, "Missing dictionary");
    } else {
        result = throw_zlib(status, stream.msg);
    }
    inflateEnd(&stream);
    free(out);
    return result;
}

/* `crc32(data: Buffer): number`: the CRC-32 of the bytes (as zlib and gzip compute it). */
double js_zlib_crc32(const PerryBufferHeader* input) {
    uint8_t* data = NULL;
    size_t length = 0;
    if (!buffer_argument(input, &data, &length))
        return 0;
    uLong crc = crc32(0L, Z_NULL, 0);
    while (length > 0) {
        const uInt chunk = length > UINT_MAX ? UINT_MAX : (uInt)length;
        crc = crc32(crc, data, chunk);
        data += chunk;
        length -= chunk;
    }
    return (double)crc;
}

/* `version(): string`: the zlib the program was linked with ("1.2.13"). */
const PerryStringHeader* js_zlib_version(void) {
    PerryValue version = perry_string_from_cstr(zlibVersion());
    return perry_string_header(&version);
}
