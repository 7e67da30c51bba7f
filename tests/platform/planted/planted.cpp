// Never compiled: the input of tools_platform_boundary_finds_planted_calls, which checks that the
// boundary check finds each OS call below (and none of the lookalikes).
#include "perry/platform/files.h"
#include <unistd.h>

void planted(int fd, File& file, const char* path) {
    ::flock(fd, LOCK_EX);
    ::open(path, 0);
    readlink("/proc/self/exe", nullptr, 0);
    file.read(nullptr, 0);
    // ::fork() in a comment is no call
    Reader::open(path);
    execv(path, nullptr);
}
