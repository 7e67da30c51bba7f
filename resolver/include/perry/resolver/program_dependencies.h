// The packages a program depends on, as its own package.json names them: what `perry native
// link`, `lock` and `doctor` resolve when no imports are named. Read by the reader every
// package.json goes through (simdjson; nlohmann only words syntax errors).
#pragma once

#include "perry/resolver/diagnostic.h"

#include <string>
#include <vector>

namespace perry::resolver {

struct ProgramDependencies {
    // The member names of `dependencies`, then of `optionalDependencies`, each in document order
    // (a program's native packages link in the order its manifest lists them). A name written
    // twice in one object is listed once, where it first appears.
    std::vector<std::string> names;
    std::vector<Diagnostic> diagnostics; // an unreadable file, not JSON, a member not an object
};

// Reads the program's package.json at `file` (named so in diagnostics).
ProgramDependencies read_program_dependencies(const std::string& file);

} // namespace perry::resolver
