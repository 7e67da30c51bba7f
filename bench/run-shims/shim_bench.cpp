// A `number, number -> number` call through a generated shim against a direct C call of the same
// function, interleaved in one process: ROUNDS rounds of N calls per side; prints the medians
// and the ratio (shim / direct; the target is <= 2x).
//
// The function lives in another archive, so neither side can inline it; each side folds its
// results into a checksum (the two must agree). The shim side calls the thunk through the
// table, as the run host does, with arguments that are already values (as in compiled code):
// checking and unboxing the arguments and boxing the result is the shim's work measured.
#include "perry/run/shims.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" double js_bench_add(double a, double b);

namespace {

using Clock = std::chrono::steady_clock;

// Eight argument pairs, used in turn, so consecutive calls are independent (as calls in a
// program mostly are) and the loop measures the cost of a call, not a chain of additions.
constexpr int kPairs = 8;

uint64_t bits_of(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    return bits;
}

double direct(long n, uint64_t* checksum) {
    double (*volatile function)(double, double) = js_bench_add; // a real call, never inlined
    double (*add)(double, double) = function;
    double left[kPairs];
    for (int k = 0; k < kPairs; ++k) {
        left[k] = k + 0.5;
    }
    uint64_t bits = 0;
    const auto start = Clock::now();
    for (long i = 0; i < n; ++i) {
        bits ^= bits_of(add(left[i & (kPairs - 1)], 1.0));
    }
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    *checksum = bits;
    return ns / static_cast<double>(n);
}

// The arguments are values already, as in compiled code; the result stays a value.
double through_shim(const PerryShim& shim, long n, uint64_t* checksum) {
    PerryValue args[kPairs][2];
    for (int k = 0; k < kPairs; ++k) {
        args[k][0] = perry_value_from_number(k + 0.5);
        args[k][1] = perry_value_from_number(1.0);
    }
    const PerryShimFn call = shim.call;
    uint64_t bits = 0;
    const auto start = Clock::now();
    for (long i = 0; i < n; ++i) {
        bits ^= call(args[i & (kPairs - 1)], 2);
    }
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    *checksum = bits;
    return ns / static_cast<double>(n);
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

} // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 20000000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 9;
    if (perry_runtime_init(nullptr) != PERRY_OK || perry_run_shim_count != 1 ||
        std::strcmp(perry_run_shims[0].name, "js_bench_add") != 0) {
        std::fprintf(stderr, "setup failed\n");
        return 1;
    }
    std::vector<double> shim_ns, direct_ns;
    for (int round = 0; round < rounds; ++round) {
        uint64_t shim_sum = 0, direct_sum = 0;
        shim_ns.push_back(through_shim(perry_run_shims[0], n, &shim_sum));
        direct_ns.push_back(direct(n, &direct_sum));
        if (shim_sum != direct_sum) { // both sides computed the same sums
            std::fprintf(stderr, "the two sides disagree\n");
            return 1;
        }
    }
    const double ours = median(shim_ns), peer = median(direct_ns);
    std::printf("shim-call (number, number -> number): shim %.2f ns/call, direct C call %.2f "
                "ns/call, ratio %.2fx (target <= 2x)\n",
                ours, peer, ours / peer);
    perry_runtime_shutdown();
    return 0;
}
