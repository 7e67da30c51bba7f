// Shared conventions of every `perry native` command: exit codes, the error line format, text
// from files made safe for a terminal, and standard output that is checked at exit.
#pragma once

#include "perry/platform/process.h"

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace perry::cli {

// Exit codes of every command (docs/cli/exit-codes.md): 0 success, 1 the command did its job
// and found problems, 2 it could not do its job (bad usage, unreadable or unparseable input,
// output that could not be written).
enum ExitCode : int { kExitOk = 0, kExitProblems = 1, kExitUsage = 2 };

// Text that came from a file (symbol and member names, bytes quoted from archives or manifests)
// as it may reach a terminal: nothing in it can move the cursor, end the line, recolour or
// reorder what follows. Printable ASCII and valid UTF-8 stay as they are; `\n`, `\t`, `\r` and
// the other C0 controls, DEL and the C1 controls are written as JSON writes them (`\n`,
// `\u001b`); the bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
// U+2066..U+2069) and the line and paragraph separators (U+2028, U+2029) as `\u202e`; a byte
// that is not part of valid UTF-8 as `\xff`. Backslashes stay as written.
std::string terminal_safe(std::string_view text);
// Whether terminal_safe(text) == text (the common case, checked without allocating).
bool is_terminal_safe(std::string_view text);
bool is_valid_utf8(std::string_view text);
// Lowercase hexadecimal of every byte ("ff61"): how `--json` output carries names that are not
// valid UTF-8 (docs/cli/symbols.md).
std::string to_hex(std::string_view bytes);

// Prints `perry: error: <what>` on stderr, then `  fix: <how>` when a fix is known. Both are
// passed through terminal_safe().
void print_error(std::string_view what, std::string_view how_to_fix = {});
void print_warning(std::string_view what, std::string_view how_to_fix = {});

// True when colour may be used on the given stream (a terminal and NO_COLOR unset).
bool use_color(platform::StandardStream stream);

// Standard output is checked once, at exit, for every command: its stdio buffer is flushed and a
// failed write (a full disk, `> /dev/full`, a closed descriptor) at any time makes the process
// print `perry: error: cannot write to standard output: <reason>` and exit with kExitUsage,
// whatever the command returned. A handler registered with atexit() does it (as GNU's
// close_stdout does), so no command can forget. Writes that bypass stdio report their failures
// here.
void note_stdout_write_failed(int error_number);

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
            if (text.size() > sizeof buffer_)
                return write_all(text);
        }
        std::memcpy(buffer_ + used_, text.data(), text.size());
        used_ += text.size();
    }
    void put(char c) {
        if (used_ == sizeof buffer_)
            flush();
        buffer_[used_++] = c;
    }
    // Text from a file: put() as terminal_safe() shows it.
    void put_from_file(std::string_view text) {
        if (is_terminal_safe(text))
            return put(text);
        put(terminal_safe(text));
    }
    void flush();

  private:
    void write_all(std::string_view text);

    char buffer_[1 << 16];
    std::size_t used_ = 0;
};

} // namespace perry::cli
