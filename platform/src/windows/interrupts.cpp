// Ctrl-C and termination of started programs on Windows. A program the tools start shares
// perry's console, so a Ctrl-C reaches it without help: perry only notes the event (so that a
// wait ends the program's job after the grace period) and, when the last forwarding ends, raises
// the matching signal so it ends as interrupted too.
#include "perry/platform/interrupts.h"

#include <atomic>
#include <csignal>
#include <mutex>
#include <windows.h>

namespace perry::platform {
namespace {

std::atomic<int> g_received{0};
std::mutex g_mutex;
int g_live = 0;

BOOL WINAPI note_event(DWORD event) {
    switch (event) {
    case CTRL_C_EVENT:
        g_received.store(SIGINT);
        return TRUE;
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
        g_received.store(SIGTERM);
        return TRUE;
    default:
        return FALSE;
    }
}

} // namespace

InterruptForwarding::InterruptForwarding() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_live++ == 0) {
        g_received.store(0);
        ::SetConsoleCtrlHandler(note_event, TRUE);
    }
}

void InterruptForwarding::forward_to(ProcessGroup group) {
    // An event that came while the program was starting did not reach it: end its job.
    if (g_received.load() != 0)
        end_process_group(group, false);
}

int InterruptForwarding::received() {
    return g_received.load();
}

InterruptForwarding::~InterruptForwarding() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (--g_live > 0)
        return;
    ::SetConsoleCtrlHandler(note_event, FALSE);
    if (const int signal_number = g_received.exchange(0))
        std::raise(signal_number);
}

void end_process_group(ProcessGroup group, bool /*force*/) {
    // A job has no gentle request to end: both ask for the same.
    ::TerminateJobObject(reinterpret_cast<HANDLE>(group), 1);
}

} // namespace perry::platform
