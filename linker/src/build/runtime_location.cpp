#include "perry/linker/runtime_location.h"

#include "perry/platform/process.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;

// A path from runtime.json: absolute as written, else relative to the prefix.
fs::path resolved(const nlohmann::json& description, const char* key, const fs::path& prefix) {
    const auto it = description.find(key);
    if (it == description.end() || !it->is_string())
        return {};
    const std::string text = it->get<std::string>();
    if (text.empty())
        return {};
    const fs::path path(text);
    return path.is_absolute() ? path : (prefix / path).lexically_normal();
}

} // namespace

fs::path current_executable() {
    return fs::u8path(platform::executable_path()); // "" when the system cannot tell
}

RuntimeLocation locate_runtime(const fs::path& executable) {
    RuntimeLocation location;
    if (executable.empty()) {
        location.error = "cannot tell where the perry executable is, so not where its runtime is";
        return location;
    }
    // <prefix>/bin/perry and <build>/cli/perry alike: two levels up, then share/perry.
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(executable, ec);
    const fs::path prefix = (ec ? executable : real).parent_path().parent_path();
    location.description_file = prefix / "share" / "perry" / "runtime.json";
    location.perry_executable = ec ? executable : real;
    std::ifstream in(location.description_file);
    if (!in) {
        location.error = location.description_file.string() +
                         ": cannot read the runtime description of this perry (" +
                         executable.string() + ")";
        return location;
    }
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json description = nlohmann::json::parse(text.str(), nullptr, false);
    if (!description.is_object() || !description.contains("version") ||
        !description["version"].is_string()) {
        location.error = location.description_file.string() +
                         ": not a runtime description (JSON with a `version`); reinstall perry";
        return location;
    }
    location.version = description["version"].get<std::string>();
    location.layout = description.value("layout", std::string());
    location.include_dir = resolved(description, "include_dir", prefix);
    location.ffi_library = resolved(description, "ffi_library", prefix);
    location.cmake_dir = resolved(description, "cmake_dir", prefix);
    location.pkgconfig_dir = resolved(description, "pkgconfig_dir", prefix);
    location.share_dir = resolved(description, "share_dir", prefix);
    location.run_host_library = resolved(description, "run_host_library", prefix);
    location.run_host_include_dir = resolved(description, "run_host_include_dir", prefix);
    if (!fs::is_regular_file(location.include_dir / "perry" / "ffi.h", ec)) {
        location.error = location.description_file.string() + ": its include_dir " +
                         location.include_dir.string() + " holds no perry/ffi.h; reinstall perry";
        return location;
    }
    location.found = true;
    return location;
}

} // namespace perry::linker
