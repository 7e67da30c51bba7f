#include "locate_archive.h"
#include "report_helpers.h"

#include "perry/linker/process.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;
using resolver::TargetKey;

std::string target_pointer(const resolver::Target& target) {
    return "/perry/nativeLibrary/targets/" + std::string(resolver::target_key_name(target.key));
}

constexpr auto make = resolver::make_diagnostic;
constexpr auto shown = shown_path;

// The file names the target's `lib` can produce: the name as written when it has an extension,
// else cargo's and CMake's conventions for the target.
std::vector<std::string> archive_names(const resolver::Target& target, const std::string& stem) {
    if (target.lib_as_written) {
        const std::string& written = *target.lib_as_written;
        if (fs::path(written).has_extension()) return {written};
    }
    if (target.key == TargetKey::Windows) return {stem + ".lib", "lib" + stem + ".a"};
    return {"lib" + stem + ".a"};
}

// cargo names the staticlib after [lib].name, else [package].name with `-` turned into `_`.
std::optional<std::string> cargo_lib_name(const fs::path& cargo_toml, std::string& error) {
    toml::table table;
    try {
        table = toml::parse_file(cargo_toml.string()); // this toml++ build reports by exception
    } catch (const toml::parse_error& failure) {
        error = std::string(failure.description());
        return std::nullopt;
    }
    std::optional<std::string> name = table["lib"]["name"].value<std::string>();
    if (!name) name = table["package"]["name"].value<std::string>();
    if (!name) {
        error = "neither [lib] name nor [package] name is set";
        return std::nullopt;
    }
    std::replace(name->begin(), name->end(), '-', '_');
    return name;
}

// Whether a rustc target triple (a directory under target/) builds for the manifest target.
bool triple_fits(TargetKey key, const std::string& triple) {
    auto has = [&](const char* part) { return triple.find(part) != std::string::npos; };
    switch (key) {
    case TargetKey::Linux: return has("-linux-") && !has("android") && !has("ohos");
    case TargetKey::Android: return has("android");
    case TargetKey::Harmonyos: return has("ohos");
    case TargetKey::Macos: return has("apple-darwin");
    case TargetKey::Ios: return has("apple-ios");
    case TargetKey::Tvos: return has("apple-tvos");
    case TargetKey::Watchos: return has("apple-watchos");
    case TargetKey::Visionos: return has("apple-visionos") || has("apple-xros");
    case TargetKey::Windows: return has("windows");
    case TargetKey::Web: return has("wasm32");
    }
    return false;
}

std::optional<fs::path> first_existing(const std::vector<fs::path>& dirs,
                                       const std::vector<std::string>& names) {
    for (const fs::path& dir : dirs) {
        for (const std::string& name : names) {
            std::error_code ec;
            if (fs::is_regular_file(dir / name, ec)) return dir / name;
        }
    }
    return std::nullopt;
}

// A prebuilt that is a directory (the `web` target's wasm-pack output): the archive inside.
std::optional<fs::path> archive_in_directory(const fs::path& dir,
                                             const std::vector<std::string>& names,
                                             std::vector<fs::path>& candidates) {
    if (auto named = first_existing({dir}, names)) return named;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file(ec) && (ext == ".a" || ext == ".lib" || ext == ".wasm")) {
            candidates.push_back(entry.path());
        }
    }
    std::sort(candidates.begin(), candidates.end());
    if (candidates.size() == 1) return candidates.front();
    return std::nullopt;
}

std::string last_lines(const std::string& text, std::size_t count) {
    std::size_t pos = text.size();
    while (pos > 0 && (text[pos - 1] == '\n')) --pos;
    std::size_t end = pos;
    for (std::size_t found = 0; pos > 0; --pos) {
        if (text[pos - 1] == '\n' && ++found == count) break;
    }
    return text.substr(pos, end - pos);
}

// Runs one build step; on failure adds an error quoting the end of its output.
bool run_build_step(const std::vector<std::string>& argv, const fs::path& cwd,
                    const std::string& file, const std::string& pointer,
                    std::vector<Diagnostic>& diagnostics) {
    ProcessOptions options;
    options.cwd = cwd.string();
    const ProcessResult result = run_process(argv, options);
    if (result.ok()) return true;
    std::string command;
    for (const std::string& arg : argv) command += (command.empty() ? "" : " ") + arg;
    const std::string detail = result.started ? "exit " + std::to_string(result.exit_code) +
                                                    ":\n" + last_lines(result.err, 12)
                                              : result.error;
    diagnostics.push_back(make(Diagnostic::Severity::Error, file, pointer,
                               "`" + command + "` failed in " + cwd.string() + " (" + detail + ")",
                               "fix the build, or pass --no-build to check what is on disk"));
    return false;
}

std::string cargo_program() {
    const char* home = std::getenv("HOME");
    return find_program("cargo", {std::string(home ? home : "") + "/.cargo/bin"})
        .value_or("cargo");
}

} // namespace

