// The blocking work pool: a bounded set of worker threads, tasks with private arenas, delivery
// of their results on the main thread.
#include "work.h"

#include "closures.h"
#include "platform/platform.h"
#include "pump.h"
#include "runtime.h"
#include "spin.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread> // hardware_concurrency

namespace perry::work {
namespace {

struct Pool {
    std::mutex mutex;
    std::condition_variable has_tasks;
    std::deque<Task*> queue;
    // The platform's threads rather than std::thread: std::thread's per-callable template
    // instantiations would export weak std:: symbols from the archive (exported-symbols.txt).
    std::vector<platform::Thread> threads;
    bool stopping = false;
    std::atomic<size_t> queued{0}; // queue.size(), for spinning without the lock
};

Pool& pool() {
    static auto* instance = new Pool();
    return *instance;
}

std::atomic<uint64_t> g_in_flight{0};
std::atomic<uint32_t> g_pool_size{0};
thread_local Task* t_current = nullptr;

void run_task(Task* task) {
    t_current = task;
    heap::set_thread_arena(&task->arena);
    if (task->fn != nullptr) {
        const PerryValue value = task->fn(task->ctx);
        if (!task->rejected) {
            task->outcome = value;
        }
    } else {
        task->work(task->ctx);
    }
    heap::set_thread_arena(nullptr);
    t_current = nullptr;
    pump::post_task_done(task);
}

void* worker_main(void* arg) {
    const auto index = static_cast<unsigned>(reinterpret_cast<uintptr_t>(arg));
    char name[16];
    std::snprintf(name, sizeof name, "perry-worker-%u", index % 100);
    platform::set_current_thread_name(name);
    Pool& p = pool();
    for (;;) {
        Task* task = nullptr;
        spin::until([&p] { return p.queued.load(std::memory_order_acquire) != 0; }, spin::kBudget);
        {
            std::unique_lock<std::mutex> lock(p.mutex);
            p.has_tasks.wait(lock, [&p] { return p.stopping || !p.queue.empty(); });
            if (p.queue.empty()) {
                return nullptr; // stopping, and every queued task has run
            }
            task = p.queue.front();
            p.queue.pop_front();
            p.queued.store(p.queue.size(), std::memory_order_release);
        }
        run_task(task);
    }
}

// Starts the threads on first use after an init; false when no thread could start. Main
// thread.
bool start_pool() {
    Pool& p = pool();
    if (!p.threads.empty()) {
        return true;
    }
    uint32_t size = runtime::worker_threads();
    if (size == 0) {
        size = std::max(1u, std::thread::hardware_concurrency());
    }
    p.stopping = false;
    for (uint32_t i = 0; i < size; ++i) {
        platform::Thread thread;
        if (!platform::start_thread(&thread, worker_main, reinterpret_cast<void*>(uintptr_t{i}))) {
            break; // run with the threads that could start
        }
        p.threads.push_back(thread);
    }
    if (p.threads.empty()) {
        return false;
    }
    g_pool_size.store(static_cast<uint32_t>(p.threads.size()));
    return true;
}

PerryValue submit(Task* task) {
    pump::ensure_started();
    const PerryValue promise = perry_promise_new();
    if (promise == PERRY_UNDEFINED) {
        delete task;
        return PERRY_UNDEFINED;
    }
    task->promise = promise;
    if (!start_pool()) {
        delete task;
        runtime::fail(PERRY_STATUS_OUT_OF_MEMORY); // the system refused every thread
        return PERRY_UNDEFINED;
    }
    Pool& p = pool();
    {
        std::lock_guard<std::mutex> lock(p.mutex);
        if (p.stopping) {
            delete task;
            runtime::fail(PERRY_STATUS_SHUT_DOWN);
            return PERRY_UNDEFINED;
        }
        p.queue.push_back(task);
        p.queued.store(p.queue.size(), std::memory_order_release);
    }
    g_in_flight.fetch_add(1);
    p.has_tasks.notify_one();
    return promise;
}

} // namespace

Task* current_task() {
    return t_current;
}

void deliver(Task* task) {
    heap::adopt_arena(task->arena);
    for (const promises::Settlement& settlement : task->settlements) {
        promises::apply(settlement);
    }
    if (task->complete != nullptr) {
        // complete may call perry_task_reject too: it runs as part of the task.
        t_current = task;
        PerryValue value = task->complete(task->ctx, PERRY_OK);
        t_current = nullptr;
        if (closures::take_pending_exception(&value)) {
            task->rejected = true;
            task->reject_with_message = false;
            task->outcome = value;
        } else if (!task->rejected) {
            task->outcome = value;
        }
    }
    if (task->reject_with_message) {
        promises::Settlement settlement;
        settlement.promise = task->promise;
        settlement.rejected = true;
        settlement.with_message = true;
        settlement.message = std::move(task->reject_message);
        if (promises::claim(task->promise)) {
            promises::apply(settlement);
        }
    } else {
        promises::settle_now(task->promise, task->outcome, task->rejected);
    }
    // The values stay pinned until the reactions that receive them have run.
    promises::run_jobs();
    heap::release_arena(task->arena);
    delete task;
    g_in_flight.fetch_sub(1);
}

void cancel(Task* task) {
    heap::discard_arena(task->arena);
    if (task->complete != nullptr) {
        task->complete(task->ctx, PERRY_STATUS_SHUT_DOWN);
    }
    delete task;
    g_in_flight.fetch_sub(1);
}

void stop_pool() {
    Pool& p = pool();
    {
        std::lock_guard<std::mutex> lock(p.mutex);
        p.stopping = true;
    }
    p.has_tasks.notify_all();
    for (platform::Thread& thread : p.threads) {
        platform::join_thread(thread);
    }
    p.threads.clear();
    g_pool_size.store(0);
    std::lock_guard<std::mutex> lock(p.mutex);
    p.stopping = false; // the next init starts a fresh pool
}

uint64_t in_flight() {
    return g_in_flight.load();
}

} // namespace perry::work

using namespace perry;

extern "C" {

PerryValue perry_spawn_blocking(PerryBlockingFn fn, void* ctx) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    if (fn == nullptr) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    auto* task = new work::Task();
    task->fn = fn;
    task->ctx = ctx;
    return work::submit(task);
}

PerryValue perry_spawn_blocking_deferred(PerryWorkFn work, PerryCompleteFn complete, void* ctx) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    if (work == nullptr || complete == nullptr) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    auto* task = new work::Task();
    task->work = work;
    task->complete = complete;
    task->ctx = ctx;
    return work::submit(task);
}

PerryStatus perry_task_reject(PerryValue reason) {
    work::Task* task = work::t_current;
    if (task == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    task->rejected = true;
    task->reject_with_message = false;
    task->outcome = reason;
    return PERRY_OK;
}

PerryStatus perry_task_reject_string(const char* message, size_t length) {
    work::Task* task = work::t_current;
    if (task == nullptr || (message == nullptr && length != 0)) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    if (length > UINT32_MAX) {
        return runtime::fail(PERRY_STATUS_TOO_LARGE);
    }
    task->rejected = true;
    task->reject_with_message = true;
    task->reject_message.assign(message != nullptr ? message : "", length);
    return PERRY_OK;
}

bool perry_task_is_running(void) {
    return work::t_current != nullptr;
}

uint32_t perry_work_pool_size(void) {
    return work::g_pool_size.load();
}

uint64_t perry_work_in_flight(void) {
    return work::in_flight();
}

} // extern "C"
