/* The program side: links the Rust staticlib and libperry_ffi.a once, calls the binding as a
 * compiled Perry program would, and prints what it got. */
#include "perry/ffi.h"

#include <stdio.h>

extern PerryStringHeader* js_sample_hello(const PerryStringHeader* name);
extern double js_sample_explode(void);

int main(void) {
    if (perry_runtime_init(NULL) != PERRY_OK) {
        return 1;
    }
    PerryValue name = perry_string_from_cstr("world");
    PerryStringHeader* out = js_sample_hello(perry_string_header(&name));
    if (out == NULL) {
        return 2;
    }
    printf("%.*s\n", (int)out->byte_len, perry_string_header_bytes(out));
    js_sample_explode();
    PerryValue error = perry_exception_take();
    PerryValue message = perry_error_message(error);
    char text[128];
    if (perry_string_copy(message, text, sizeof text, NULL) != PERRY_OK) {
        return 3;
    }
    printf("thrown: %s\n", text);
    return perry_runtime_shutdown() == PERRY_OK ? 0 : 4;
}
