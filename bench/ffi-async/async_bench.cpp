// The runtime side of the async benchmarks. One mode per process (the driver, run.sh, runs the
// modes interleaved with their peers in fresh processes); prints one number: ns per operation.
//
//   closure-call    perry_closure_call1 on the main thread
//   direct-call     the same body through a plain C function pointer (the physical floor)
//   spawn-roundtrip perry_spawn_blocking of an empty task + perry_pump_await, one at a time
//   settle          promises settled from 8 threads, applied by the pump (throughput)
#include "perry/ffi.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ns_since(Clock::time_point start, double operations) {
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count() / operations;
}

PerryValue add_capture(const PerryClosureCall* call) {
    return perry_value_from_int32(perry_value_to_int32(call->args[0]) +
                                  perry_value_to_int32(call->captures[0]));
}

// The floor: the same body called through a function pointer the compiler cannot see through.
PerryValue (*volatile g_direct)(const PerryClosureCall*) = add_capture;

double closure_call(long iterations) {
    const PerryValue capture = perry_value_from_int32(1);
    const PerryValue closure = perry_closure_new(add_capture, &capture, 1);
    PerryValue value = perry_value_from_int32(0);
    const auto start = Clock::now();
    for (long i = 0; i < iterations; ++i) {
        PerryValue out;
        perry_closure_call1(closure, value, &out);
        value = out;
    }
    const double ns = ns_since(start, double(iterations));
    if (perry_value_to_int32(value) != int32_t(iterations)) {
        std::fprintf(stderr, "closure-call: wrong result\n");
        std::exit(1);
    }
    return ns;
}

double direct_call(long iterations) {
    const PerryValue capture = perry_value_from_int32(1);
    PerryValue value = perry_value_from_int32(0);
    const auto start = Clock::now();
    for (long i = 0; i < iterations; ++i) {
        const PerryClosureCall call{PERRY_UNDEFINED, PERRY_UNDEFINED, &value, 1, 1, &capture};
        value = g_direct(&call);
    }
    const double ns = ns_since(start, double(iterations));
    if (perry_value_to_int32(value) != int32_t(iterations)) {
        std::fprintf(stderr, "direct-call: wrong result\n");
        std::exit(1);
    }
    return ns;
}

PerryValue empty_task(void*) {
    return PERRY_UNDEFINED;
}

double spawn_roundtrip(long iterations) {
    const auto start = Clock::now();
    for (long i = 0; i < iterations; ++i) {
        const PerryValue promise = perry_spawn_blocking(empty_task, nullptr);
        if (perry_pump_await(promise, nullptr, nullptr) != PERRY_OK) {
            std::fprintf(stderr, "spawn-roundtrip: await failed\n");
            std::exit(1);
        }
    }
    return ns_since(start, double(iterations));
}

double settle(long count) {
    constexpr int kThreads = 8;
    std::vector<PerryValue> promises(static_cast<size_t>(count));
    for (PerryValue& promise : promises) {
        promise = perry_promise_new(); // rooted until settled
    }
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    std::atomic<int> finished{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (long i = t; i < count; i += kThreads) {
                perry_promise_resolve(promises[size_t(i)], perry_value_from_int32(int32_t(i)));
            }
            finished++;
            perry_notify_main_thread();
        });
    }
    // The settling threads are the benchmark's own: as a binding would, it keeps the loop alive
    // through an auxiliary pump's has_active while they run, and the pump sleeps until woken.
    perry_pump_register(
        "bench.settle", [](void*) {},
        [](void* userdata) { return static_cast<std::atomic<int>*>(userdata)->load() < kThreads; },
        &finished);
    perry_pump_run(PERRY_PUMP_UNTIL_IDLE);
    const double ns = ns_since(start, double(count));
    for (auto& thread : threads) {
        thread.join();
    }
    for (long i = 0; i < count; ++i) {
        if (perry_promise_result(promises[size_t(i)]) != perry_value_from_int32(int32_t(i))) {
            std::fprintf(stderr, "settle: promise %ld not delivered\n", i);
            std::exit(1);
        }
    }
    return ns;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s closure-call|direct-call|spawn-roundtrip|settle [n]\n",
                     argv[0]);
        return 2;
    }
    const char* mode = argv[1];
    if (perry_runtime_init(nullptr) != PERRY_OK) {
        return 1;
    }
    double ns = 0;
    if (std::strcmp(mode, "closure-call") == 0) {
        ns = closure_call(argc > 2 ? std::atol(argv[2]) : 50000000);
    } else if (std::strcmp(mode, "direct-call") == 0) {
        ns = direct_call(argc > 2 ? std::atol(argv[2]) : 50000000);
    } else if (std::strcmp(mode, "spawn-roundtrip") == 0) {
        ns = spawn_roundtrip(argc > 2 ? std::atol(argv[2]) : 20000);
    } else if (std::strcmp(mode, "settle") == 0) {
        ns = settle(argc > 2 ? std::atol(argv[2]) : 400000);
    } else {
        std::fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    std::printf("%.2f\n", ns);
    perry_runtime_shutdown();
    return 0;
}
