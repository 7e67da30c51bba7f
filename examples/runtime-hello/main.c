/* The smallest host program: initialise the runtime, make some values, collect, shut down.
 * The demo command builds it against libperry_ffi.a and runs it. */
#include <perry/ffi.h>

#include <stdio.h>

int main(void) {
    if (perry_runtime_init(NULL) != PERRY_OK) {
        fprintf(stderr, "runtime-hello: %s\n", perry_status_message(perry_last_status()));
        return 1;
    }
    PerryValue answer = perry_value_from_int32(42);
    PerryValue half = perry_value_from_number(0.5);
    PerryGcStats stats;
    perry_gc_collect();
    perry_gc_stats(&stats);
    printf("perry-ffi %s: %s %d, %s %g, collections %llu\n", perry_ffi_version_string(),
           perry_value_typeof(answer), perry_value_to_int32(answer), perry_value_typeof(half),
           perry_value_to_number(half), (unsigned long long)stats.collections);
    return perry_runtime_shutdown() == PERRY_OK ? 0 : 1;
}
