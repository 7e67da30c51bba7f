// The event pump: the cross-thread inbox, the main thread's turns, auxiliary pumps, shutdown of
// the async subsystems.
#include "pump.h"

#include "errors.h"
#include "handles.h"
#include "runtime.h"
#include "spin.h"
#include "work.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace perry::pump {
namespace {

// One message from another thread to the main thread.
struct Message {
    promises::Settlement settlement; // when task is null
    work::Task* task = nullptr;      // a finished blocking task
};

// The inbox: the only state other threads touch. `closed` is set at shutdown (and stays set
// until the next ensure_started), so a late settlement is refused without touching its promise.
struct Inbox {
    std::mutex mutex;
    std::condition_variable wake;
    std::vector<Message> messages;
    bool closed = false;
    bool waiting = false;  // the main thread sleeps on `wake`
    bool notified = false; // perry_notify_main_thread since the last wait
    // messages.size(), readable without the lock: the main thread polls it every turn while
    // other threads hold the lock to post.
    std::atomic<size_t> count{0};
};

Inbox& inbox() {
    static auto* instance = new Inbox(); // never destroyed: threads may post during exit
    return *instance;
}

struct AuxPump {
    std::string name;
    PerryAuxPumpFn pump;
    PerryAuxActiveFn has_active;
    void* userdata;
};

// Main-thread state.
bool g_started = false;
std::vector<AuxPump> g_aux_pumps;
std::vector<Message> g_batch; // the messages being applied; roots while they are

void mark_messages(heap::Marker& marker, const std::vector<Message>& messages) {
    for (const Message& message : messages) {
        if (message.task == nullptr) {
            marker.value(message.settlement.promise);
            marker.value(message.settlement.value);
        }
    }
}

void scan_roots(heap::Marker& marker) {
    mark_messages(marker, g_batch);
    Inbox& box = inbox();
    std::lock_guard<std::mutex> lock(box.mutex);
    mark_messages(marker, box.messages);
}

bool aux_active() {
    for (const AuxPump& aux : g_aux_pumps) {
        if (aux.has_active != nullptr && aux.has_active(aux.userdata)) {
            return true;
        }
    }
    return false;
}

bool inbox_empty() {
    return inbox().count.load(std::memory_order_acquire) == 0;
}

// Something that a turn would do right now.
bool ready() {
    return promises::has_jobs() || !inbox_empty();
}

// Something that keeps the loop alive.
bool pending() {
    return ready() || work::in_flight() != 0 || aux_active();
}

// Sleeps until a message or a notification arrives; at most 1 ms while an auxiliary pump is
// active (it may have work without notifying).
void wait_for_work() {
    Inbox& box = inbox();
    // A blocking task in flight usually delivers soon: spin briefly before sleeping.
    if (work::in_flight() != 0 &&
        spin::until([&box] { return box.count.load(std::memory_order_acquire) != 0; },
                    spin::kBudget)) {
        return;
    }
    const bool poll = aux_active();
    std::unique_lock<std::mutex> lock(box.mutex);
    box.waiting = true;
    auto woken = [&box] { return !box.messages.empty() || box.notified; };
    if (poll) {
        box.wake.wait_for(lock, std::chrono::milliseconds(1), woken);
    } else {
        box.wake.wait(lock, woken);
    }
    box.waiting = false;
    box.notified = false;
}

void apply_batch() {
    {
        Inbox& box = inbox();
        std::lock_guard<std::mutex> lock(box.mutex);
        g_batch.swap(box.messages);
        box.count.store(0, std::memory_order_release);
    }
    for (Message& message : g_batch) {
        if (message.task != nullptr) {
            work::deliver(message.task);
            message.task = nullptr;
        } else {
            promises::apply(message.settlement);
        }
    }
    g_batch.clear();
}

// Handle ids dropped during the turn become reusable only after it (the quarantine).
void end_handle_turn() {
    handles::end_pump_turn();
}

void turn() {
    apply_batch();
    promises::run_jobs();
    if (!g_aux_pumps.empty()) {
        // A pump may register or unregister pumps: iterate over a copy.
        const std::vector<AuxPump> pumps = g_aux_pumps;
        for (const AuxPump& aux : pumps) {
            aux.pump(aux.userdata);
        }
        promises::run_jobs();
    }
    promises::report_unhandled();
    end_handle_turn();
}

// An exception a host callback or an auxiliary pump left pending ends the run: the host reads
// it (perry_exception_take), as it would after calling a binding function.
PerryStatus turn_status() {
    return exceptions::has_pending() ? runtime::fail(PERRY_STATUS_PENDING_EXCEPTION) : PERRY_OK;
}

void shutdown() {
    Inbox& box = inbox();
    {
        std::lock_guard<std::mutex> lock(box.mutex);
        box.closed = true;
    }
    work::stop_pool();
    std::vector<Message> left;
    {
        std::lock_guard<std::mutex> lock(box.mutex);
        left.swap(box.messages);
        box.count.store(0, std::memory_order_release);
    }
    for (Message& message : left) {
        if (message.task != nullptr) {
            work::cancel(message.task);
        }
    }
    promises::reset();
    g_aux_pumps.clear();
    g_batch.clear();
    g_started = false;
}

} // namespace

