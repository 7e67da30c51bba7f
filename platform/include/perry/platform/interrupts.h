// Passing Ctrl-C and termination requests to the programs the tools start, and ending them.
//
// A program the tools start sits in a process group (Windows: a job) of its own, so that a
// timeout can end it with everything it started. That also means the terminal's Ctrl-C no longer
// reaches it, and a termination request sent to perry alone would leave it running. While at
// least one InterruptForwarding lives, perry catches SIGINT and SIGTERM (Windows: console control
// events) and passes them on to every registered group; when the last one is destroyed, the
// previous handlers come back and a received signal is raised again, so perry ends as signalled.
#pragma once

#include <cstdint>

namespace perry::platform {

// A POSIX process group id, or a Windows job HANDLE.
using ProcessGroup = std::intptr_t;

class InterruptForwarding {
  public:
    // Installs the handlers (on the first live instance). Create it before starting the program,
    // so that a signal arriving while it starts is not lost.
    InterruptForwarding();
    // Restores the handlers when it is the last live instance, and raises a received signal.
    ~InterruptForwarding();
    InterruptForwarding(const InterruptForwarding&) = delete;
    InterruptForwarding& operator=(const InterruptForwarding&) = delete;

    // The started program's group; a signal received before this is forwarded now.
    void forward_to(ProcessGroup group);
    // The signal received since the first live instance was made; 0: none.
    static int received();

  private:
    int slot_ = -1;
};

// Asks every process of `group` to end (SIGTERM), or makes them (`force`: SIGKILL; on Windows
// both terminate the job).
void end_process_group(ProcessGroup group, bool force);

} // namespace perry::platform
