#include "output.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace perry::cli {
namespace {

// The length of the well-formed UTF-8 sequence at text[at] and its code point, or 0 when the
// bytes there are not one (a stray continuation byte, an overlong form, a surrogate, a code
// point above U+10FFFF, a sequence cut short).
std::size_t decode_utf8(std::string_view text, std::size_t at, char32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, minimum = 0x80, code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, minimum = 0x800, code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, minimum = 0x10000, code_point = lead & 0x07;
    } else {
        return 0;
    }
    if (text.size() - at < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        code_point = (code_point << 6) | (byte(i) & 0x3F);
    }
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (code_point < minimum || surrogate || code_point > 0x10FFFF)
        return 0;
    return length;
}

// Code points that change how a terminal shows what follows them.
bool is_unsafe(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

const char kHexDigits[] = "0123456789abcdef";

void append_escape(std::string& out, char32_t c) {
    switch (c) {
    case '\n':
        out += "\\n";
        return;
    case '\t':
        out += "\\t";
        return;
    case '\r':
        out += "\\r";
        return;
    default:
        break;
    }
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += kHexDigits[(c >> shift) & 0xF];
}

// errno of the first failed write to standard output that bypassed stdio; 0 while none failed.
int stdout_write_error = 0;

void check_stdout_at_exit() {
    errno = 0;
    const bool flush_failed = std::fflush(stdout) != 0;
    int error = stdout_write_error;
    if (error == 0 && flush_failed)
        error = errno != 0 ? errno : EIO;
    if (error == 0 && std::ferror(stdout))
        error = EIO; // an earlier stdio write failed
    if (error == 0)
        return;
    print_error(std::string("cannot write to standard output: ") + std::strerror(error),
                "check where standard output goes (a full disk, a closed pipe or descriptor)");
    // _Exit: the process is ending anyway, and exit() may not be called again from here.
    std::_Exit(kExitUsage);
}

// Registered before main() runs, so every command's output is checked.
[[maybe_unused]] const bool stdout_check_registered = std::atexit(check_stdout_at_exit) == 0;

} // namespace

bool is_valid_utf8(std::string_view text) {
    char32_t ignored = 0;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = decode_utf8(text, at, ignored);
        if (length == 0)
            return false;
        at += length;
    }
    return true;
}

bool is_terminal_safe(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x20 && byte < 0x7F) {
            ++at;
            continue;
        }
        char32_t c = 0;
        const std::size_t length = decode_utf8(text, at, c);
        if (length == 0 || is_unsafe(c))
            return false;
        at += length;
    }
    return true;
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        char32_t c = 0;
        const std::size_t length = decode_utf8(text, at, c);
        if (length == 0) {
            const auto byte = static_cast<unsigned char>(text[at]);
            out += "\\x";
            out += kHexDigits[byte >> 4];
            out += kHexDigits[byte & 0xF];
            ++at;
            continue;
        }
        if (is_unsafe(c)) {
            append_escape(out, c);
        } else {
            out.append(text, at, length);
        }
        at += length;
    }
    return out;
}

std::string to_hex(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        out += kHexDigits[byte >> 4];
        out += kHexDigits[byte & 0xF];
    }
    return out;
}

void note_stdout_write_failed(int error_number) {
    if (stdout_write_error == 0)
        stdout_write_error = error_number != 0 ? error_number : EIO;
}

bool use_color(platform::StandardStream stream) {
    const char* no_color = std::getenv("NO_COLOR");
    return (no_color == nullptr || *no_color == '\0') && platform::is_terminal(stream);
}

static void print_diagnostic(const char* label, const char* color, std::string_view what,
                             std::string_view how_to_fix) {
    const bool color_on = use_color(platform::StandardStream::Error);
    const std::string safe_what = terminal_safe(what);
    std::fprintf(stderr, "perry: %s%s:%s %s\n", color_on ? color : "", label,
                 color_on ? "\033[0m" : "", safe_what.c_str());
    if (!how_to_fix.empty()) {
        std::fprintf(stderr, "  fix: %s\n", terminal_safe(how_to_fix).c_str());
    }
}

void StdoutWriter::flush() {
    write_all(std::string_view(buffer_, used_));
    used_ = 0;
}

void StdoutWriter::write_all(std::string_view text) {
    if (stdout_write_error != 0)
        return; // reported at exit; the rest would be lost too
    if (!platform::write_standard_output(text.data(), text.size()))
        note_stdout_write_failed(errno);
}

void print_error(std::string_view what, std::string_view how_to_fix) {
    print_diagnostic("error", "\033[1;31m", what, how_to_fix);
}

void print_warning(std::string_view what, std::string_view how_to_fix) {
    print_diagnostic("warning", "\033[1;33m", what, how_to_fix);
}

} // namespace perry::cli
