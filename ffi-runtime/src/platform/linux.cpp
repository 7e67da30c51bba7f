// The Linux platform: exact stack bounds from the thread's attributes, glibc's malloc tuning,
// prefaulting with MADV_POPULATE_WRITE, thread names. Memory and threads: memory_posix.cpp,
// pthreads.cpp.
#include "platform.h"

#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <sys/mman.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace perry::platform {

const char* name() {
    return "linux";
}

uintptr_t current_stack_top() {
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) {
        return 0;
    }
    void* base = nullptr;
    size_t size = 0;
    const bool known = pthread_attr_getstack(&attr, &base, &size) == 0;
    pthread_attr_destroy(&attr);
    return known ? reinterpret_cast<uintptr_t>(base) + size : 0;
}

void prefault(char* base, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    // One call faults the whole range in. Kernels before 5.14 refuse the advice; the pages then
    // fault in on first use, as everywhere else.
    madvise(base, bytes, MADV_POPULATE_WRITE);
#else
    (void)base, (void)bytes;
#endif
}

void tune_malloc() {
#if defined(__GLIBC__)
    // Keep up to 64 MiB of freed memory and serve blocks below 32 MiB from the arena, so a burst
    // of large frees is not returned to the kernel only to fault in again (see heap.cpp).
    static const bool tuned = [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 64 << 20);
        return true;
    }();
    (void)tuned;
#endif
}

void set_current_thread_name(const char* name) {
    char truncated[16]; // Linux's limit, NUL included; longer names are refused, not cut
    std::snprintf(truncated, sizeof truncated, "%s", name);
    pthread_setname_np(pthread_self(), truncated);
}

void current_thread_name(char* out, size_t capacity) {
    if (capacity == 0) {
        return;
    }
    if (pthread_getname_np(pthread_self(), out, capacity) != 0) {
        std::snprintf(out, capacity, "?");
    }
}

} // namespace perry::platform
