// What each target key links with: its flavor and the system libraries the C++ runtime
// (libperry_ffi.a) needs at the end of the line. One row per target, in one place.
#pragma once

#include "perry/linker/link_plan.h"

#include <string_view>
#include <vector>

namespace perry::linker::detail {

struct TargetLinking {
    resolver::TargetKey key;
    LinkFlavor flavor;
    // Library names (-l<name> / <name>.lib), last on the line, after every package's libs.
    std::vector<std::string_view> runtime_system_libs;
};

const TargetLinking& target_linking(resolver::TargetKey key);

bool is_apple(resolver::TargetKey key);

} // namespace perry::linker::detail
