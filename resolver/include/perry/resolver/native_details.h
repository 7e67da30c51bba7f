// What resolution reports about a native package, read from its perry.nativeLibrary manifest:
// the abiVersion check, the functions with their C signatures, and the entry of one target.
// An adapter over the manifest model (manifest.h, semver.h, types.h) shaped for resolve output.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

struct AbiStatus {
    std::optional<std::string> declared; // the manifest's abiVersion, when present
    bool ok = true;                      // the range admits this build's perry-ffi version
    std::string message;                 // why not, or the missing-field warning; empty when fine
};

struct FunctionSignature {
    std::string name;
    std::vector<std::string> params;
    std::string returns;
    std::string c_signature; // e.g. `double js_x_f(const char* a0, int64_t a1)`
};

struct NativeDetails {
    AbiStatus abi;
    std::vector<FunctionSignature> functions;
    std::optional<std::string> link_json; // the target's entry as parsed, a JSON object; nullopt
                                          // when the manifest has no entry for the target
    std::vector<std::string> errors;   // manifest problems (`<file>: <pointer>: <message>`)
    std::vector<std::string> warnings; // likewise, not fatal
};

// Whether a parsed package.json declares `perry.nativeLibrary` is decided by the caller; this
// reads the manifest from the package.json text. `file` names it in messages.
NativeDetails read_native_details(const std::string& file, std::string_view package_json_text,
                                  const std::string& target);

} // namespace perry::resolver
