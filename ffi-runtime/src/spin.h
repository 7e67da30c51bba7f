// Brief spinning before sleeping on a condition variable. A cross-thread wake-up costs 30-50 us
// on the virtual machines this runs on; a result or a task that arrives within a few
// microseconds is picked up without one.
#pragma once

#include <chrono>

namespace perry::spin {

// Spins until `ready()` or until `budget` has passed; returns the last `ready()`.
template <class Ready> bool until(Ready ready, std::chrono::microseconds budget) {
    const auto deadline = std::chrono::steady_clock::now() + budget;
    for (unsigned i = 1;; ++i) {
        if (ready()) {
            return true;
        }
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
        if (i % 64 == 0 && std::chrono::steady_clock::now() >= deadline) {
            return ready();
        }
    }
}

// How long the pump and the pool's workers spin before they sleep.
constexpr std::chrono::microseconds kBudget{50};

} // namespace perry::spin
