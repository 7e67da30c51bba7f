// `pkg-config --libs <names>`, run with an argv (never a shell), its output split into arguments.
#pragma once

#include "perry/linker/link_line.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

struct PkgConfigLibs {
    std::vector<std::string> args; // the output as arguments
    std::string error;             // one line quoting pkg-config when it failed; else empty
    bool ok() const { return error.empty(); }
};

// Runs `program --libs names...` with exactly `environment`.
PkgConfigLibs pkg_config_libs(const std::string& program, const std::vector<std::string>& names,
                              const Environment& environment);

// Splits text into words the way a POSIX shell does without expansions: blanks separate words,
// a backslash takes the next character literally, '...' is literal, "..." allows \" \\ \$ \`.
// pkg-config escapes blanks in paths with a backslash. nullopt on an unterminated quote.
std::optional<std::vector<std::string>> split_shell_words(std::string_view text);

} // namespace perry::linker::detail
