// What resolution reports about a native package, read from its perry.nativeLibrary manifest:
// the abiVersion check, the functions with their C signatures, and the entry of one target.
// An adapter over the manifest model (manifest.h, semver.h, types.h) shaped for resolve output.
#pragma once

#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

struct AbiStatus {
    std::optional<std::string> declared; // the manifest's abiVersion, when present
    bool ok = true;                      // the range admits this build's perry-ffi version
    std::string message; // the abiVersion diagnostic (rejection, or missing-field warning)
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
    std::vector<Diagnostic> diagnostics;  // every manifest problem, abiVersion's included

    bool has_errors() const { return resolver::has_errors(diagnostics); }
};

// Reads the manifest of the package in `package_dir` from its package.json text (already read by
// the caller, who has seen `perry.nativeLibrary` in it). `file` names it in messages; `target` is
// a target key ("linux", ...), whose entry becomes `link_json`; `options` are the manifest
// parser's (a resolver says there what it knows about the package directory).
NativeDetails read_native_details(const std::string& file, const std::string& package_dir,
                                  std::string_view package_json_text, const std::string& target,
                                  const ParseOptions& options = ParseOptions());

// `<C return type> <name>(<C param type> a0, ...)`, from the type table's C types.
std::string c_signature(const std::string& name, const std::vector<std::string>& params,
                        const std::string& returns);

} // namespace perry::resolver
