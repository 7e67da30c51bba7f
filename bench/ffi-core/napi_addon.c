/* The Node-API peer of bench/ffi-core: the same operations as ours.cpp, in a C loop inside a
 * Node-API addon, timed in C. run(name, iterations) returns ns/op. */
#define NAPI_VERSION 8
#include <node_api.h>

#include "bench_ops.h"

#include <stdint.h>
#include <stdlib.h>

/* Values are created in handle scopes of this many iterations, so the loop does not grow the
 * heap without bound; the scope cost is amortised. */
#define SCOPE_BATCH 1000

static volatile uint64_t g_sink;

static double string_round_trip(napi_env env, size_t length, long iterations) {
    char* text = malloc(length);
    char* out = malloc(length + 1);
    uint64_t sum = 0;
    long i = 0;
    double start;
    ffi_core_fill_text(text, length);
    start = ffi_core_now_ns();
    while (i < iterations) {
        napi_handle_scope scope;
        long batch_end = i + SCOPE_BATCH < iterations ? i + SCOPE_BATCH : iterations;
        napi_open_handle_scope(env, &scope);
        for (; i < batch_end; ++i) {
            napi_value s;
            size_t copied = 0;
            napi_create_string_utf8(env, text, length, &s);
            napi_get_value_string_utf8(env, s, out, length + 1, &copied);
            sum += copied + (unsigned char)out[0];
        }
        napi_close_handle_scope(env, scope);
    }
    start = ffi_core_now_ns() - start;
    g_sink = sum;
    free(text);
    free(out);
    return start / (double)iterations;
}

static double object_5_fields(napi_env env, long iterations) {
    static const char* keys[] = {"id", "name", "size", "active", "score"};
    napi_value numbers[5];
    uint64_t sum = 0;
    long i = 0;
    int field;
    double start;
    for (field = 0; field < 5; ++field) {
        napi_create_int32(env, field, &numbers[field]);
    }
    start = ffi_core_now_ns();
    while (i < iterations) {
        napi_handle_scope scope;
        long batch_end = i + SCOPE_BATCH < iterations ? i + SCOPE_BATCH : iterations;
        napi_open_handle_scope(env, &scope);
        for (; i < batch_end; ++i) {
            napi_value o;
            napi_create_object(env, &o);
            for (field = 0; field < 5; ++field) {
                napi_set_named_property(env, o, keys[field], numbers[field]);
            }
            sum += (uintptr_t)o;
        }
        napi_close_handle_scope(env, scope);
    }
    start = ffi_core_now_ns() - start;
    g_sink = sum;
    return start / (double)iterations;
}

struct Widget {
    int size;
};

static double handle_lookup(napi_env env, long iterations) {
    static struct Widget widget = {3};
    napi_value object;
    uint64_t sum = 0;
    long i;
    double start;
    napi_create_object(env, &object);
    napi_wrap(env, object, &widget, NULL, NULL, NULL);
    start = ffi_core_now_ns();
    for (i = 0; i < iterations; ++i) {
        void* pointer = NULL;
        napi_unwrap(env, object, &pointer);
        sum += (uintptr_t)pointer;
    }
    start = ffi_core_now_ns() - start;
    g_sink = sum;
    return start / (double)iterations;
}

static double run_named(napi_env env, const char* name, long iterations) {
    if (strcmp(name, "string_16b") == 0) {
        return string_round_trip(env, FFI_CORE_STRING_SMALL, iterations);
    }
    if (strcmp(name, "string_4kib") == 0) {
        return string_round_trip(env, FFI_CORE_STRING_LARGE, iterations);
    }
    if (strcmp(name, "object_5_fields") == 0) {
        return object_5_fields(env, iterations);
    }
    if (strcmp(name, "handle_lookup") == 0) {
        return handle_lookup(env, iterations);
    }
    return -1;
}

static napi_value run(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2];
    char name[64];
    size_t name_length = 0;
    int64_t iterations = 0;
    napi_value result;
    napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
    napi_get_value_string_utf8(env, argv[0], name, sizeof name, &name_length);
    napi_get_value_int64(env, argv[1], &iterations);
    run_named(env, name, (long)(iterations / 10 + 1)); /* warm-up, as ours does */
    napi_create_double(env, run_named(env, name, (long)iterations), &result);
    return result;
}

NAPI_MODULE_INIT() {
    napi_value fn;
    napi_create_function(env, "run", NAPI_AUTO_LENGTH, run, NULL, &fn);
    napi_set_named_property(env, exports, "run", fn);
    return exports;
}
