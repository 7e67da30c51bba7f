// The runtime's platform layer: every call the runtime makes into the operating system, behind
// plain functions. One implementation per platform is compiled in (CMake's PERRY_PLATFORM):
//   linux.cpp    Linux (glibc or musl): exact stack bounds, malloc tuning, prefaulting;
//   posix.cpp    other POSIX systems (macOS, the BSDs), and any Linux built with
//                PERRY_PLATFORM=posix so that those paths are tested here;
//   pthreads.cpp and memory_posix.cpp, shared by both;
//   windows.cpp  Windows 8 and later (Win32 threads, VirtualAlloc).
// No file of the runtime outside this folder includes an OS header or calls an OS function (the
// test ffi_platform_boundary checks it). See docs/abi/platforms.md for what each platform does
// and the fallbacks where one cannot.
#pragma once

#include <cstddef>
#include <cstdint>

namespace perry::platform {

// The name of the implementation compiled in ("linux", "posix", "windows"), for diagnostics
// and tests.
const char* name();

// ---- the stack ----

// The highest address of the calling thread's stack (stacks grow down on every platform the
// runtime supports): the conservative scan reads from its own frame up to here. Called on the
// main thread at init. 0 when the platform cannot tell; the runtime then refuses to initialise
// rather than collect without seeing the stack.
uintptr_t current_stack_top();

// ---- memory ----

// `bytes` of zeroed, readable and writable memory aligned to `alignment` (a power of two, a
// multiple of the page size), or null. Released with release_aligned(base, bytes).
char* map_aligned(size_t bytes, size_t alignment);
void release_aligned(char* base, size_t bytes);
// Faults in the pages of a range about to be written, in one call where the platform can (a trap
// per page is slow on virtual machines); elsewhere nothing, and the pages fault on first use.
void prefault(char* base, size_t bytes);
// Tunes the C allocator for a program whose runtime frees large blocks in bursts (see heap.cpp);
// a no-op where the allocator has no such settings. Process-wide, idempotent.
void tune_malloc();

// ---- threads ----

// A joinable native thread. Opaque storage, large enough for every platform's handle.
struct Thread {
    alignas(8) unsigned char storage[16];
};
using ThreadMain = void* (*)(void* arg);
// Starts `main(arg)` on a new thread; false when the platform refused (the thread did not start).
bool start_thread(Thread* thread, ThreadMain main, void* arg);
void join_thread(Thread& thread);
// Names the calling thread for debuggers and diagnostics (truncated to the platform's limit,
// 15 bytes on Linux); a no-op where threads have no names.
void set_current_thread_name(const char* name);
// Writes the calling thread's name (NUL-terminated, "?" when unknown) to `out`.
void current_thread_name(char* out, size_t capacity);

} // namespace perry::platform
