// A tiny program around build_binding for the tests that need a build in another process (two at
// once, one killed, one sent SIGTERM):
//   build_driver PACKAGE_DIR CACHE_DIR [TIMEOUT_MS]
// Prints `<status> <archive>` and exits 0, or prints the diagnostics and exits 1.
#include "perry/linker/build.h"
#include "perry/resolver/manifest.h"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    using namespace perry;
    if (argc < 3) {
        std::fprintf(stderr, "usage: build_driver PACKAGE_DIR CACHE_DIR [TIMEOUT_MS]\n");
        return 2;
    }
    const std::filesystem::path package_dir = argv[1];
    const resolver::ManifestResult manifest =
        resolver::parse_manifest_file(package_dir / "package.json");
    linker::BuildRequest request;
    request.package_name = manifest.name.value_or("unnamed");
    request.package_dir = package_dir;
    request.manifest_file = manifest.file;
    if (const resolver::Target* target =
            manifest.native_library.target(resolver::TargetKey::Linux)) {
        request.target = *target;
    }
    linker::BuildOptions options;
    options.cache_dir = argv[2];
    options.runtime =
        linker::locate_runtime(std::filesystem::path(PERRY_TEST_BUILD_DIR) / "cli" / "perry");
    options.offline = true;
    if (argc > 3)
        options.timeout = std::chrono::milliseconds(std::stoll(argv[3]));
    const linker::BuildResult result = linker::build_binding(request, options);
    for (const resolver::Diagnostic& diagnostic : result.diagnostics) {
        std::fprintf(stderr, "%s\n", diagnostic.format().c_str());
    }
    std::printf("%s %s\n", linker::build_status_name(result.status), result.archive.c_str());
    return result.status == linker::BuildStatus::Failed ? 1 : 0;
}
