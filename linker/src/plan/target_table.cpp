#include "plan/target_table.h"

#include <array>

namespace perry::linker {
namespace detail {
namespace {

using resolver::TargetKey;

// Why these libraries:
// - GNU targets with glibc: the runtime is C++ (libstdc++), uses <cmath> and std::thread. A C
//   compiler driver (`cc`) adds none of them; with glibc < 2.34 pthread is a library of its own.
// - Android and HarmonyOS: their NDKs ship LLVM's libc++ as a static archive and have no separate
//   libpthread (it is part of libc there): naming -lpthread fails to link.
// - Apple: libc++; libm and pthreads are part of libSystem, which the driver always links.
// - MSVC: nothing. Objects compiled with /MD carry /DEFAULTLIB directives for the C and C++
//   runtimes, and kernel32.lib is a default library of link.exe.
// - web: no native link.
const std::array<TargetLinking, resolver::kTargetKeyCount> kTargets = {{
    {TargetKey::Macos, LinkFlavor::Ld64, {"c++"}},
    {TargetKey::Ios, LinkFlavor::Ld64, {"c++"}},
    {TargetKey::Linux, LinkFlavor::GnuLd, {"stdc++", "m", "pthread"}},
    {TargetKey::Windows, LinkFlavor::Msvc, {}},
    {TargetKey::Android, LinkFlavor::GnuLd, {"c++_static", "c++abi", "m"}},
    {TargetKey::Web, LinkFlavor::None, {}},
    // XXX: is the OpenHarmony NDK's static libc++ named like Android's? Checked against its
    // documentation only, not a real NDK.
    {TargetKey::Harmonyos, LinkFlavor::GnuLd, {"c++_static", "c++abi", "m"}},
    {TargetKey::Tvos, LinkFlavor::Ld64, {"c++"}},
    {TargetKey::Watchos, LinkFlavor::Ld64, {"c++"}},
    {TargetKey::Visionos, LinkFlavor::Ld64, {"c++"}},
}};

} // namespace

const TargetLinking& target_linking(resolver::TargetKey key) {
    for (const TargetLinking& row : kTargets) {
        if (row.key == key)
            return row;
    }
    return kTargets[2]; // unreachable: every key has a row (target_table_test checks it)
}

bool is_apple(resolver::TargetKey key) {
    return target_linking(key).flavor == LinkFlavor::Ld64;
}

} // namespace detail

LinkFlavor target_flavor(resolver::TargetKey target) {
    return detail::target_linking(target).flavor;
}

std::string_view to_string(LinkFlavor flavor) {
    switch (flavor) {
    case LinkFlavor::GnuLd:
        return "GNU ld";
    case LinkFlavor::Ld64:
        return "ld64";
    case LinkFlavor::Msvc:
        return "MSVC link.exe";
    case LinkFlavor::None:
        return "none";
    }
    return "none";
}

resolver::TargetKey host_target() {
#if defined(__APPLE__)
    return resolver::TargetKey::Macos;
#elif defined(_WIN32)
    return resolver::TargetKey::Windows;
#elif defined(__ANDROID__)
    return resolver::TargetKey::Android;
#elif defined(__OHOS__)
    return resolver::TargetKey::Harmonyos;
#else
    return resolver::TargetKey::Linux;
#endif
}

} // namespace perry::linker
