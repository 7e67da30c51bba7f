// What the Linux layer does differently from the generic POSIX one: the executable's path from
// /proc, and pipes created close-on-exec in one call (no window in which another thread's fork
// could inherit them).
#include "perry/platform/process.h"

#include "../posix/posix_internal.h"

#include <fcntl.h>
#include <unistd.h>

namespace perry::platform {

std::string executable_path() {
    return read_link("/proc/self/exe").value_or(std::string());
}

bool detail::open_cloexec_pipe(int fds[2]) {
    return ::pipe2(fds, O_CLOEXEC) == 0;
}

} // namespace perry::platform
