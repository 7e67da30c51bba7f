// Forwarding SIGINT and SIGTERM to the process groups of started programs (POSIX).
#include "perry/platform/interrupts.h"

#include <atomic>
#include <csignal>
#include <mutex>
#include <signal.h>

namespace perry::platform {
namespace {

// A fixed table the handler can read without locks or allocation (async-signal-safe).
constexpr int kSlots = 64;
std::atomic<pid_t> g_groups[kSlots];
std::atomic<int> g_received{0};

std::mutex g_mutex; // guards the counters and the saved handlers below
int g_live = 0;
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

extern "C" void forward_signal(int signal_number) {
    g_received.store(signal_number);
    for (std::atomic<pid_t>& group : g_groups) {
        const pid_t pid = group.load();
        if (pid > 0)
            ::killpg(pid, signal_number);
    }
}

} // namespace

InterruptForwarding::InterruptForwarding() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_live++ == 0) {
        g_received.store(0);
        struct sigaction action {};
        action.sa_handler = forward_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, &g_previous_int);
        ::sigaction(SIGTERM, &action, &g_previous_term);
    }
}

void InterruptForwarding::forward_to(ProcessGroup group) {
    const auto pid = static_cast<pid_t>(group);
    for (int i = 0; i < kSlots && slot_ < 0; ++i) {
        pid_t empty = 0;
        if (g_groups[i].compare_exchange_strong(empty, pid))
            slot_ = i;
    }
    // A signal that came while the program was starting had no group to reach yet.
    if (const int signal_number = g_received.load())
        ::killpg(pid, signal_number);
}

int InterruptForwarding::received() {
    return g_received.load();
}

InterruptForwarding::~InterruptForwarding() {
    if (slot_ >= 0)
        g_groups[slot_].store(0);
    std::lock_guard<std::mutex> lock(g_mutex);
    if (--g_live > 0)
        return;
    ::sigaction(SIGINT, &g_previous_int, nullptr);
    ::sigaction(SIGTERM, &g_previous_term, nullptr);
    if (const int signal_number = g_received.exchange(0))
        ::raise(signal_number);
}

void end_process_group(ProcessGroup group, bool force) {
    ::killpg(static_cast<pid_t>(group), force ? SIGKILL : SIGTERM);
}

} // namespace perry::platform