LocatedArchive locate_archive(const resolver::ManifestResult& manifest,
                              const resolver::Target& target, bool build, bool host,
                              std::vector<Diagnostic>& diagnostics) {
    LocatedArchive located;
    const std::string& file = manifest.file;
    const std::string pointer = target_pointer(target);
    const std::string key(resolver::target_key_name(target.key));
    const std::string stem_hint = target.lib.value_or("");
    auto error = [&](std::string pointer_to, std::string message, std::string fix) {
        diagnostics.push_back(make(Diagnostic::Severity::Error, file, std::move(pointer_to),
                                   std::move(message), std::move(fix)));
    };

    if (target.prebuilt) {
        const fs::path prebuilt(target.prebuilt->resolved);
        std::error_code ec;
        if (fs::is_regular_file(prebuilt, ec)) {
            located.path = prebuilt;
            return located;
        }
        if (fs::is_directory(prebuilt, ec)) {
            std::vector<fs::path> candidates;
            const std::vector<std::string> names =
                stem_hint.empty() ? std::vector<std::string>{} : archive_names(target, stem_hint);
            if (auto found = archive_in_directory(prebuilt, names, candidates)) {
                located.path = *found;
                return located;
            }
            error(pointer + "/prebuilt",
                  "prebuilt directory " + shown(prebuilt, manifest.package_dir) +
                      (candidates.empty() ? " holds no archive (.a, .lib, .wasm)"
                                          : " holds several archives and `lib` names none"),
                  "set `lib` to the archive's name, or point `prebuilt` at the file");
            located.unreadable = true;
            return located;
        }
        if (!host || !build) {
            error(pointer + "/prebuilt",
                  "prebuilt " + shown(prebuilt, manifest.package_dir) + " does not exist",
                  "build it for `" + key + "` (or fix the path)");
            return located;
        }
        // The host falls back to building the crate, as the compiler does.
    }

    const fs::path crate = target.crate ? fs::path(target.crate->resolved) : manifest.package_dir;
    const std::string crate_pointer = target.crate ? pointer + "/crate" : pointer;
    const bool cargo = fs::exists(crate / "Cargo.toml");
    const bool cmake = !cargo && fs::exists(crate / "CMakeLists.txt");
    if (!cargo && !cmake) {
        error(crate_pointer,
              "no Cargo.toml or CMakeLists.txt in " + shown(crate, manifest.package_dir) +
                  " to build the `" + key + "` staticlib from",
              "set `crate` to the crate's directory, or `prebuilt` to the archive");
        located.unreadable = true;
        return located;
    }
    std::string stem = stem_hint;
    if (stem.empty() && cargo) {
        std::string why;
        std::optional<std::string> name = cargo_lib_name(crate / "Cargo.toml", why);
        if (!name) {
            error(pointer, (crate / "Cargo.toml").string() + ": cannot tell the library name: " + why,
                  "set `lib` in the target entry");
            located.unreadable = true;
            return located;
        }
        stem = *name;
    }
    if (stem.empty()) {
        error(pointer, "target `" + key + "` builds with CMake but names no `lib`",
              "set `lib` to the archive the CMake project produces");
        located.unreadable = true;
        return located;
    }
    const std::vector<std::string> names = archive_names(target, stem);

    if (build && host) {
        const bool built =
            cargo ? run_build_step({cargo_program(), "build", "--release"}, crate, file,
                                   crate_pointer, diagnostics)
                  : run_build_step({"cmake", "-S", ".", "-B", "build", "-DCMAKE_BUILD_TYPE=Release"},
                                   crate, file, crate_pointer, diagnostics) &&
                        run_build_step({"cmake", "--build", "build", "--config", "Release"}, crate,
                                       file, crate_pointer, diagnostics);
        if (!built) return located;
    }

    std::vector<fs::path> dirs;
    if (cargo) {
        const char* target_dir_env = std::getenv("CARGO_TARGET_DIR");
        const fs::path target_dir = target_dir_env && *target_dir_env
                                        ? fs::absolute(target_dir_env)
                                        : crate / "target";
        if (host) dirs.push_back(target_dir / "release");
        std::error_code ec;
        std::vector<fs::path> triples;
        for (const fs::directory_entry& entry : fs::directory_iterator(target_dir, ec)) {
            if (entry.is_directory(ec) && triple_fits(target.key, entry.path().filename().string())) {
                triples.push_back(entry.path() / "release");
            }
        }
        std::sort(triples.begin(), triples.end());
        dirs.insert(dirs.end(), triples.begin(), triples.end());
    } else {
        dirs.push_back(crate / "build");
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(crate / "build", ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) break;
            if (it->is_directory(ec) && it->path().filename() != "CMakeFiles") {
                dirs.push_back(it->path());
            }
        }
    }
    if (auto found = first_existing(dirs, names)) {
        located.path = *found;
        return located;
    }
    if (!host) {
        diagnostics.push_back(make(
            Diagnostic::Severity::Warning, file, pointer,
            "target `" + key + "` not checked: it has no prebuilt and no " + names.front() +
                " was built for it (only this host's target is built here)",
            "add a `prebuilt` for it, or cross-build the crate first"));
        located.skipped = true;
        return located;
    }
    std::string searched;
    for (const fs::path& dir : dirs) {
        searched += (searched.empty() ? "" : ", ") + shown(dir, manifest.package_dir);
    }
    error(pointer, "no " + names.front() + " found (looked in " + searched + ")",
          build ? "check `lib` matches the library the crate builds"
                : "build the crate first, or run validate without --no-build");
    located.unreadable = true;
    return located;
}

} // namespace perry::linker::detail
