// The CMake builder: configure with Ninja against the located runtime, build, find the archive.
#include "build/cross_toolchain.h"
#include "builders.h"

#include <algorithm>
#include <cstdlib>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> find_archive(const fs::path& build_dir,
                                     const std::vector<std::string>& names) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(build_dir, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        if (it->path().filename() == "CMakeFiles") {
            it.disable_recursion_pending();
            continue;
        }
        const std::string name = it->path().filename().string();
        if (it->is_regular_file(ec) && std::find(names.begin(), names.end(), name) != names.end()) {
            found.push_back(it->path());
        }
    }
    if (found.empty())
        return std::nullopt;
    // The shallowest first: the project's own library before a vendored one's of the same name.
    std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
        const auto depth = [](const fs::path& p) { return std::distance(p.begin(), p.end()); };
        return depth(a) != depth(b) ? depth(a) < depth(b) : a < b;
    });
    return found.front();
}

} // namespace

BuilderOutcome run_cmake(const BuildContext& context) {
    BuilderOutcome outcome;
    const BuildOptions& options = *context.options;
    const fs::path build_dir = context.work / "build";
    std::vector<std::string> configure = {"cmake",
                                          "-S",
                                          context.crate_dir.string(),
                                          "-B",
                                          build_dir.string(),
                                          "-DCMAKE_BUILD_TYPE=Release"};
    if (!context.request->triple.empty()) {
        // A static library needs only the compilers: nothing is linked, so no sysroot beyond
        // the cross compiler's own is involved.
        std::string why;
        const std::optional<CrossCompilers> cross = cross_compilers(context.request->triple, why);
        if (!cross) {
            outcome.error = why;
            return outcome;
        }
        configure.insert(configure.end(),
                         {"-DCMAKE_SYSTEM_NAME=" + cross->system_name,
                          "-DCMAKE_SYSTEM_PROCESSOR=" + cross->system_processor,
                          "-DCMAKE_C_COMPILER=" + cross->c, "-DCMAKE_CXX_COMPILER=" + cross->cxx});
    }
    if (find_program("ninja"))
        configure.insert(configure.end(), {"-G", "Ninja"});
    std::vector<std::pair<std::string, std::string>> env;
    if (options.runtime.found) {
        // find_package(PerryFFI CONFIG) and pkg_check_modules(perry-ffi) find this perry's
        // runtime, whatever the environment says.
        configure.push_back("-DPerryFFI_DIR=" + options.runtime.cmake_dir.string());
        std::string pkg_config_path = options.runtime.pkgconfig_dir.string();
        if (const char* existing = std::getenv("PKG_CONFIG_PATH"); existing && *existing) {
            pkg_config_path += ":" + std::string(existing);
        }
        env.emplace_back("PKG_CONFIG_PATH", pkg_config_path);
    }
    if (!context.c_launcher.empty()) {
        configure.push_back("-DCMAKE_C_COMPILER_LAUNCHER=" + context.c_launcher);
        configure.push_back("-DCMAKE_CXX_COMPILER_LAUNCHER=" + context.c_launcher);
    }
    ProcessResult result = run_build_step(context, configure, context.work, env,
                                          /*log_stdout=*/true, /*show_stdout=*/true);
    if (!result.ok())
        return step_failed(configure, result, outcome), outcome;
    const std::vector<std::string> build = {"cmake", "--build", build_dir.string(), "--config",
                                            "Release"};
    result = run_build_step(context, build, context.work, env, true, true);
    if (!result.ok())
        return step_failed(build, result, outcome), outcome;
    const std::optional<fs::path> archive = find_archive(build_dir, context.archive_names);
    if (!archive) {
        outcome.error = "the CMake build produced no " + context.archive_names.front() +
                        ": check that `lib` names the library the project builds";
        return outcome;
    }
    outcome.archive = *archive;
    outcome.ok = true;
    return outcome;
}

} // namespace perry::linker::detail
