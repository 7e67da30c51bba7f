// The perry side of bench/ffi-core: runs one benchmark (argv[1]) in a C++ loop over the C ABI and
// prints its cost in ns/op. run.sh runs it in fresh processes interleaved with the Node-API peer.
#include "bench_ops.h"

#include <perry/ffi.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

volatile uint64_t g_sink; // keeps the loops' results alive

double string_round_trip(size_t length, long iterations) {
    std::vector<char> text(length);
    std::vector<char> out(length + 1);
    ffi_core_fill_text(text.data(), length);
    uint64_t sum = 0;
    const double start = ffi_core_now_ns();
    for (long i = 0; i < iterations; ++i) {
        PerryValue s = perry_string_from_utf8(text.data(), length);
        size_t copied = 0;
        perry_string_copy(s, out.data(), out.size(), &copied); // a copying read, as Node-API's
        sum += copied + static_cast<unsigned char>(out[0]);
    }
    const double elapsed = ffi_core_now_ns() - start;
    g_sink = sum;
    return elapsed / static_cast<double>(iterations);
}

double object_5_fields(long iterations) {
    const char* keys[] = {"id", "name", "size", "active", "score"};
    const PerryShape* shape = perry_shape_new(keys, nullptr, 5);
    uint64_t sum = 0;
    const double start = ffi_core_now_ns();
    for (long i = 0; i < iterations; ++i) {
        PerryValue o = perry_object_new(shape);
        for (int field = 0; field < 5; ++field) {
            perry_object_set_index(o, static_cast<size_t>(field), perry_value_from_int32(field));
        }
        sum += o;
    }
    const double elapsed = ffi_core_now_ns() - start;
    g_sink = sum;
    return elapsed / static_cast<double>(iterations);
}

struct Widget {
    int size;
};
const char kWidgetTag = 0;

double handle_lookup(long iterations) {
    // A registry with some population, so the lookup is not of the only slot.
    std::vector<PerryHandle> ids;
    static Widget widgets[64];
    for (Widget& w : widgets) {
        ids.push_back(perry_handle_register(&w, &kWidgetTag, nullptr));
    }
    const PerryHandle id = ids[37];
    uint64_t sum = 0;
    const double start = ffi_core_now_ns();
    for (long i = 0; i < iterations; ++i) {
        auto* w = static_cast<Widget*>(perry_handle_get(id, &kWidgetTag));
        sum += reinterpret_cast<uintptr_t>(w);
    }
    const double elapsed = ffi_core_now_ns() - start;
    g_sink = sum;
    for (PerryHandle handle : ids) {
        perry_handle_drop(handle, &kWidgetTag);
    }
    return elapsed / static_cast<double>(iterations);
}

double run(const std::string& name, long iterations) {
    if (name == "string_16b") {
        return string_round_trip(FFI_CORE_STRING_SMALL, iterations);
    }
    if (name == "string_4kib") {
        return string_round_trip(FFI_CORE_STRING_LARGE, iterations);
    }
    if (name == "object_5_fields") {
        return object_5_fields(iterations);
    }
    if (name == "handle_lookup") {
        return handle_lookup(iterations);
    }
    return -1;
}

long default_iterations(const std::string& name) {
#define FFI_CORE_ITERATIONS_(bench, count)                                                         \
    if (name == #bench) {                                                                          \
        return count;                                                                              \
    }
    FFI_CORE_BENCHMARKS(FFI_CORE_ITERATIONS_)
#undef FFI_CORE_ITERATIONS_
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <benchmark> [iterations]\n", argv[0]);
        return 2;
    }
    const std::string name = argv[1];
    const long iterations = argc > 2 ? std::atol(argv[2]) : default_iterations(name);
    if (iterations <= 0 || perry_runtime_init(nullptr) != PERRY_OK) {
        std::fprintf(stderr, "unknown benchmark or runtime init failed: %s\n", argv[1]);
        return 2;
    }
    run(name, iterations / 10 + 1); // warm-up: caches, page faults, the first GC threshold
    const double ns = run(name, iterations);
    perry_runtime_shutdown();
    std::printf("%.2f\n", ns);
    return 0;
}
