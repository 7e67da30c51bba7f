#include "build/cross_toolchain.h"

#include "perry/linker/process.h"

#include <string_view>

namespace perry::linker::detail {
namespace {

struct CrossRow {
    std::string_view triple;
    std::string_view prefix; // of the GNU tools: <prefix>-gcc, <prefix>-g++
    std::string_view debian_package;
    std::string_view system_name, processor;
};

// Linux only: the other targets need SDKs (Apple, Windows, Android NDK) that are not Debian
// packages; their prebuilts are built on their own machines (CI).
constexpr CrossRow kRows[] = {
    {"aarch64-unknown-linux-gnu", "aarch64-linux-gnu", "g++-aarch64-linux-gnu", "Linux", "aarch64"},
    {"x86_64-unknown-linux-gnu", "x86_64-linux-gnu", "g++-x86-64-linux-gnu", "Linux", "x86_64"},
};

} // namespace

std::optional<CrossCompilers> cross_compilers(const std::string& triple, std::string& why) {
    for (const CrossRow& row : kRows) {
        if (row.triple != triple)
            continue;
        const std::string prefix(row.prefix);
        const std::optional<std::string> c = find_program(prefix + "-gcc");
        const std::optional<std::string> cxx = find_program(prefix + "-g++");
        if (!c || !cxx) {
            why = "no C/C++ cross compiler for " + triple + ": " + prefix + "-gcc and " + prefix +
                  "-g++ are not on PATH (Debian: apt install " + std::string(row.debian_package) +
                  ")";
            return std::nullopt;
        }
        return CrossCompilers{*c, *cxx, std::string(row.system_name), std::string(row.processor)};
    }
    why = "perry has no cross toolchain for C/C++ projects targeting " + triple +
          ": build this prebuilt on a machine of that target (in CI)";
    return std::nullopt;
}

} // namespace perry::linker::detail
