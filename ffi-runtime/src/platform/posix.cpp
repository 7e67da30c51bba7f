// The generic POSIX platform: macOS and the BSDs, and Linux when built with
// PERRY_PLATFORM=posix (so that these paths are tested on Linux too). No prefaulting and no
// malloc tuning; the stack top from each system's own call, else from the initial environment.
// Memory and threads: memory_posix.cpp, pthreads.cpp.
#include "platform.h"

#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <sys/resource.h>

#if defined(__FreeBSD__) || defined(__DragonFly__) || defined(__OpenBSD__)
#include <pthread_np.h>
#include <sys/param.h>
#endif

extern char** environ;

namespace perry::platform {
namespace {

// Where `environ` pointed when this file's initialisers ran, before main. At process start the
// argument and environment vectors sit at the top of the main thread's stack, above main's
// frame (the System V process layout every Unix follows); setenv may later move the array to
// the heap, hence the early copy and the checks where it is used.
const uintptr_t g_initial_environ = reinterpret_cast<uintptr_t>(environ);

// The stack top implied by the initial environment, if it is plausible for the calling thread:
// above the caller's frame and within the stack size limit. 0 otherwise.
__attribute__((noinline)) uintptr_t stack_top_from_environment() {
    volatile char here = 0;
    const auto frame = reinterpret_cast<uintptr_t>(&here);
    rlimit limit{};
    uintptr_t most = uintptr_t{1} << 30; // when the limit is unlimited or unknown
    if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        most = static_cast<uintptr_t>(limit.rlim_cur);
    }
    const uintptr_t top = g_initial_environ & ~uintptr_t{sizeof(void*) - 1};
    return top > frame && top - frame <= most ? top : 0;
}

} // namespace

const char* name() {
    return "posix";
}

uintptr_t current_stack_top() {
#if defined(__APPLE__)
    return reinterpret_cast<uintptr_t>(pthread_get_stackaddr_np(pthread_self()));
#elif defined(__FreeBSD__) || defined(__DragonFly__)
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    void* base = nullptr;
    size_t size = 0;
    const bool known = pthread_attr_get_np(pthread_self(), &attr) == 0 &&
                       pthread_attr_getstack(&attr, &base, &size) == 0;
    pthread_attr_destroy(&attr);
    return known ? reinterpret_cast<uintptr_t>(base) + size : stack_top_from_environment();
#elif defined(__OpenBSD__)
    stack_t stack{};
    return pthread_stackseg_np(pthread_self(), &stack) == 0
               ? reinterpret_cast<uintptr_t>(stack.ss_sp)
               : stack_top_from_environment();
#else
    return stack_top_from_environment();
#endif
}

void prefault(char*, size_t) {}

void tune_malloc() {}

void set_current_thread_name(const char* name) {
    char truncated[16]; // the smallest limit among the systems (Linux's), NUL included
    std::snprintf(truncated, sizeof truncated, "%s", name);
#if defined(__APPLE__)
    pthread_setname_np(truncated); // macOS names the calling thread only
#elif defined(__FreeBSD__) || defined(__DragonFly__) || defined(__OpenBSD__)
    pthread_set_name_np(pthread_self(), truncated);
#elif defined(__NetBSD__)
    pthread_setname_np(pthread_self(), "%s", truncated);
#elif defined(__GLIBC__)
    pthread_setname_np(pthread_self(), truncated);
#else
    (void)truncated;
#endif
}

void current_thread_name(char* out, size_t capacity) {
    if (capacity == 0) {
        return;
    }
    // macOS, glibc and NetBSD share pthread_getname_np's signature.
#if defined(__APPLE__) || defined(__GLIBC__) || defined(__NetBSD__)
    if (pthread_getname_np(pthread_self(), out, capacity) == 0) {
        return;
    }
#elif defined(__FreeBSD__) && __FreeBSD_version >= 1202000
    pthread_get_name_np(pthread_self(), out, capacity);
    return;
#endif
    std::snprintf(out, capacity, "?");
}

} // namespace perry::platform
