// perry/cpp/work.hpp: spawn_blocking with a C++ callable (included by perry/ffi.hpp).
#pragma once

#include "perry/cpp/errors.hpp"
#include "perry/cpp/promises.hpp"
#include "perry/ffi.h"

#include <exception>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace perry {

namespace detail {

inline void reject_task_with(const char* message) {
    perry_task_reject_string(message, std::char_traits<char>::length(message));
}

// Rejects the task with a new error of `type` (a task may build values on its worker); when
// the error cannot be made, with a plain Error carrying the message, so a rejection never fails.
inline void reject_task_with_error(PerryErrorType type, const char* message,
                                   const std::string& code) {
    const size_t length = std::char_traits<char>::length(message);
    const PerryValue error =
        perry_error_new(type, message, length, code.empty() ? nullptr : code.data(), code.size());
    if (error == PERRY_UNDEFINED || perry_task_reject(error) != PERRY_OK) {
        perry_task_reject_string(message, length);
    }
}

// Turns the C++ exception escaping a task into the task's rejection (exceptions never cross
// extern "C"), with the same mapping as perry::guard: perry::Error keeps its type and code.
// Call only from a catch block.
inline void reject_current_exception() {
    try {
        throw;
    } catch (const Error& error) {
        reject_task_with_error(error.type(), error.what(), error.code());
    } catch (const std::bad_alloc&) {
        reject_task_with_error(PERRY_ERROR_RANGE_ERROR, "out of memory", "ENOMEM");
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
// task) resolves the returned promise; a C++ exception rejects it as perry::guard would throw it
// (a perry::Error with its type and code; another std::exception as an Error carrying what()).
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
    auto job =
        std::make_unique<Job>(Job{std::forward<F>(body), std::move(inputs), PERRY_UNDEFINED});
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
