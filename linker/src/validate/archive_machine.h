// Which machines an archive's objects are built for ("x86_64", "aarch64", ...): validate flags an
// archive that cannot serve the target it is checked for on this machine (an aarch64 archive as
// the linux prebuilt on an x86_64 host links nowhere here). Internal to validate.
#pragma once

#include <string>
#include <vector>

namespace perry::linker::detail {

// The distinct architectures of the archive's (or object's) members, as LLVM's Triple names them,
// sorted; members LLVM cannot read as objects (bitcode, text) are left out. Empty when none.
std::vector<std::string> archive_machines(const std::string& path);

// This machine's architecture in the same spelling ("x86_64", "aarch64").
std::string host_machine();

} // namespace perry::linker::detail
