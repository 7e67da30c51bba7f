#include "commands/build_options.h"

#include "output.h"
#include "perry/linker/runtime_location.h"

#include <chrono>
#include <cstdio>

namespace perry::cli {

std::optional<linker::BuildOptions> command_build_options(double timeout_seconds) {
    linker::BuildOptions options;
    options.runtime = linker::locate_runtime(linker::current_executable());
    if (!options.runtime.found) {
        print_error(options.runtime.error);
        return std::nullopt;
    }
    if (timeout_seconds > 0) {
        options.timeout = std::chrono::milliseconds(static_cast<long long>(timeout_seconds * 1000));
    }
    options.on_event = linker::BuildProgressPrinter(stderr);
    return options;
}

void print_failed_builds(const std::vector<linker::PackageBuild>& builds) {
    for (const linker::PackageBuild& build : builds) {
        if (build.result.status != linker::BuildStatus::Failed || build.result.output_tail.empty())
            continue;
        std::fprintf(stderr, "---- %s: the last lines of its build\n%s\n---- log: %s\n",
                     build.package.c_str(), build.result.output_tail.c_str(),
                     build.result.log.string().c_str());
    }
}

} // namespace perry::cli
