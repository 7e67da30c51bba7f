// A guard in front of toml++ 3.3 (Debian 12's): its whitespace test has undefined behaviour for
// some non-ASCII code points (is_non_ascii_horizontal_whitespace reaches TOML_UNREACHABLE for
// U+00A1..U+0499, U+2C5E..U+3057 and U+FB26..U+FEFE, U+3000 excepted), and the parser asks it
// about any character it meets between tokens, or after a line-ending backslash in a """ string.
// The guard finds such characters first, so a table with `é = 1` gets an error, not a crash.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver::detail {

struct TomlGuardProblem {
    int line = 0;   // 1-based
    int column = 0; // 1-based, in bytes as toml++ counts them
    std::string message;
};

// The first place in `text` where toml++ would test a character it cannot test, or nothing.
// Outside strings and comments TOML allows no non-ASCII character at all, so any is reported
// there (as toml++ would report it, minus the crash); inside strings and comments only the case
// toml++ mishandles is.
std::optional<TomlGuardProblem> find_toml_hazard(std::string_view text);

// `text` with every code point toml++ cannot test replaced by one it can, of the same length in
// bytes and characters (U+0080 or U+4E00), or nothing when there is none. On malformed input
// toml++ scans ahead through strings and comments while it classifies a value, so a document
// holding such characters is first parsed in this form: only when that succeeds is its
// structure sound, and the original is parsed for its values.
std::optional<std::string> mask_toml_hazards(std::string_view text);

} // namespace perry::resolver::detail
