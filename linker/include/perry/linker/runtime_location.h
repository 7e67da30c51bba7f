// The runtime of the `perry` that runs: where its headers, libperry_ffi.a and CMake package are,
// found from the executable's own path and never from an environment variable.
//
// `<prefix>/bin/perry` (installed) and `<build>/cli/perry` (a build tree) both read
// `../share/perry/runtime.json`, which CMake writes (cmake/PerryRuntimeLocation.cmake): absolute
// paths in a build tree, paths relative to the prefix in an installed tree (so a moved install
// still works). See docs/linker/build.md.
#pragma once

#include <filesystem>
#include <string>

namespace perry::linker {

struct RuntimeLocation {
    bool found = false;
    std::string error; // why not found: names the file looked for and how to fix it

    std::string layout;                     // "installed" or "build tree"
    std::string version;                    // the runtime's version, "0.5.0"
    std::filesystem::path description_file; // the runtime.json read
    // The perry this runtime belongs to (locate_runtime's argument, symlinks resolved): builds
    // run it to generate a binding's signatures (`perry native header`; a Rust build script
    // finds it in PERRY_EXECUTABLE).
    std::filesystem::path perry_executable;
    std::filesystem::path include_dir;   // holds perry/ffi.h
    std::filesystem::path ffi_library;   // libperry_ffi.a
    std::filesystem::path cmake_dir;     // PerryFFIConfig.cmake: find_package(PerryFFI CONFIG)
    std::filesystem::path pkgconfig_dir; // perry-ffi.pc
    std::filesystem::path share_dir;     // share/perry
    // libperry_run_host.a, the `perry native run` harness; empty when this build has none.
    std::filesystem::path run_host_library;
    // Holds perry/run/shims.h, which the generated call shims include (the installed tree keeps
    // it beside perry/ffi.h; a build tree in the harness's sources).
    std::filesystem::path run_host_include_dir;
};

// The runtime belonging to `executable` (the perry binary's path).
RuntimeLocation locate_runtime(const std::filesystem::path& executable);

// The path of the running executable (platform::executable_path), empty when it cannot be told.
std::filesystem::path current_executable();

} // namespace perry::linker
