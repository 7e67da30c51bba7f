// Runtime-wide state shared by every surface: initialisation, the main thread, the thread-local
// last status, and the thread-affinity check. Internal to the runtime.
#pragma once

#include "perry/ffi.h"

namespace perry::runtime {

bool initialized();
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
