/* A smoke test of the platform layer through the C API only, so that it builds for any target
 * the runtime builds for (cross-compiled for Windows, it runs under wine; see
 * docs/abi/platforms.md): init finds the stack, the small-object space maps chunks, a
 * collection scans the stack, the blocking pool starts and joins its threads, and workers build
 * strings in their task arenas. Prints "ok" and exits 0, or names the step that failed. */
#include <perry/ffi.h>

#include <stdio.h>
#include <string.h>

#define TASKS 8

static PerryValue build_text(void* ctx) {
    char text[64];
    snprintf(text, sizeof text, "built on a worker for task %d", (int)(size_t)ctx);
    return perry_string_from_cstr(text);
}

static int fail(const char* step) {
    fprintf(stderr, "platform_smoke: %s failed (%s)\n", step,
            perry_status_name(perry_last_status()));
    return 1;
}

int main(void) {
    if (perry_runtime_init(NULL) != PERRY_OK) {
        return fail("perry_runtime_init");
    }
    PerryValue kept = perry_string_from_cstr("kept alive by the stack scan");
    for (int i = 0; i < 20000; ++i) { /* enough to map several chunks and collect */
        if (perry_string_from_cstr("garbage, long enough for the heap") == PERRY_UNDEFINED) {
            return fail("allocation");
        }
    }
    if (perry_gc_collect() != PERRY_OK) {
        return fail("perry_gc_collect");
    }
    PerryValue promises[TASKS];
    for (int i = 0; i < TASKS; ++i) {
        promises[i] = perry_spawn_blocking(build_text, (void*)(size_t)i);
        if (promises[i] == PERRY_UNDEFINED) {
            return fail("perry_spawn_blocking");
        }
    }
    for (int i = 0; i < TASKS; ++i) {
        PerryPromiseState state = PERRY_PROMISE_PENDING;
        PerryValue result = PERRY_UNDEFINED;
        char text[64];
        char expected[64];
        snprintf(expected, sizeof expected, "built on a worker for task %d", i);
        if (perry_pump_await(promises[i], &state, &result) != PERRY_OK ||
            state != PERRY_PROMISE_FULFILLED ||
            perry_string_copy(result, text, sizeof text, NULL) != PERRY_OK ||
            strcmp(text, expected) != 0) {
            return fail("a blocking task's result");
        }
    }
    if (perry_gc_collect() != PERRY_OK) {
        return fail("the second collection");
    }
    char text[64];
    if (perry_string_copy(kept, text, sizeof text, NULL) != PERRY_OK ||
        strcmp(text, "kept alive by the stack scan") != 0) {
        return fail("the kept string");
    }
    if (perry_runtime_shutdown() != PERRY_OK) {
        return fail("perry_runtime_shutdown");
    }
    puts("ok");
    return 0;
}
