#include "plan/crate_source.h"

#include <algorithm>
#include <system_error>

namespace perry::linker::detail {

namespace fs = std::filesystem;

std::optional<BuildSystem> detect_build_system(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_regular_file(dir / "Cargo.toml", ec))
        return BuildSystem::Cargo;
    if (fs::is_regular_file(dir / "CMakeLists.txt", ec))
        return BuildSystem::CMake;
    return std::nullopt;
}

std::vector<std::string> archive_file_names(const resolver::Target& target,
                                            const std::string& stem) {
    if (target.lib_as_written && fs::path(*target.lib_as_written).has_extension()) {
        return {*target.lib_as_written};
    }
    if (target.key == resolver::TargetKey::Windows)
        return {stem + ".lib", "lib" + stem + ".a"};
    return {"lib" + stem + ".a"};
}

DirectoryArchive archive_in_directory(const fs::path& dir, const std::vector<std::string>& names) {
    DirectoryArchive found;
    std::error_code ec;
    for (const std::string& name : names) {
        if (fs::is_regular_file(dir / name, ec)) {
            found.path = dir / name;
            return found;
        }
    }
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file(ec) && (ext == ".a" || ext == ".lib" || ext == ".wasm")) {
            found.candidates.push_back(entry.path());
        }
    }
    std::sort(found.candidates.begin(), found.candidates.end());
    if (found.candidates.size() == 1)
        found.path = found.candidates.front();
    return found;
}

} // namespace perry::linker::detail
