// Aligned memory through mmap: shared by the Linux and the generic POSIX platforms.
#include "platform.h"

#include <sys/mman.h>

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON // the older BSD spelling
#endif

namespace perry::platform {

// mmap aligns only to pages: map `bytes + alignment` and unmap the unaligned head and tail.
// Anonymous mappings are zero-filled.
char* map_aligned(size_t bytes, size_t alignment) {
    const size_t span = bytes + alignment;
    void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        return nullptr;
    }
    const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t aligned = (start + alignment - 1) & ~(uintptr_t{alignment} - 1);
    const uintptr_t end = aligned + bytes;
    if (aligned != start) {
        munmap(raw, aligned - start);
    }
    if (end != start + span) {
        munmap(reinterpret_cast<void*>(end), start + span - end);
    }
    return reinterpret_cast<char*>(aligned);
}

void release_aligned(char* base, size_t bytes) {
    munmap(base, bytes);
}

} // namespace perry::platform
