// Threads through POSIX threads: shared by the Linux and the generic POSIX platforms. (pthreads
// rather than std::thread: std::thread's per-callable template instantiations would export weak
// std:: symbols from the archive.)
#include "platform.h"

#include <cstring>
#include <pthread.h>

namespace perry::platform {

static_assert(sizeof(pthread_t) <= sizeof(Thread::storage), "Thread's storage holds a pthread_t");

bool start_thread(Thread* thread, ThreadMain main, void* arg) {
    pthread_t handle;
    if (pthread_create(&handle, nullptr, main, arg) != 0) {
        return false;
    }
    std::memcpy(thread->storage, &handle, sizeof handle);
    return true;
}

void join_thread(Thread& thread) {
    pthread_t handle;
    std::memcpy(&handle, thread.storage, sizeof handle);
    pthread_join(handle, nullptr);
}

} // namespace perry::platform
