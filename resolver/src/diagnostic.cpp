#include "perry/resolver/diagnostic.h"

#include <algorithm>

namespace perry::resolver {

std::string Diagnostic::what() const {
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line) + ':' + std::to_string(column);
    } else if (!pointer.empty()) {
        out += ": " + pointer;
    }
    out += ": " + message;
    return out;
}

std::string Diagnostic::format() const {
    std::string out = is_error() ? "perry: error: " : "perry: warning: ";
    out += what();
    if (!fix.empty()) {
        out += "\n  fix: " + fix;
    }
    return out;
}

Diagnostic make_diagnostic(Diagnostic::Severity severity, std::string file, std::string pointer,
                           std::string message, std::string fix) {
    Diagnostic d;
    d.severity = severity;
    d.file = std::move(file);
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    d.fix = std::move(fix);
    return d;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.is_error(); });
}

} // namespace perry::resolver
