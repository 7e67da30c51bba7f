/* The benchmarks of bench/ffi-core, shared by both sides so that they run the same operations:
 * names, iteration counts and the input bytes. C, so the Node-API addon can include it too. */
#ifndef PERRY_BENCH_FFI_CORE_OPS_H
#define PERRY_BENCH_FFI_CORE_OPS_H

#include <stddef.h>
#include <string.h>
#include <time.h>

/* name, iterations per run */
#define FFI_CORE_BENCHMARKS(X)                                                                     \
    X(string_16b, 2000000)                                                                         \
    X(string_4kib, 200000)                                                                         \
    X(object_5_fields, 1000000)                                                                    \
    X(handle_lookup, 20000000)

#define FFI_CORE_STRING_SMALL 16
#define FFI_CORE_STRING_LARGE 4096

/* ASCII text of `length` bytes (valid UTF-8 for both sides). */
static inline void ffi_core_fill_text(char* out, size_t length) {
    size_t i;
    for (i = 0; i < length; ++i) {
        out[i] = (char)('a' + (i % 26));
    }
}

static inline double ffi_core_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

#endif
