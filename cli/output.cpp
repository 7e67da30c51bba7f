#include "output.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace perry::cli {

bool use_color(int fd) {
    const char* no_color = std::getenv("NO_COLOR");
    return (no_color == nullptr || *no_color == '\0') && isatty(fd) == 1;
}

static void print_diagnostic(const char* label, const char* color, std::string_view what,
                             std::string_view how_to_fix) {
    const bool color_on = use_color(STDERR_FILENO);
    std::fprintf(stderr, "perry: %s%s:%s %.*s\n", color_on ? color : "", label,
                 color_on ? "\033[0m" : "", static_cast<int>(what.size()), what.data());
    if (!how_to_fix.empty()) {
        std::fprintf(stderr, "  fix: %.*s\n", static_cast<int>(how_to_fix.size()),
                     how_to_fix.data());
    }
}

void StdoutWriter::flush() {
    write_all(std::string_view(buffer_, used_));
    used_ = 0;
}

void StdoutWriter::write_all(std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return; // a closed pipe (`| head`): nothing more can be shown
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

void print_error(std::string_view what, std::string_view how_to_fix) {
    print_diagnostic("error", "\033[1;31m", what, how_to_fix);
}

void print_warning(std::string_view what, std::string_view how_to_fix) {
    print_diagnostic("warning", "\033[1;33m", what, how_to_fix);
}

} // namespace perry::cli
