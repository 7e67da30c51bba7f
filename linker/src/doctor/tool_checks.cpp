// The machine's half of `perry native doctor`: compilers, build tools, compiler caches, Rust and
// its installed targets, the runtime. Each tool is asked for its version through the process
// layer (an argv, a timeout), the way the builds themselves find it.
#include "doctor_checks.h"

#include "perry/linker/process.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;

std::string home_cargo_bin() {
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/.cargo/bin";
}

std::string from_environment(const char* variable, const char* fallback) {
    const char* value = std::getenv(variable);
    return value && *value ? value : fallback;
}

std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    return line;
}

// Runs `argv` (argv[0] already found) with the doctor's timeout; its stdout, or nothing.
std::optional<std::string> ask(const std::vector<std::string>& argv, const DoctorRequest& request) {
    ProcessOptions options;
    options.timeout = request.tool_timeout;
    const ProcessResult result = run_process(argv, options);
    if (!result.ok())
        return std::nullopt;
    return result.out.empty() ? result.err : result.out;
}

// A tool found on PATH (or in `extra_dirs`) that answers `--version`.
DoctorCheck version_check(const DoctorRequest& request, std::string id, std::string name,
                          const std::string& program, bool matters, std::string missing_hint,
                          const std::vector<std::string>& extra_dirs = {}) {
    DoctorCheck check{std::move(id), std::move(name), false, "", "", matters};
    const std::optional<std::string> found = find_program(program, extra_dirs);
    if (!found) {
        check.hint = "`" + program + "` is not on PATH: " + missing_hint;
        return check;
    }
    const std::optional<std::string> answer = ask({*found, "--version"}, request);
    if (!answer) {
        check.hint = "`" + *found + " --version` failed or did not answer in time: " + missing_hint;
        return check;
    }
    check.ok = true;
    check.version = first_line(*answer);
    return check;
}

// The Rust target triple that builds for `target` on a machine of `arch`, or "" when none.
std::string rust_triple(resolver::TargetKey target, const std::string& arch) {
    using resolver::TargetKey;
    switch (target) {
    case TargetKey::Linux:
        return arch + "-unknown-linux-gnu";
    case TargetKey::Macos:
        return arch + "-apple-darwin";
    case TargetKey::Windows:
        return "x86_64-pc-windows-msvc";
    case TargetKey::Android:
        return "aarch64-linux-android";
    case TargetKey::Ios:
        return "aarch64-apple-ios";
    case TargetKey::Web:
        return "wasm32-unknown-unknown";
    case TargetKey::Harmonyos:
        return "aarch64-unknown-linux-ohos";
    case TargetKey::Tvos:
        return "aarch64-apple-tvos";
    case TargetKey::Watchos:
        return "aarch64-apple-watchos";
    case TargetKey::Visionos:
        return "aarch64-apple-visionos";
    }
    return "";
}

// The targets rustc has a standard library for: the folders of <sysroot>/lib/rustlib that hold
// a lib/ folder (rustup's `rustup target list --installed`, without rustup).
DoctorCheck rust_targets_check(const DoctorRequest& request, bool matters) {
    DoctorCheck check{"rust-targets", "Rust targets installed", false, "", "", matters};
    const std::string rustc_program = from_environment("RUSTC", "rustc");
    const std::optional<std::string> rustc = find_program(rustc_program, {home_cargo_bin()});
    const std::optional<std::string> sysroot =
        rustc ? ask({*rustc, "--print", "sysroot"}, request) : std::nullopt;
    const std::optional<std::string> about = rustc ? ask({*rustc, "-vV"}, request) : std::nullopt;
    if (!sysroot || !about) {
        check.hint = "rustc cannot be asked for its sysroot: install Rust (https://rustup.rs), "
                     "needed only to build Rust packages from source";
        return check;
    }
    std::string host;
    const std::size_t at = about->find("\nhost: ");
    if (at != std::string::npos)
        host = first_line(about->substr(at + 7));
    std::vector<std::string> installed;
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(first_line(*sysroot)) / "lib" / "rustlib", ec), end;
         !ec && it != end; it.increment(ec)) {
        if (fs::is_directory(it->path() / "lib", ec))
            installed.push_back(it->path().filename().string());
    }
    std::sort(installed.begin(), installed.end());
    for (const std::string& triple : installed)
        check.version += (check.version.empty() ? "" : ", ") + triple;
    const std::string arch = host.substr(0, host.find('-'));
    const std::string wanted =
        request.target == host_target() ? host : rust_triple(request.target, arch);
    if (wanted.empty() ||
        std::find(installed.begin(), installed.end(), wanted) != installed.end()) {
        check.ok = true;
        return check;
    }
    check.hint = "no standard library for " + wanted + ": `rustup target add " + wanted +
                 "` (needed only to build Rust packages for " +
                 std::string(resolver::target_key_name(request.target)) + ")";
    return check;
}

} // namespace

