// Windows has no fork: run_isolated is not available there, and its callers do the work in
// process (can_run_isolated() tells them).
#include "perry/platform/isolation.h"

#include <cerrno>
#include <cstdlib>
#include <io.h>

namespace perry::platform {

bool can_run_isolated() {
    return false;
}

IsolatedRun run_isolated(void (*)(int, void*), void*) {
    IsolatedRun run;
    run.error = "Windows cannot run part of a program in a copy of its process (no fork)";
    return run;
}

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const unsigned ask = size > 0x40000000 ? 0x40000000u : static_cast<unsigned>(size);
        const int n = _write(fd, data, ask);
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

void leave_child(int code) {
    std::_Exit(code);
}

} // namespace perry::platform
