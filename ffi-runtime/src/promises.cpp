// Promises: state, settlement from any thread, reactions run as jobs by the pump.
#include "promises.h"

#include "closures.h"
#include "pump.h"
#include "runtime.h"
#include "work.h"

#include <cstdio>
#include <deque>
#include <new>
#include <vector>

namespace perry::promises {
namespace {

// What runs when a promise settles.
struct Reaction {
    enum Kind : uint8_t {
        kHost,   // a host callback (perry_promise_on_settled)
        kThen,   // closures of perry_promise_then, settling `derived`
        kFollow, // `derived` was resolved with this promise and takes its outcome
    } kind;
    PerryPromiseCallback callback;
    void* userdata;
    PerryValue on_fulfilled;
    PerryValue on_rejected;
    PerryValue derived;
};

struct PromiseObject {
    uint8_t state;   // PerryPromiseState
    uint8_t claimed; // atomic: a settlement was applied or queued
    uint8_t handled; // a reaction was attached (for unhandled-rejection reports)
    uint8_t rooted;  // pinned since perry_promise_new, until settled
    uint32_t reserved;
    PerryValue result;
    std::vector<Reaction>* reactions; // while pending; null when none
};

// A reaction ready to run with the outcome of the promise it was attached to.
struct Job {
    Reaction reaction;
    PerryValue result;
    PerryPromiseState state;
};

// Main-thread state; the queued values are roots (scan_roots).
std::deque<Job> g_jobs;
std::vector<PerryValue> g_unhandled;
PerryUnhandledRejectionFn g_unhandled_fn = nullptr;
void* g_unhandled_userdata = nullptr;

PromiseObject* object_of(PerryValue value) {
    return static_cast<PromiseObject*>(perry_value_to_pointer(value));
}

void mark_reaction(heap::Marker& marker, const Reaction& reaction) {
    marker.value(reaction.on_fulfilled);
    marker.value(reaction.on_rejected);
    marker.value(reaction.derived);
}

void trace_promise(void* payload, heap::Marker& marker) {
    auto* promise = static_cast<PromiseObject*>(payload);
    marker.value(promise->result);
    if (promise->reactions != nullptr) {
        for (const Reaction& reaction : *promise->reactions) {
            mark_reaction(marker, reaction);
        }
    }
}

void finalize_promise(void* payload) {
    auto* promise = static_cast<PromiseObject*>(payload);
    delete promise->reactions;
    promise->reactions = nullptr;
}

void scan_roots(heap::Marker& marker) {
    for (const Job& job : g_jobs) {
        mark_reaction(marker, job.reaction);
        marker.value(job.result);
    }
    for (PerryValue promise : g_unhandled) {
        marker.value(promise);
    }
}

// Settles for good: state, result, jobs for the reactions.
void fulfil_or_reject(PerryValue promise, PerryValue result, PerryPromiseState state) {
    PromiseObject* object = object_of(promise);
    if (object->state != PERRY_PROMISE_PENDING) {
        return;
    }
    object->state = static_cast<uint8_t>(state);
    object->result = result;
    if (object->reactions != nullptr) {
        for (const Reaction& reaction : *object->reactions) {
            g_jobs.push_back({reaction, result, state});
        }
        delete object->reactions;
        object->reactions = nullptr;
    }
    if (state == PERRY_PROMISE_REJECTED && object->handled == 0) {
        g_unhandled.push_back(promise);
    }
    if (object->rooted != 0) {
        object->rooted = 0;
        heap::unpin(object);
    }
}

bool add_reaction(PerryValue promise, const Reaction& reaction) {
    PromiseObject* object = object_of(promise);
    object->handled = 1;
    if (object->state != PERRY_PROMISE_PENDING) {
        g_jobs.push_back({reaction, object->result, static_cast<PerryPromiseState>(object->state)});
        return true;
    }
    if (object->reactions == nullptr) {
        object->reactions = new (std::nothrow) std::vector<Reaction>();
        if (object->reactions == nullptr) {
            return false;
        }
    }
    object->reactions->push_back(reaction);
    return true;
}

// Settles `promise` (already claimed) with a value, following it when it is a promise.
void resolve_claimed(PerryValue promise, PerryValue value) {
    if (is_promise(value) && value != promise) {
        Reaction follow{Reaction::kFollow, nullptr,         nullptr,
                        PERRY_UNDEFINED,   PERRY_UNDEFINED, promise};
        if (add_reaction(value, follow)) {
            return;
        }
        fulfil_or_reject(promise, PERRY_UNDEFINED, PERRY_PROMISE_REJECTED);
        return;
    }
    if (value == promise) {
        // As in JavaScript: a promise resolved with itself could never settle.
        static constexpr char kCycle[] = "Chaining cycle detected for promise #<Promise>";
        const PerryValue error =
            perry_error_new(PERRY_ERROR_TYPE_ERROR, kCycle, sizeof kCycle - 1, nullptr, 0);
        fulfil_or_reject(promise, error, PERRY_PROMISE_REJECTED);
        return;
    }
    fulfil_or_reject(promise, value, PERRY_PROMISE_FULFILLED);
}

void run_job(const Job& job) {
    const Reaction& reaction = job.reaction;
    switch (reaction.kind) {
    case Reaction::kHost:
        reaction.callback(job.result, job.state, reaction.userdata);
        return;
    case Reaction::kFollow:
        if (job.state == PERRY_PROMISE_FULFILLED) {
            resolve_claimed(reaction.derived, job.result);
        } else {
            fulfil_or_reject(reaction.derived, job.result, job.state);
        }
        return;
    case Reaction::kThen: {
        if (!claim(reaction.derived)) {
            return; // the host settled the derived promise itself
        }
        const PerryValue handler =
            job.state == PERRY_PROMISE_FULFILLED ? reaction.on_fulfilled : reaction.on_rejected;
        if (handler == PERRY_UNDEFINED) {
            fulfil_or_reject(reaction.derived, job.result, job.state);
            return;
        }
        PerryValue outcome = PERRY_UNDEFINED;
        const PerryStatus status =
            closures::invoke(handler, PERRY_UNDEFINED, &job.result, 1, &outcome);
        if (status == PERRY_OK) {
            resolve_claimed(reaction.derived, outcome);
        } else {
            // The handler threw: the exception rejects the derived promise instead of
            // propagating (JavaScript semantics), so it is no longer pending.
            closures::clear_pending_exception();
            fulfil_or_reject(reaction.derived, outcome, PERRY_PROMISE_REJECTED);
        }
        return;
    }
    }
}

PerryValue new_promise(bool rooted) {
    pump::ensure_started();
    auto* object = static_cast<PromiseObject*>(heap::allocate(kPromiseOps, sizeof(PromiseObject)));
    if (object == nullptr) {
        return PERRY_UNDEFINED;
    }
    object->result = PERRY_UNDEFINED;
    if (rooted) {
        object->rooted = 1;
        heap::pin(object);
    }
    return perry_value_from_pointer(PERRY_TAG_OBJECT, object);
}

// The public settle functions: apply now on the main thread, record in the running task on a
// pool thread, queue for the pump elsewhere.
PerryStatus request(Settlement&& settlement) {
    if (runtime::on_main_thread()) {
        if (!is_promise(settlement.promise)) {
            return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        }
        if (!claim(settlement.promise)) {
            return runtime::fail(PERRY_STATUS_ALREADY_SETTLED);
        }
        apply(settlement);
        return PERRY_OK;
    }
    if (work::Task* task = work::current_task()) {
        if (!is_promise(settlement.promise)) {
            return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        }
        if (!claim(settlement.promise)) {
            return runtime::fail(PERRY_STATUS_ALREADY_SETTLED);
        }
        task->settlements.push_back(std::move(settlement));
        return PERRY_OK;
    }
    return pump::post_settlement(std::move(settlement));
}

} // namespace

const heap::KindOps kPromiseOps{PERRY_KIND_PROMISE, "promise", trace_promise, finalize_promise};

bool claim(PerryValue promise) {
    uint8_t expected = 0;
    return __atomic_compare_exchange_n(&object_of(promise)->claimed, &expected, uint8_t{1}, false,
                                       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

void apply(const Settlement& settlement) {
    if (settlement.with_message) {
        const PerryValue error = make_error(settlement.message.data(), settlement.message.size());
        fulfil_or_reject(settlement.promise, error, PERRY_PROMISE_REJECTED);
    } else if (settlement.rejected) {
        fulfil_or_reject(settlement.promise, settlement.value, PERRY_PROMISE_REJECTED);
    } else {
        resolve_claimed(settlement.promise, settlement.value);
    }
}

bool settle_now(PerryValue promise, PerryValue value, bool rejected) {
    if (!claim(promise)) {
        return false;
    }
    Settlement settlement;
    settlement.promise = promise;
    settlement.value = value;
    settlement.rejected = rejected;
    apply(settlement);
    return true;
}

void run_jobs() {
    while (!g_jobs.empty()) {
        const Job job = g_jobs.front();
        g_jobs.pop_front();
        run_job(job);
    }
}

bool has_jobs() {
    return !g_jobs.empty();
}

void mark_handled(PerryValue promise) {
    object_of(promise)->handled = 1;
}

void report_unhandled() {
    std::vector<PerryValue> rejected;
    rejected.swap(g_unhandled);
    for (PerryValue promise : rejected) {
        const PromiseObject* object = object_of(promise);
        if (object->handled != 0) {
            continue;
        }
        if (g_unhandled_fn != nullptr) {
            g_unhandled_fn(promise, object->result, g_unhandled_userdata);
        } else {
            std::fprintf(stderr, "perry: warning: unhandled promise rejection (%s)\n",
                         perry_value_typeof(object->result));
        }
    }
}

void reset() {
    g_jobs.clear();
    g_unhandled.clear();
    g_unhandled_fn = nullptr;
    g_unhandled_userdata = nullptr;
}

void register_roots() {
    heap::add_internal_root_scanner(scan_roots);
}

} // namespace perry::promises

using namespace perry;

extern "C" {

PerryValue perry_promise_new(void) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    return promises::new_promise(true);
}

bool perry_promise_is(PerryValue value) {
    return promises::is_promise(value);
}

PerryStatus perry_promise_resolve(PerryValue promise, PerryValue value) {
    promises::Settlement settlement;
    settlement.promise = promise;
    settlement.value = value;
    return promises::request(std::move(settlement));
}

PerryStatus perry_promise_reject(PerryValue promise, PerryValue reason) {
    promises::Settlement settlement;
    settlement.promise = promise;
    settlement.value = reason;
    settlement.rejected = true;
    return promises::request(std::move(settlement));
}

PerryStatus perry_promise_reject_string(PerryValue promise, const char* message, size_t length) {
    if (message == nullptr && length != 0) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    if (length > UINT32_MAX) {
        return runtime::fail(PERRY_STATUS_TOO_LARGE);
    }
    promises::Settlement settlement;
    settlement.promise = promise;
    settlement.rejected = true;
    settlement.with_message = true;
    if (length != 0) {
        settlement.message.assign(message, length);
    }
    return promises::request(std::move(settlement));
}

PerryPromiseState perry_promise_state(PerryValue promise) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_PROMISE_PENDING;
    }
    if (!promises::is_promise(promise)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return PERRY_PROMISE_PENDING;
    }
    return static_cast<PerryPromiseState>(promises::object_of(promise)->state);
}

