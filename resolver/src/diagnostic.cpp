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

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.is_error(); });
}

} // namespace perry::resolver
