// Shared conventions of every `perry native` command: exit codes and the error line format.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace perry::cli {

// Exit codes of every command (design.md): 0 success, 1 the check found problems,
// 2 bad usage or unreadable input.
enum ExitCode : int { kExitOk = 0, kExitProblems = 1, kExitUsage = 2 };

// Prints `perry: error: <what>` on stderr, then `  fix: <how>` when a fix is known.
void print_error(std::string_view what, std::string_view how_to_fix = {});
void print_warning(std::string_view what, std::string_view how_to_fix = {});

// True when colour may be used on the given stream (a terminal and NO_COLOR unset).
bool use_color(int fd);

// Long listings to stdout (`perry native symbols` prints tens of thousands of lines): pieces are
// copied into one fixed buffer and written with write(2) when it fills. stdio costs a lock and a
// call per piece; one string holding the whole output costs fresh memory pages, which are slow
// to touch on the VMs this runs on. Do not mix with stdio writes to stdout.
class StdoutWriter {
public:
    StdoutWriter() = default;
    StdoutWriter(const StdoutWriter&) = delete;
    StdoutWriter& operator=(const StdoutWriter&) = delete;
    ~StdoutWriter() { flush(); }

    void put(std::string_view text) {
        if (text.size() > sizeof buffer_ - used_) {
            flush();
            if (text.size() > sizeof buffer_) return write_all(text);
        }
        std::memcpy(buffer_ + used_, text.data(), text.size());
        used_ += text.size();
    }
    void put(char c) {
        if (used_ == sizeof buffer_) flush();
        buffer_[used_++] = c;
    }
    void flush();

private:
    void write_all(std::string_view text);

    char buffer_[1 << 16];
    std::size_t used_ = 0;
};

} // namespace perry::cli
