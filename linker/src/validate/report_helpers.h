// Small helpers shared by validate's .cpp files: naming paths.
#pragma once

#include <filesystem>
#include <string>

namespace perry::linker::detail {

// `./target/release/libx.a` when inside the package, else the path as is: messages then read the
// same wherever the package lives.
inline std::string shown_path(const std::filesystem::path& path,
                              const std::filesystem::path& package_dir) {
    const std::filesystem::path relative = path.lexically_relative(package_dir);
    if (!relative.empty() && *relative.begin() != "..")
        return "./" + relative.generic_string();
    return path.string();
}

} // namespace perry::linker::detail
