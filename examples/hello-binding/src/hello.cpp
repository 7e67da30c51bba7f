// @perry-examples/hello: one extern "C" function per TypeScript-visible call, each declared in
// package.json's perry.nativeLibrary.functions with its calling convention.
#include <perry/ffi.hpp>
// The prototypes of package.json's functions (generated at build time).
#include "perry_signatures.h"

#include <cstdint>
#include <string>

namespace {

// The native state behind `new Counter()`; the runtime's handle registry owns it.
struct Counter {
    double value = 0;
};

} // namespace

// `greet(name: string): string`. A `string` parameter arrives as the string's heap header and a
// `string` return is one: perry_string_header gives it (copying a short string to the heap).
extern "C" const PerryStringHeader* js_hello_greet(const PerryStringHeader* name) {
    return perry::guard([&]() -> const PerryStringHeader* {
        const PerryValue name_value = perry_value_from_pointer(PERRY_TAG_STRING, name);
        PerryValue greeting = perry::alloc_string(
            "Hello, " + perry::read_string(name_value).value_or("stranger") + "!");
        return perry_string_header(&greeting);
    });
}

// `add(a: number, b: number): number`
extern "C" double js_hello_add(double a, double b) {
    return a + b;
}

// `new Counter()`: a handle id, exact in a double.
extern "C" int64_t js_hello_counter_new(void) {
    return perry::guard([] { return perry::make_handle<Counter>(); });
}

// `counter.increment(): number`; NaN for a freed or foreign handle.
extern "C" double js_hello_counter_increment(int64_t handle) {
    Counter* counter = perry::get_handle<Counter>(handle);
    return counter != nullptr ? ++counter->value : __builtin_nan("");
}

// `counter.free(): void`
extern "C" void js_hello_counter_free(int64_t handle) {
    perry_handle_drop(handle, perry::handle_type<Counter>());
}

// `sumAsync(a: number, b: number): Promise<number>`: the sum is computed on the blocking pool and
// the promise settles on the main thread when the event pump delivers it.
extern "C" PerryValue js_hello_sum_async(double a, double b) {
    return perry::guard([&] {
        return perry::spawn_blocking([a, b] { return perry_value_from_number(a + b); }).value();
    });
}
