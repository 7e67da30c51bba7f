/* What a Perry program compiled from this TypeScript would do, written by hand in C:
 *
 *   import { greet, add, Counter, sumAsync } from "@perry-examples/hello";
 *   console.log(greet("Perry native"));
 *   console.log(add(2, 40));
 *   const c = new Counter(); c.increment(); console.log(c.increment()); c.free();
 *   console.log(await sumAsync(20, 22));
 *
 * The declarations are the `c_signature`s that `perry native resolve --json` reports for the
 * package; a compiler emits the same calls. The demo links this file, the binding's archive and
 * libperry_ffi.a into one executable. */
#include <perry/ffi.h>

#include <stdint.h>
#include <stdio.h>

extern const PerryStringHeader* js_hello_greet(const PerryStringHeader* name);
extern double js_hello_add(double a, double b);
extern int64_t js_hello_counter_new(void);
extern double js_hello_counter_increment(int64_t handle);
extern void js_hello_counter_free(int64_t handle);
extern PerryValue js_hello_sum_async(double a, double b);

static int fail(const char* what) {
    fprintf(stderr, "hello-host: %s: %s\n", what, perry_status_message(perry_last_status()));
    return 1;
}

int main(void) {
    if (perry_runtime_init(NULL) != PERRY_OK) {
        return fail("runtime init");
    }

    PerryValue name = perry_string_from_cstr("Perry native");
    const PerryStringHeader* greeting = js_hello_greet(perry_string_header(&name));
    if (greeting == NULL) {
        return fail("greet");
    }
    printf("%.*s\n", (int)greeting->byte_len, perry_string_header_bytes(greeting));

    printf("%g\n", js_hello_add(2, 40));

    int64_t counter = js_hello_counter_new();
    js_hello_counter_increment(counter);
    printf("%g\n", js_hello_counter_increment(counter));
    js_hello_counter_free(counter);

    PerryValue promise = js_hello_sum_async(20, 22);
    PerryPromiseState state;
    PerryValue result;
    if (perry_pump_await(promise, &state, &result) != PERRY_OK ||
        state != PERRY_PROMISE_FULFILLED) {
        return fail("sumAsync");
    }
    printf("%g\n", perry_value_to_number(result));

    return perry_runtime_shutdown() == PERRY_OK ? 0 : fail("shutdown");
}
