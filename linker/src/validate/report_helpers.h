// Small helpers shared by validate's .cpp files: building diagnostics, naming paths.
#pragma once

#include "perry/resolver/diagnostic.h"

#include <filesystem>
#include <string>

namespace perry::linker::detail {

inline resolver::Diagnostic make_diagnostic(resolver::Diagnostic::Severity severity,
                                            std::string file, std::string pointer,
                                            std::string message, std::string fix) {
    resolver::Diagnostic d;
    d.severity = severity;
    d.file = std::move(file);
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    d.fix = std::move(fix);
    return d;
}

// `./target/release/libx.a` when inside the package, else the path as is: messages then read the
// same wherever the package lives.
inline std::string shown_path(const std::filesystem::path& path,
                              const std::filesystem::path& package_dir) {
    const std::filesystem::path relative = path.lexically_relative(package_dir);
    if (!relative.empty() && *relative.begin() != "..") return "./" + relative.generic_string();
    return path.string();
}

} // namespace perry::linker::detail
