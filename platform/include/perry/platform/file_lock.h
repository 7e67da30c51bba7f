// An exclusive advisory lock on a file, tied to the open file: released when it is destroyed and
// when the process ends however it ends (POSIX flock, Windows LockFileEx). Two FileLocks of one
// file exclude each other within one process too.
#pragma once

#include <cstdint>
#include <string>

namespace perry::platform {

class FileLock {
  public:
    // Opens (creating) `path`, not inherited by child processes; the lock is not taken yet.
    explicit FileLock(const std::string& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    bool opened() const { return handle_ != -1; }
    bool try_lock(); // without waiting
    bool lock();     // waits

  private:
    std::intptr_t handle_ = -1;
};

} // namespace perry::platform
