/* A small host program for the valgrind test (valgrind_test.cpp): it leaves uninitialised slots
 * in its own frames, keeps one string on its stack, lets the GC collect (once, or on every
 * allocation under PERRY_GC_STRESS=1), and checks that the kept string survived and garbage was
 * freed. Run under memcheck, the conservative stack scan must report nothing. */
#include <perry/ffi.h>

#include <stdio.h>
#include <string.h>

/* Frames with uninitialised slots between the kept value and the collector, as real callers
 * have: the scan reads them all. */
static __attribute__((noinline)) int collect_below(int depth) {
    volatile char unset[256];
    if (depth > 0) {
        return collect_below(depth - 1) + (int)sizeof unset;
    }
    for (int i = 0; i < 64; ++i) {
        if (perry_string_from_cstr("garbage that only this loop ever sees") == PERRY_UNDEFINED) {
            return -1;
        }
    }
    return perry_gc_collect() == PERRY_OK ? 0 : -1;
}

int main(void) {
    if (perry_runtime_init(NULL) != PERRY_OK) {
        fprintf(stderr, "collect_program: init failed\n");
        return 2;
    }
    PerryValue kept = perry_string_from_cstr("a string the stack keeps alive");
    PerryValue object = perry_object_new(NULL);
    if (perry_object_set_cstr(object, "kept", kept) != PERRY_OK || collect_below(4) < 0) {
        fprintf(stderr, "collect_program: allocation or collection failed\n");
        return 2;
    }
    PerryGcStats stats;
    memset(&stats, 0, sizeof stats);
    if (perry_gc_stats(&stats) != PERRY_OK || stats.collections == 0 || stats.freed_objects == 0) {
        fprintf(stderr, "collect_program: no collection freed anything\n");
        return 1;
    }
    char text[64];
    if (perry_string_copy(perry_object_get_cstr(object, "kept"), text, sizeof text, NULL) !=
            PERRY_OK ||
        strcmp(text, "a string the stack keeps alive") != 0) {
        fprintf(stderr, "collect_program: the kept string did not survive\n");
        return 1;
    }
    return perry_runtime_shutdown() == PERRY_OK ? 0 : 1;
}
