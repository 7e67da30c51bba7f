// Windows has no fork: run_isolated is not available there, and its callers do the work in
// process (can_run_isolated() tells them).
#include "perry/platform/isolation.h"

#include "windows_internal.h"

#include <cstdlib>

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
    return detail::write_fully(fd, data, size);
}

void leave_child(int code) {
    std::_Exit(code);
}

void silence_standard_error() {
    // Only a copy made by run_isolated calls this, and there is none on Windows.
}

} // namespace perry::platform
