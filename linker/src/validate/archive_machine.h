// Which machines an archive's objects are built for ("x86_64", "aarch64", ...): validate flags an
// archive that cannot serve the target it is checked for on the host (an aarch64 archive as
// the linux prebuilt on an x86_64 host links nowhere here), and the link plan refuses an archive
// built for another machine than the link's. Internal to the linker library.
#pragma once

#include <string>
#include <vector>

namespace perry::linker::detail {

// The distinct architectures of the archive's (or object's) members, as LLVM's Triple names them,
// sorted; members LLVM cannot read as objects (bitcode, text) are left out. Empty when none.
std::vector<std::string> archive_machines(const std::string& path);

// archive_machines in the manifest's spelling of architectures (resolver::arch_names(): LLVM's
// `i386` is `i686` there), for comparing with a link's or a prebuiltPerArch key's arch.
std::vector<std::string> archive_arches(const std::string& path);

// This machine's architecture in the same spelling ("x86_64", "aarch64").
std::string host_machine();

} // namespace perry::linker::detail
