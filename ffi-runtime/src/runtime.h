// Runtime-wide state shared by every surface: initialisation, the main thread, the thread-local
// last status, and the thread-affinity check. Internal to the runtime.
#pragma once

#include "perry/ffi.h"

#include <atomic>
#include <cstdint>

namespace perry::runtime {

// The main-thread test of hot paths (a closure call) without a libc call: each init gets a new
// epoch, stored in a global and in the initialising thread's thread-local slot; shutdown clears
// the global. The main thread is the one whose slot matches a nonzero global.
extern std::atomic<uint32_t> g_main_epoch;
// __thread, not thread_local: a trivially initialised slot needs no TLS wrapper call. The
// initial-exec model because the runtime is compiled position-independent: the default model
// there is a __tls_get_addr call, which the linker relaxes away in an executable but only after
// the compiler has laid out the caller around a call (five saved registers on the closure call
// path). Four bytes of static TLS are within what glibc reserves for a dlopen'ed object.
extern __thread uint32_t t_main_epoch __attribute__((tls_model("initial-exec")));
inline bool on_main_thread_fast() {
    const uint32_t epoch = t_main_epoch;
    return epoch != 0 && epoch == g_main_epoch.load(std::memory_order_acquire);
}

bool initialized();
// True after perry_runtime_shutdown until the next perry_runtime_init: lets functions allowed from
// any thread (a settlement) say SHUT_DOWN rather than NOT_INITIALIZED when they arrive late.
bool shut_down();
bool on_main_thread();

// Records `status` as this thread's last status and returns it, so failing paths read
// `return fail(PERRY_STATUS_...)`.
PerryStatus fail(PerryStatus status);

// PerryRuntimeOptions.worker_threads of the current init (0: the number of cores).
uint32_t worker_threads();

// The guard at the top of every main-thread-only function. Returns PERRY_OK, or NOT_INITIALIZED
// / WRONG_THREAD (recorded as the last status). In a checked build (PERRY_CHECKED) a call from
// another thread aborts with a message naming `function` and the calling thread.
PerryStatus require_main_thread(const char* function);

// Subsystems (handles, the pool, the pump) register what must run at shutdown, before the heap
// is freed. Hooks run once, in reverse order of registration, and are then forgotten: a
// subsystem registers again when it is first used after the next init.
using ShutdownHook = void (*)();
void add_shutdown_hook(ShutdownHook hook);

} // namespace perry::runtime
