// The LLVM-free parts of the symbol reader: names of kinds and formats, messages, and the
// recognition of GNU ld text scripts (the system `libm.a` is one).
#include "perry/linker/symbols.h"
#include "object_symbols.h"

#include <cctype>

namespace perry::linker {

std::string_view to_string(SymbolKind kind) {
    switch (kind) {
    case SymbolKind::Function:
        return "function";
    case SymbolKind::Data:
        return "data";
    case SymbolKind::Weak:
        return "weak";
    case SymbolKind::Common:
        return "common";
    case SymbolKind::Unique:
        return "unique";
    }
    return "?";
}

std::string_view to_string(ObjectFormat format) {
    switch (format) {
    case ObjectFormat::Elf:
        return "ELF";
    case ObjectFormat::MachO:
        return "Mach-O";
    case ObjectFormat::Coff:
        return "COFF";
    case ObjectFormat::CoffImport:
        return "COFF import";
    case ObjectFormat::Wasm:
        return "wasm";
    case ObjectFormat::Bitcode:
        return "LLVM bitcode";
    }
    return "?";
}

std::string ReadProblem::message() const {
    return member.empty() ? file + ": " + what : file + "(" + member + "): " + what;
}

SymbolReadError::SymbolReadError(ReadProblem problem)
    : std::runtime_error(problem.message()), problem_(std::move(problem)) {}

namespace detail {

// A GNU ld script is text whose first word is a comment or one of the script commands used in
// library stubs. The file names it lists are the tokens inside GROUP/INPUT/AS_NEEDED that look
// like paths or -l options.
bool looks_like_linker_script(std::string_view bytes, std::vector<std::string>& inputs) {
    const std::string_view head = bytes.substr(0, 4096);
    for (char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x09 || (u > 0x0d && u < 0x20))
            return false; // binary
    }
    std::size_t i = 0;
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i])))
        ++i;
    const std::string_view rest = head.substr(i);
    const bool script = rest.rfind("/*", 0) == 0 || rest.rfind("GROUP", 0) == 0 ||
                        rest.rfind("INPUT", 0) == 0 || rest.rfind("OUTPUT_FORMAT", 0) == 0;
    if (!script)
        return false;
    std::string token;
    bool in_comment = false;
    auto flush = [&] {
        if (!token.empty() && (token[0] == '/' || token.rfind("-l", 0) == 0)) {
            inputs.push_back(token);
        }
        token.clear();
    };
    for (std::size_t k = 0; k < bytes.size(); ++k) {
        const char c = bytes[k];
        if (in_comment) {
            if (c == '*' && k + 1 < bytes.size() && bytes[k + 1] == '/')
                in_comment = false, ++k;
            continue;
        }
        if (c == '/' && k + 1 < bytes.size() && bytes[k + 1] == '*') {
            flush();
            in_comment = true;
            ++k;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == ',') {
            flush();
        } else {
            token += c;
        }
    }
    flush();
    return true;
}

} // namespace detail
} // namespace perry::linker
