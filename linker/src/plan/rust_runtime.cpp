#include "plan/rust_runtime.h"

#include <array>

namespace perry::linker::detail {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_hex(std::string_view text) {
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return !text.empty();
}

// The crates of the Rust sysroot a staticlib carries (std and its dependencies).
constexpr std::array<std::string_view, 22> kSysrootCrates = {
    "std",
    "core",
    "alloc",
    "compiler_builtins",
    "panic_unwind",
    "panic_abort",
    "unwind",
    "libc",
    "hashbrown",
    "rustc_demangle",
    "addr2line",
    "gimli",
    "object",
    "miniz_oxide",
    "adler",
    "adler2",
    "memchr",
    "std_detect",
    "cfg_if",
    "rustc_std_workspace_core",
    "rustc_std_workspace_alloc",
    "profiler_builtins",
};

} // namespace

bool is_rust_symbol_name(std::string_view name) {
    // v0 mangling: `_R`, an optional decimal version, then a path whose tag is an uppercase letter.
    if (starts_with(name, "_R") && name.size() > 2 &&
        ((name[2] >= 'A' && name[2] <= 'Z') || (name[2] >= '0' && name[2] <= '9'))) {
        return true;
    }
    // Legacy mangling: `_ZN...17h<16 hex>E`, the hash C++ names never have.
    if (starts_with(name, "_ZN") && name.size() > 20 && name.back() == 'E' &&
        name.substr(name.size() - 20, 3) == "17h" && is_hex(name.substr(name.size() - 17, 16))) {
        return true;
    }
    for (std::string_view prefix : {"rust_", "__rust_", "__rdl_", "__rg_", "DW.ref.rust_"}) {
        if (starts_with(name, prefix))
            return true;
    }
    return false;
}

bool is_rust_sysroot_member(std::string_view member) {
    const std::size_t slash = member.find_last_of("/\\");
    if (slash != std::string_view::npos)
        member = member.substr(slash + 1);
    const std::size_t dash = member.find('-');
    if (dash == std::string_view::npos)
        return false;
    if (ends_with(member, ".rcgu.o")) {
        const std::string_view crate = member.substr(0, dash);
        for (std::string_view sysroot : kSysrootCrates) {
            if (crate == sysroot)
                return true;
        }
        return false;
    }
    return dash == 16 && is_hex(member.substr(0, 16)) && ends_with(member, ".o");
}

} // namespace perry::linker::detail