void ensure_started() {
    if (g_started) {
        return;
    }
    g_started = true;
    {
        Inbox& box = inbox();
        std::lock_guard<std::mutex> lock(box.mutex);
        box.closed = false;
        box.notified = false;
    }
    heap::add_internal_root_scanner(scan_roots);
    promises::register_roots();
    runtime::add_shutdown_hook(shutdown);
}

PerryStatus post_settlement(promises::Settlement&& settlement) {
    Inbox& box = inbox();
    std::unique_lock<std::mutex> lock(box.mutex);
    if (box.closed) {
        return runtime::fail(PERRY_STATUS_SHUT_DOWN);
    }
    if (!runtime::initialized()) {
        return runtime::fail(runtime::shut_down() ? PERRY_STATUS_SHUT_DOWN
                                                  : PERRY_STATUS_NOT_INITIALIZED);
    }
    if (!promises::is_promise(settlement.promise)) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    if (!promises::claim(settlement.promise)) {
        return runtime::fail(PERRY_STATUS_ALREADY_SETTLED);
    }
    box.messages.push_back(Message{std::move(settlement), nullptr});
    box.count.store(box.messages.size(), std::memory_order_release);
    if (box.waiting) {
        lock.unlock();
        box.wake.notify_one();
    }
    return PERRY_OK;
}

void post_task_done(work::Task* task) {
    Inbox& box = inbox();
    std::unique_lock<std::mutex> lock(box.mutex);
    box.messages.push_back(Message{promises::Settlement{}, task});
    box.count.store(box.messages.size(), std::memory_order_release);
    if (box.waiting) {
        lock.unlock();
        box.wake.notify_one();
    }
}

} // namespace perry::pump

using namespace perry;

extern "C" {

PerryStatus perry_pump_run(PerryPumpMode mode) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    pump::ensure_started();
    // C callers may pass any int: read it as one (an out-of-range enum value is UB in C++).
    int code;
    static_assert(sizeof code == sizeof mode, "PerryPumpMode is int-sized");
    std::memcpy(&code, &mode, sizeof code);
    switch (code) {
    case PERRY_PUMP_ONCE:
        if (!pump::ready() && pump::pending()) {
            pump::wait_for_work();
        }
        pump::turn();
        return pump::turn_status();
    case PERRY_PUMP_NOWAIT:
        pump::turn();
        return pump::turn_status();
    case PERRY_PUMP_UNTIL_IDLE:
        do {
            if (!pump::ready() && pump::pending()) {
                pump::wait_for_work();
            }
            pump::turn();
            if (PerryStatus status = pump::turn_status(); status != PERRY_OK) {
                return status;
            }
        } while (pump::pending());
        return PERRY_OK;
    }
    return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
}

bool perry_pump_has_pending(void) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return false;
    }
    return pump::pending();
}

PerryStatus perry_pump_await(PerryValue promise, PerryPromiseState* out_state,
                             PerryValue* out_result) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (!promises::is_promise(promise)) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    pump::ensure_started();
    // Awaiting consumes the outcome, as JavaScript's `await` attaches a reaction: a rejection
    // that reaches the caller is handled, not reported as unhandled at the end of a turn.
    promises::mark_handled(promise);
    while (perry_promise_state(promise) == PERRY_PROMISE_PENDING) {
        if (!pump::pending()) {
            return runtime::fail(PERRY_STATUS_DEADLOCK);
        }
        if (!pump::ready()) {
            pump::wait_for_work();
        }
        pump::turn();
        if (PerryStatus status = pump::turn_status(); status != PERRY_OK) {
            return status;
        }
    }
    if (out_state != nullptr) {
        *out_state = perry_promise_state(promise);
    }
    if (out_result != nullptr) {
        *out_result = perry_promise_result(promise);
    }
    return PERRY_OK;
}

void perry_notify_main_thread(void) {
    pump::Inbox& box = pump::inbox();
    std::unique_lock<std::mutex> lock(box.mutex);
    box.notified = true;
    if (box.waiting) {
        lock.unlock();
        box.wake.notify_one();
    }
}

PerryStatus perry_pump_register(const char* name, PerryAuxPumpFn pump, PerryAuxActiveFn has_active,
                                void* userdata) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (name == nullptr || pump == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    pump::ensure_started();
    for (const pump::AuxPump& aux : pump::g_aux_pumps) {
        if (aux.name == name) {
            const bool same =
                aux.pump == pump && aux.has_active == has_active && aux.userdata == userdata;
            return same ? PERRY_OK : runtime::fail(PERRY_STATUS_ALREADY_REGISTERED);
        }
    }
    pump::g_aux_pumps.push_back({name, pump, has_active, userdata});
    return PERRY_OK;
}

PerryStatus perry_pump_unregister(const char* name) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (name == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    auto& pumps = pump::g_aux_pumps;
    for (auto it = pumps.begin(); it != pumps.end(); ++it) {
        if (it->name == name) {
            pumps.erase(it);
            return PERRY_OK;
        }
    }
    return runtime::fail(PERRY_STATUS_NOT_FOUND);
}

} // extern "C"
