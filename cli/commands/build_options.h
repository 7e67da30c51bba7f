// What the commands that build bindings through the cache (`link`, `run`) share: their build
// options and how a failed build is shown.
#pragma once

#include "perry/linker/link_program.h"

#include <optional>
#include <vector>

namespace perry::cli {

// The runtime of this perry, `--build-timeout` (0: none) and a live progress line on stderr.
// nullopt, with the error printed, when the runtime beside perry cannot be found.
std::optional<linker::BuildOptions> command_build_options(double timeout_seconds);

// Each failed build: the end of its output, then where the whole log is.
void print_failed_builds(const std::vector<linker::PackageBuild>& builds);

} // namespace perry::cli
