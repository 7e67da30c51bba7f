// Diagnostics of the resolver: one problem found in one file, with where it is and how to fix it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

struct Diagnostic {
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    std::string file;    // the file as the user named it (or a label for in-memory text)
    std::string pointer; // JSON pointer into the document, e.g. /perry/nativeLibrary/abiVersion
    int line = 0;        // 1-based line and column, set for JSON syntax errors only
    int column = 0;
    std::string message; // what is wrong, and what was expected
    std::string fix;     // how to fix it; may be empty

    // `<file>: <pointer>: <message>`, or `<file>:<line>:<column>: <message>` for syntax errors,
    // or `<file>: <message>` when the problem has no place inside the file.
    std::string what() const;

    // The rendered form: `perry: error: <what()>` (or `perry: warning: ...`), then on a second
    // line `  fix: <fix>` when a fix is known. No trailing newline.
    std::string format() const;

    bool is_error() const { return severity == Severity::Error; }
};

// A problem at `pointer` in `file` (an empty pointer: the file as a whole).
Diagnostic make_diagnostic(Diagnostic::Severity severity, std::string file, std::string pointer,
                           std::string message, std::string fix);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// Text from a file (a specifier, a TOML key, a path) made safe to print on a terminal: control
// characters are written as JSON escapes (`\n`, `\u001b`), and so are the bidirectional
// controls (U+202A..U+202E, U+2066..U+2069) that can make a line read as something else.
// Quotes and backslashes stay as written. Diagnostics are made so; human output uses it too.
std::string printable(std::string_view text);

} // namespace perry::resolver
