// Forwarding SIGINT and SIGTERM received by perry to the process groups of the programs it runs.
//
// A program started by run_process sits in a process group of its own (so that a timeout can end
// it with everything it started), which also means the terminal's Ctrl-C no longer reaches it and
// a SIGTERM sent to perry alone would leave it running. While at least one program runs, perry
// catches both signals and passes them on to every running group; when the last one has ended,
// the previous handlers come back and the signal is raised again, so perry ends as signalled.
#pragma once

#include <sys/types.h>

namespace perry::linker::detail {

class SignalForwarding {
  public:
    // Installs the handlers (on the first live instance). Create it before starting the program,
    // so that a signal arriving while it starts is not lost.
    SignalForwarding();
    // Restores the handlers when it is the last live instance, and raises a received signal.
    ~SignalForwarding();
    SignalForwarding(const SignalForwarding&) = delete;
    SignalForwarding& operator=(const SignalForwarding&) = delete;

    // The started program's process group; a signal received before this is forwarded now.
    void forward_to(pid_t group);
    // The signal received since the first live instance was made; 0: none.
    static int received();

  private:
    int slot_ = -1;
};

} // namespace perry::linker::detail
