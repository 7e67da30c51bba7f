// `abiVersion` against the runtime version: seed 003's rules and texts.
#include "perry/resolver/abi_version.h"

#include "perry/ffi.h" // header-only use: the version macros are the one source of the number

namespace perry::resolver {
namespace {

Diagnostic at_abi_version(Diagnostic::Severity severity, std::string_view file, std::string message,
                          std::string fix) {
    return make_diagnostic(severity, std::string(file), std::string(kAbiVersionPointer),
                           std::move(message), std::move(fix));
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::string suggested_range(const Version& runtime) {
    return std::to_string(runtime.major) + "." + std::to_string(runtime.minor);
}

} // namespace

const Version& runtime_version() {
    static const Version version = [] {
        Version v;
        v.major = PERRY_FFI_VERSION_MAJOR;
        v.minor = PERRY_FFI_VERSION_MINOR;
        v.patch = PERRY_FFI_VERSION_PATCH;
        return v;
    }();
    return version;
}

namespace {

// `against` null: syntax only (the range must parse; a missing abiVersion is a warning).
AbiCheck run_check(std::string_view package, const std::optional<std::string>& abi_version,
                   std::string_view file, const Version* against) {
    AbiCheck check;
    const Version& runtime = against ? *against : runtime_version();
    if (!abi_version) {
        // Spec v1's transition: allowed with a warning through 0.5.x, an error from 0.6.0 on.
        const bool required = against && (runtime.major > 0 || runtime.minor >= 6);
        std::string message = "native library `" + std::string(package) +
                              "` does not declare `abiVersion` (the " +
                              "perry-ffi ABI it was built against); " +
                              (required ? std::string("it is required from perry-ffi 0.6.0")
                                        : std::string("this is an error from perry-ffi 0.6.0 on"));
        check.ok = !required;
        check.diagnostics.push_back(at_abi_version(
            required ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning, file,
            std::move(message),
            "add \"abiVersion\": \"" + suggested_range(runtime) +
                "\" to perry.nativeLibrary (manifest spec v1, docs/resolver/manifest.md)"));
        // The pointer names the object the key belongs in, since the key itself is absent.
        check.diagnostics.back().pointer = "/perry/nativeLibrary";
        return check;
    }
    std::string why;
    std::vector<std::string> notes;
    check.range = Range::parse(*abi_version, &why, &notes);
    const std::optional<Range>& range = check.range;
    if (!range) {
        check.ok = false;
        check.diagnostics.push_back(at_abi_version(
            Diagnostic::Severity::Error, file,
            "expected an npm semver range like \"" + suggested_range(runtime) + "\", found \"" +
                *abi_version + "\"" + (why.empty() ? std::string() : " (" + why + ")"),
            "write the perry-ffi version the package was built against, e.g. \"" +
                suggested_range(runtime) + "\""));
        return check;
    }
    // What node-semver accepts but a careful author would not write: warnings, not refusals.
    if (is_blank(*abi_version)) {
        check.diagnostics.push_back(
            at_abi_version(Diagnostic::Severity::Warning, file,
                           "abiVersion \"" + *abi_version +
                               "\" is empty, which npm reads as `*`: every perry-ffi version",
                           "write the perry-ffi version the package was built against, e.g. \"" +
                               suggested_range(runtime) + "\""));
    }
    for (const std::string& note : notes) {
        check.diagnostics.push_back(at_abi_version(
            Diagnostic::Severity::Warning, file, "abiVersion \"" + *abi_version + "\": " + note,
            "remove the prerelease tag, or write a full version with it"));
    }
    if (against && !range->satisfies(runtime)) {
        check.ok = false;
        check.diagnostics.push_back(at_abi_version(
            Diagnostic::Severity::Error, file,
            "native library `" + std::string(package) + "` declares perry-ffi ABI \"" +
                *abi_version + "\" but this Perry build ships perry-ffi " + runtime.to_string() +
                ".",
            "Update the package or use an older Perry release."));
    }
    if (range->pins_exact_version()) {
        check.diagnostics.push_back(at_abi_version(
            Diagnostic::Severity::Warning, file,
            "abiVersion \"" + *abi_version + "\" pins one exact perry-ffi release; the package " +
                "will not load under any other",
            "write \"" + std::to_string(range->sets()[0][0].version.major) + "." +
                std::to_string(range->sets()[0][0].version.minor) +
                "\" to accept every patch release of that minor version"));
    }
    return check;
}

} // namespace

AbiCheck check_abi_version(std::string_view package, const std::optional<std::string>& abi_version,
                           std::string_view file, const Version& runtime) {
    return run_check(package, abi_version, file, &runtime);
}

AbiCheck check_abi_version_syntax(std::string_view package,
                                  const std::optional<std::string>& abi_version,
                                  std::string_view file) {
    return run_check(package, abi_version, file, nullptr);
}

} // namespace perry::resolver
