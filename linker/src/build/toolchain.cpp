// The toolchain side of a build: which compiler cache wraps the compilers, and the compilers'
// identities that go into the cache key.
#include "build_key.h"
#include "builders.h"

#include <cstdlib>

namespace perry::linker::detail {

namespace fs = std::filesystem;
using resolver::Diagnostic;

// Which compiler cache each builder uses: PERRY_COMPILER_CACHE (or the option) names one or
// `off`; otherwise ccache for C and C++ when installed, sccache for Rust (ccache cannot wrap
// rustc) and for C and C++ when ccache is not installed.
void choose_compiler_cache(const BuildOptions& options, BuildContext& context,
                           std::vector<Diagnostic>& diagnostics) {
    std::string choice = options.compiler_cache;
    if (choice.empty()) {
        const char* env = std::getenv("PERRY_COMPILER_CACHE");
        choice = env ? env : "";
    }
    if (choice == "off")
        return;
    const std::optional<std::string> ccache = find_program("ccache");
    const std::optional<std::string> sccache = find_program("sccache");
    if (choice == "ccache" || choice == "sccache") {
        const std::optional<std::string>& program = choice == "ccache" ? ccache : sccache;
        if (!program) {
            diagnostics.push_back(resolver::make_diagnostic(
                Diagnostic::Severity::Warning, context.request->manifest_file, "",
                "PERRY_COMPILER_CACHE=" + choice + " but `" + choice + "` is not on PATH; " +
                    "building without a compiler cache",
                "install " + choice + ", or set PERRY_COMPILER_CACHE=off"));
            return;
        }
        context.c_launcher = *program;
        if (choice == "sccache")
            context.rustc_wrapper = *program;
        return;
    }
    if (!choice.empty()) {
        diagnostics.push_back(resolver::make_diagnostic(
            Diagnostic::Severity::Warning, context.request->manifest_file, "",
            "PERRY_COMPILER_CACHE=" + choice + " is not one of ccache, sccache, off; using " +
                "whichever is installed",
            "set PERRY_COMPILER_CACHE to ccache, sccache or off"));
    }
    if (ccache)
        context.c_launcher = *ccache;
    else if (sccache)
        context.c_launcher = *sccache;
    // A RUSTC_WRAPPER the user set stays theirs.
    const char* wrapper = std::getenv("RUSTC_WRAPPER");
    if (sccache && !(wrapper && *wrapper))
        context.rustc_wrapper = *sccache;
}

// The compilers' identities for the key, each run once per binary (build_key.h).
bool compiler_identities(const fs::path& cache, bool cargo, std::vector<std::string>& identities,
                         std::string& error) {
    auto add = [&](std::vector<std::string> argv, const std::string& extra) {
        const std::optional<std::string> identity = compiler_identity(cache, argv, extra, error);
        if (identity)
            identities.push_back(*identity);
        return identity.has_value();
    };
    if (cargo) {
        const char* rustc_env = std::getenv("RUSTC");
        const char* home = std::getenv("HOME");
        const std::string home_dir = home ? home : "";
        std::string rustc = rustc_env && *rustc_env ? rustc_env : "";
        if (rustc.empty()) {
            rustc = find_program("rustc", {home_dir + "/.cargo/bin"}).value_or("rustc");
        }
        // A rustup proxy stays the same file when the toolchain behind it changes: its settings
        // and the installed toolchains join the identity's file key.
        const char* rustup_home_env = std::getenv("RUSTUP_HOME");
        const fs::path rustup_home = rustup_home_env && *rustup_home_env
                                         ? fs::path(rustup_home_env)
                                         : fs::path(home_dir) / ".rustup";
        std::string extra;
        std::error_code ec;
        for (const fs::path& state : {rustup_home / "settings.toml", rustup_home / "toolchains"}) {
            const auto time = fs::last_write_time(state, ec);
            if (!ec)
                extra += std::to_string(time.time_since_epoch().count()) + ";";
        }
        if (const char* toolchain = std::getenv("RUSTUP_TOOLCHAIN"))
            extra += toolchain;
        return add({rustc, "-vV"}, extra);
    }
    const char* cxx = std::getenv("CXX");
    const char* cc = std::getenv("CC");
    return add({"cmake", "--version"}, "") && add({cxx && *cxx ? cxx : "c++", "--version"}, "") &&
           add({cc && *cc ? cc : "cc", "--version"}, "");
}

} // namespace perry::linker::detail
