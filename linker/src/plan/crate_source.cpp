#include "plan/crate_source.h"

#include <toml++/toml.h>

#include <algorithm>
#include <system_error>

namespace perry::linker::detail {

namespace fs = std::filesystem;

std::optional<BuildSystem> detect_build_system(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_regular_file(dir / "Cargo.toml", ec))
        return BuildSystem::kCargo;
    if (fs::is_regular_file(dir / "CMakeLists.txt", ec))
        return BuildSystem::kCMake;
    return std::nullopt;
}

std::optional<std::string> cargo_library_name(const fs::path& cargo_toml, std::string& error) {
    toml::table table;
    try {
        table = toml::parse_file(cargo_toml.string()); // this toml++ build reports by exception
    } catch (const toml::parse_error& failure) {
        error = std::string(failure.description());
        return std::nullopt;
    }
    std::optional<std::string> name = table["lib"]["name"].value<std::string>();
    if (!name)
        name = table["package"]["name"].value<std::string>();
    if (!name) {
        error = "neither [lib] name nor [package] name is set";
        return std::nullopt;
    }
    std::replace(name->begin(), name->end(), '-', '_');
    return name;
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
