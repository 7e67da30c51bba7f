// Internal to the POSIX implementations: what the Linux and the generic POSIX variants do
// differently (src/linux/linux.cpp, src/posix/generic.cpp) and what the files share.
#pragma once

#include "perry/platform/files.h"

#include <cstddef>
#include <sys/types.h>

namespace perry::platform::detail {

FileKind kind_of_mode(mode_t mode);
// Writes all of `data` to `fd` (retrying after signals); false with errno set (EIO when the
// system wrote nothing) at the first failed write.
bool write_fully(int fd, const char* data, std::size_t size);
// A pipe whose two ends are not inherited by programs this process starts.
bool open_cloexec_pipe(int fds[2]);

} // namespace perry::platform::detail
