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

namespace {

// The length of a bidirectional control's UTF-8 encoding at text[i] (E2 80 AA..AE, E2 81
// A6..A9), or 0.
std::size_t bidi_control_at(std::string_view text, std::size_t i) {
    if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2)
        return 0;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    const auto third = static_cast<unsigned char>(text[i + 2]);
    if ((second == 0x80 && third >= 0xAA && third <= 0xAE) ||
        (second == 0x81 && third >= 0xA6 && third <= 0xA9))
        return 3;
    return 0;
}

} // namespace

std::string printable(std::string_view text) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (const std::size_t n = bidi_control_at(text, i)) {
            const unsigned code = (text[i + 1] == '\x80' ? 0x2000u : 0x2040u) +
                                  (static_cast<unsigned char>(text[i + 2]) - 0x80u);
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += kHex[(code >> shift) & 0xF];
            i += n - 1;
            continue;
        }
        if (c >= 0x20 && c != 0x7F) {
            out += static_cast<char>(c);
            continue;
        }
        switch (c) {
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

} // namespace perry::resolver