PerryValue perry_promise_result(PerryValue promise) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    if (!promises::is_promise(promise)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return PERRY_UNDEFINED;
    }
    return promises::object_of(promise)->result;
}

PerryStatus perry_promise_on_settled(PerryValue promise, PerryPromiseCallback callback,
                                     void* userdata) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (callback == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    if (!promises::is_promise(promise)) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    const promises::Reaction reaction{promises::Reaction::kHost, callback,        userdata,
                                      PERRY_UNDEFINED,           PERRY_UNDEFINED, PERRY_UNDEFINED};
    return promises::add_reaction(promise, reaction) ? PERRY_OK
                                                     : runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
}

PerryStatus perry_promise_then(PerryValue promise, PerryValue on_fulfilled, PerryValue on_rejected,
                               PerryValue* out_derived) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (!promises::is_promise(promise)) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    for (PerryValue handler : {on_fulfilled, on_rejected}) {
        if (handler != PERRY_UNDEFINED && !closures::is_closure(handler)) {
            return runtime::fail(PERRY_STATUS_NOT_CALLABLE);
        }
    }
    // Allocating the derived promise may collect: the arguments are on this frame's stack.
    const PerryValue derived = promises::new_promise(false);
    if (derived == PERRY_UNDEFINED) {
        return perry_last_status();
    }
    const promises::Reaction reaction{
        promises::Reaction::kThen, nullptr, nullptr, on_fulfilled, on_rejected, derived};
    if (!promises::add_reaction(promise, reaction)) {
        return runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
    }
    if (out_derived != nullptr) {
        *out_derived = derived;
    }
    return PERRY_OK;
}

PerryStatus perry_promise_set_unhandled_rejection_handler(PerryUnhandledRejectionFn fn,
                                                          void* userdata) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    promises::g_unhandled_fn = fn;
    promises::g_unhandled_userdata = userdata;
    return PERRY_OK;
}

} // extern "C"

namespace perry::promises {

PerryValue make_error(const char* message, size_t length) {
    return perry_error_new(PERRY_ERROR_ERROR, message, length, nullptr, 0);
}

} // namespace perry::promises
