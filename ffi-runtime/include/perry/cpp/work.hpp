// perry/cpp/work.hpp: spawn_blocking with a C++ callable (included by perry/ffi.hpp).
#pragma once

#include "perry/cpp/promises.hpp"
#include "perry/ffi.h"

#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace perry {

namespace detail {

inline void reject_task_with(const char* message) {
    perry_task_reject_string(message, std::char_traits<char>::length(message));
}

// Turns the C++ exception escaping a task into the task's rejection (exceptions never cross
// extern "C"). Call only from a catch block.
inline void reject_current_exception() {
    try {
        throw;
    } catch (const std::exception& error) {
        reject_task_with(error.what());
    } catch (...) {
        reject_task_with("unknown C++ exception");
    }
}

template <class F> struct BlockingJob {
    F body;
    std::vector<PerryValue> inputs; // pinned on the main thread until delivery
    PerryValue outcome = PERRY_UNDEFINED;
};

} // namespace detail

// Runs `body()` on the blocking pool; the PerryValue it returns (immediate, or built inside the
// task) resolves the returned promise; a C++ exception rejects it with an Error carrying what().
// `body` runs on a worker: it must not touch main-thread heap values (use the overload below).
// Main thread; an invalid Promise (value() undefined) on failure.
template <class F> Promise spawn_blocking(F&& body) {
    using Job = detail::BlockingJob<std::decay_t<F>>;
    auto job = std::make_unique<Job>(Job{std::forward<F>(body), {}, PERRY_UNDEFINED});
    PerryBlockingFn run = [](void* ctx) -> PerryValue {
        std::unique_ptr<Job> owned(static_cast<Job*>(ctx));
        try {
            return owned->body();
        } catch (...) {
            detail::reject_current_exception();
            return PERRY_UNDEFINED;
        }
    };
    const PerryValue promise = perry_spawn_blocking(run, job.get());
    if (promise != PERRY_UNDEFINED) {
        job.release(); // the task owns it now
    }
    return Promise(promise);
}

// The same, with main-thread values the task may READ: they are pinned here and unpinned on the
// main thread after the task (never mutate them on the worker). `body(inputs)` receives them.
template <class F> Promise spawn_blocking(std::vector<PerryValue> inputs, F&& body) {
    using Job = detail::BlockingJob<std::decay_t<F>>;
    for (PerryValue input : inputs) {
        perry_gc_pin(input);
    }
    auto job = std::make_unique<Job>(Job{std::forward<F>(body), std::move(inputs), PERRY_UNDEFINED});
    PerryWorkFn work = [](void* ctx) {
        auto* job = static_cast<Job*>(ctx);
        try {
            job->outcome = job->body(static_cast<const std::vector<PerryValue>&>(job->inputs));
        } catch (...) {
            detail::reject_current_exception();
        }
    };
    PerryCompleteFn complete = [](void* ctx, PerryStatus) -> PerryValue {
        std::unique_ptr<Job> owned(static_cast<Job*>(ctx));
        for (PerryValue input : owned->inputs) {
            perry_gc_unpin(input);
        }
        return owned->outcome;
    };
    const PerryValue promise = perry_spawn_blocking_deferred(work, complete, job.get());
    if (promise != PERRY_UNDEFINED) {
        job.release();
    } else {
        for (PerryValue input : job->inputs) {
            perry_gc_unpin(input);
        }
    }
    return Promise(promise);
}

} // namespace perry
