// The C and C++ cross compilers a CMake build uses for a target triple other than this
// machine's: GNU cross compilers as Debian packages them (`g++-aarch64-linux-gnu` installs
// `aarch64-linux-gnu-g++`). One row per triple.
#pragma once

#include <optional>
#include <string>

namespace perry::linker::detail {

struct CrossCompilers {
    std::string c, cxx;           // full paths
    std::string system_name;      // CMAKE_SYSTEM_NAME
    std::string system_processor; // CMAKE_SYSTEM_PROCESSOR
};

// The cross compilers for `triple`, or nullopt with `why` (a sentence with the fix) when this
// machine has none: a triple without a row, or its compilers not on PATH.
std::optional<CrossCompilers> cross_compilers(const std::string& triple, std::string& why);

} // namespace perry::linker::detail
