// Initialisation, shutdown, the main thread, status codes and version queries.
#include "runtime.h"

#include "heap.h"
#include "platform/platform.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace perry::runtime {

std::atomic<uint32_t> g_main_epoch{0};
__thread uint32_t t_main_epoch __attribute__((tls_model("initial-exec"))) = 0;

namespace {

uint32_t g_last_epoch = 0; // written by init only (on the thread that becomes main)

std::atomic<bool> g_initialized{false};
std::atomic<bool> g_shut_down{false};
std::atomic<uint32_t> g_worker_threads{0};
thread_local PerryStatus t_last_status = PERRY_OK;

std::mutex g_hooks_mutex;
std::vector<ShutdownHook> g_shutdown_hooks;

bool env_flag(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && value[0] != '\0' && std::strcmp(value, "0") != 0;
}

} // namespace

uint32_t worker_threads() {
    return g_worker_threads.load();
}

bool initialized() {
    return g_initialized.load(std::memory_order_acquire);
}
bool shut_down() {
    return g_shut_down.load(std::memory_order_acquire);
}

bool on_main_thread() {
    return initialized() && on_main_thread_fast();
}

PerryStatus fail(PerryStatus status) {
    t_last_status = status;
    return status;
}

PerryStatus require_main_thread(const char* function) {
    if (!initialized()) {
        return fail(PERRY_STATUS_NOT_INITIALIZED);
    }
    if (!on_main_thread_fast()) {
#ifdef PERRY_CHECKED
        char name[64] = "?";
        platform::current_thread_name(name, sizeof name);
        std::fprintf(stderr,
                     "perry: fatal: %s is main-thread only but was called from thread '%s' "
                     "(checked build, PERRY_CHECKED)\n",
                     function, name);
        std::abort();
#else
        (void)function;
        return fail(PERRY_STATUS_WRONG_THREAD);
#endif
    }
    return PERRY_OK;
}

void add_shutdown_hook(ShutdownHook hook) {
    std::lock_guard<std::mutex> lock(g_hooks_mutex);
    g_shutdown_hooks.push_back(hook);
}

} // namespace perry::runtime

using namespace perry;

extern "C" {

uint32_t perry_ffi_version(void) {
    return PERRY_FFI_VERSION;
}

const char* perry_ffi_version_string(void) {
#define PERRY_STR_(x) #x
#define PERRY_XSTR_(x) PERRY_STR_(x)
    return PERRY_XSTR_(PERRY_FFI_VERSION_MAJOR) "." PERRY_XSTR_(
        PERRY_FFI_VERSION_MINOR) "." PERRY_XSTR_(PERRY_FFI_VERSION_PATCH);
#undef PERRY_XSTR_
#undef PERRY_STR_
}

// C callers may pass any int as a PerryStatus; reading it as the enum type would be undefined
// behaviour in C++ for values outside the enum's range, so read the bytes as an int.
static int status_code(const PerryStatus& status) {
    int code;
    static_assert(sizeof code == sizeof status, "PerryStatus is int-sized");
    std::memcpy(&code, &status, sizeof code);
    return code;
}

const char* perry_status_name(PerryStatus status) {
    switch (status_code(status)) {
#define PERRY_STATUS_NAME_(name, value, message)                                                   \
    case PERRY_STATUS_##name:                                                                      \
        return "PERRY_STATUS_" #name;
        PERRY_STATUS_MAP(PERRY_STATUS_NAME_)
#undef PERRY_STATUS_NAME_
    default:
        return "PERRY_STATUS_UNKNOWN";
    }
}

const char* perry_status_message(PerryStatus status) {
    switch (status_code(status)) {
#define PERRY_STATUS_MESSAGE_(name, value, message)                                                \
    case PERRY_STATUS_##name:                                                                      \
        return message;
        PERRY_STATUS_MAP(PERRY_STATUS_MESSAGE_)
#undef PERRY_STATUS_MESSAGE_
    default:
        return "unknown status";
    }
}

PerryStatus perry_last_status(void) {
    return runtime::t_last_status;
}
void perry_clear_last_status(void) {
    runtime::t_last_status = PERRY_OK;
}

PerryStatus perry_runtime_init(const PerryRuntimeOptions* options) {
    bool expected = false;
    if (runtime::g_initialized.load()) {
        return runtime::fail(PERRY_STATUS_ALREADY_INITIALIZED);
    }
    PerryRuntimeOptions defaults{};
    defaults.struct_size = sizeof defaults;
    if (options != nullptr) {
        if (options->struct_size < offsetof(PerryRuntimeOptions, reserved)) {
            return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        }
        std::memcpy(&defaults, options,
                    options->struct_size < sizeof defaults ? options->struct_size
                                                           : sizeof defaults);
    }
    const bool stress =
        (defaults.flags & PERRY_RUNTIME_GC_STRESS) != 0 || runtime::env_flag("PERRY_GC_STRESS");
    // Without the stack's bounds the collector could not see the main thread's values: refuse
    // to start rather than free live objects later.
    const uintptr_t stack_top = platform::current_stack_top();
    if (stack_top == 0) {
        return runtime::fail(PERRY_STATUS_INTERNAL);
    }
    runtime::t_main_epoch = ++runtime::g_last_epoch;
    runtime::g_main_epoch.store(runtime::t_main_epoch, std::memory_order_release);
    runtime::g_worker_threads.store(defaults.worker_threads);
    heap::init(defaults.gc_threshold, stress,
               (defaults.flags & PERRY_RUNTIME_KEEP_MALLOC_SETTINGS) == 0, stack_top);
    if (!runtime::g_initialized.compare_exchange_strong(expected, true)) {
        return runtime::fail(PERRY_STATUS_ALREADY_INITIALIZED);
    }
    runtime::g_shut_down.store(false, std::memory_order_release);
    return PERRY_OK;
}

PerryStatus perry_runtime_shutdown(void) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    std::vector<runtime::ShutdownHook> hooks;
    {
        std::lock_guard<std::mutex> lock(runtime::g_hooks_mutex);
        hooks.swap(runtime::g_shutdown_hooks);
    }
    for (auto it = hooks.rbegin(); it != hooks.rend(); ++it) {
        (*it)();
    }
    heap::shutdown();
    runtime::g_main_epoch.store(0, std::memory_order_release);
    runtime::g_shut_down.store(true, std::memory_order_release);
    runtime::g_initialized.store(false, std::memory_order_release);
    return PERRY_OK;
}

bool perry_runtime_is_initialized(void) {
    return runtime::initialized();
}
bool perry_is_main_thread(void) {
    return runtime::on_main_thread();
}

} // extern "C"