std::vector<DoctorCheck> tool_checks(const DoctorRequest& request, const ToolNeeds& needs) {
    std::vector<DoctorCheck> checks;
    const std::string cc = from_environment("CC", "cc");
    const std::string cxx = from_environment("CXX", "c++");
    checks.push_back(version_check(request, "c-compiler", "C compiler (" + cc + ")", cc,
                                   needs.link || needs.cmake,
                                   "install a C compiler (Debian: apt install gcc), or set CC; "
                                   "it builds C packages and links programs"));
    checks.push_back(version_check(request, "cxx-compiler", "C++ compiler (" + cxx + ")", cxx,
                                   needs.cmake,
                                   "install a C++ compiler (Debian: apt install g++), or set "
                                   "CXX; CMake packages are built with it"));
    checks.push_back(version_check(request, "cmake", "CMake", "cmake", needs.cmake,
                                   "install CMake 3.20 or later (Debian: apt install cmake); "
                                   "CMake packages are built with it"));
    DoctorCheck ninja = version_check(request, "ninja", "Ninja", "ninja", false,
                                      "install Ninja (Debian: apt install ninja-build); without "
                                      "it CMake builds use CMake's default generator");
    checks.push_back(std::move(ninja));
    checks.push_back(version_check(request, "cargo", "cargo", "cargo", needs.cargo,
                                   "install Rust (https://rustup.rs); needed only to build Rust "
                                   "packages from source",
                                   {home_cargo_bin()}));
    checks.push_back(version_check(request, "rustc", "rustc", from_environment("RUSTC", "rustc"),
                                   needs.cargo,
                                   "install Rust (https://rustup.rs); needed only to build Rust "
                                   "packages from source",
                                   {home_cargo_bin()}));
    checks.push_back(rust_targets_check(request, needs.cargo));
    checks.push_back(version_check(request, "pkg-config", "pkg-config", "pkg-config",
                                   needs.pkg_config,
                                   "install pkg-config (Debian: apt install pkg-config); "
                                   "packages naming pkgConfig modules link with it"));

    DoctorCheck cache{"compiler-cache", "compiler cache (ccache or sccache)", false, "", "", false};
    for (const char* name : {"ccache", "sccache"}) {
        const DoctorCheck found = version_check(request, name, name, name, false, "");
        if (found.ok) {
            cache.ok = true;
            cache.version += (cache.version.empty() ? "" : "; ") + found.version;
        }
    }
    if (!cache.ok) {
        cache.hint = "neither ccache nor sccache is on PATH: builds work without one; install "
                     "one (Debian: apt install ccache) to reuse compiled objects";
    }
    checks.push_back(std::move(cache));
    return checks;
}

std::vector<DoctorCheck> runtime_checks(const DoctorRequest& request) {
    const RuntimeLocation& runtime = request.runtime;
    DoctorCheck headers{"runtime-headers", "runtime headers (perry/ffi.h)", false, "", "", true};
    DoctorCheck library{"runtime-library", "runtime library (libperry_ffi.a)", false, "", "", true};
    if (!runtime.found) {
        headers.hint = library.hint = runtime.error;
        return {headers, library};
    }
    std::error_code ec;
    const fs::path header = runtime.include_dir / "perry" / "ffi.h";
    headers.ok = fs::is_regular_file(header, ec);
    headers.version = runtime.version + " (" + runtime.layout + ", " + header.string() + ")";
    if (!headers.ok) {
        headers.hint = header.string() + " is missing although " +
                       runtime.description_file.string() +
                       " names it: reinstall perry (or rebuild the build tree)";
    }
    library.ok = fs::is_regular_file(runtime.ffi_library, ec);
    library.version = runtime.ffi_library.string();
    if (!library.ok) {
        library.hint = runtime.ffi_library.string() + " is missing although " +
                       runtime.description_file.string() +
                       " names it: reinstall perry (or rebuild the build tree)";
    }
    return {headers, library};
}

} // namespace perry::linker::detail
