// The manifest's `abiVersion` checked against the runtime this build ships (perry/ffi.h).
#pragma once

#include "perry/resolver/diagnostic.h"
#include "perry/resolver/semver.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

// The perry-ffi version of this build, read from PERRY_FFI_VERSION_* in perry/ffi.h.
const Version& runtime_version();

// The JSON pointer of the field, for diagnostics.
inline constexpr std::string_view kAbiVersionPointer = "/perry/nativeLibrary/abiVersion";

struct AbiCheck {
    bool ok = true; // false when one of the diagnostics is an error
    std::vector<Diagnostic> diagnostics;
    std::optional<Range> range; // the declared range, when it parses (so callers need not again)
};

// Checks a declared `abiVersion` (nullopt when the manifest has none) of package `package`,
// reading from `file`, against `runtime`:
//   - missing: a warning before 0.6.0, an error from 0.6.0 on;
//   - not a valid range: an error;
//   - the range does not include `runtime`: seed 003's error
//     native library `<package>` declares perry-ffi ABI "<range>" but this Perry build ships
//     perry-ffi <runtime>.  (fix: Update the package or use an older Perry release.)
//   - a range that pins one exact version (`"0.5.3"`): a warning, since it loads under one
//     runtime release only.
AbiCheck check_abi_version(std::string_view package, const std::optional<std::string>& abi_version,
                           std::string_view file, const Version& runtime = runtime_version());

// Only what does not depend on a runtime: the range's syntax, and the exact-pin warning.
AbiCheck check_abi_version_syntax(std::string_view package,
                                  const std::optional<std::string>& abi_version,
                                  std::string_view file);

} // namespace perry::resolver
