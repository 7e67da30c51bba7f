#include "locate_archive.h"
#include "plan/crate_source.h"
#include "report_helpers.h"

#include "build/builders.h"

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

// Whether a rustc target triple (a directory under target/) builds for the manifest target.
bool triple_fits(TargetKey key, const std::string& triple) {
    auto has = [&](const char* part) { return triple.find(part) != std::string::npos; };
    switch (key) {
    case TargetKey::Linux:
        return has("-linux-") && !has("android") && !has("ohos");
    case TargetKey::Android:
        return has("android");
    case TargetKey::Harmonyos:
        return has("ohos");
    case TargetKey::Macos:
        return has("apple-darwin");
    case TargetKey::Ios:
        return has("apple-ios");
    case TargetKey::Tvos:
        return has("apple-tvos");
    case TargetKey::Watchos:
        return has("apple-watchos");
    case TargetKey::Visionos:
        return has("apple-visionos") || has("apple-xros");
    case TargetKey::Windows:
        return has("windows");
    case TargetKey::Web:
        return has("wasm32");
    }
    return false;
}

std::optional<fs::path> first_existing(const std::vector<fs::path>& dirs,
                                       const std::vector<std::string>& names) {
    for (const fs::path& dir : dirs) {
        for (const std::string& name : names) {
            std::error_code ec;
            if (fs::is_regular_file(dir / name, ec))
                return dir / name;
        }
    }
    return std::nullopt;
}

} // namespace

LocatedArchive locate_archive(const resolver::ManifestResult& manifest,
                              const resolver::Target& target, bool build, bool host,
                              const BuildOptions& build_options,
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
            const std::vector<std::string> names = stem_hint.empty()
                                                       ? std::vector<std::string>{}
                                                       : archive_file_names(target, stem_hint);
            const DirectoryArchive found = archive_in_directory(prebuilt, names);
            const std::vector<fs::path>& candidates = found.candidates;
            if (found.path) {
                located.path = *found.path;
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
        // A declared prebuilt that is missing is an error in every mode: a compiler would
        // build from source instead where it can, but the package as published is broken.
        error(pointer + "/prebuilt",
              "prebuilt " + shown(prebuilt, manifest.package_dir) +
                  (fs::exists(prebuilt, ec) ? " is not a regular file or directory"
                                            : " does not exist"),
              "build it for `" + key +
                  "`, fix the path, or remove "
                  "`prebuilt` to have the crate built from source");
        return located;
    }

    if (build && host) {
        BuildRequest request;
        request.package_name = manifest.name.value_or(manifest.package_dir.filename().string());
        request.package_dir = manifest.package_dir;
        request.manifest_file = file;
        request.target = target;
        BuildResult result = build_binding(request, build_options);
        diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
        if (result.status == BuildStatus::Failed) {
            located.unreadable = result.unusable_input;
            if (!result.output_tail.empty() && !result.diagnostics.empty()) {
                // The end of the build's output goes with the error, as the build printed it.
                diagnostics.back().message +=
                    "; the last lines of its output:\n" + result.output_tail;
                while (!diagnostics.back().message.empty() &&
                       diagnostics.back().message.back() == '\n') {
                    diagnostics.back().message.pop_back();
                }
            }
            return located;
        }
        located.path = result.archive;
        located.build = std::move(result);
        return located;
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
        std::optional<std::string> name = cargo_library_name(crate / "Cargo.toml", why);
        if (!name) {
            error(pointer,
                  (crate / "Cargo.toml").string() + ": cannot tell the library name: " + why,
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
    const std::vector<std::string> names = archive_file_names(target, stem);

    std::vector<fs::path> dirs;
    if (cargo) {
        const char* target_dir_env = std::getenv("CARGO_TARGET_DIR");
        const fs::path target_dir =
            target_dir_env && *target_dir_env ? fs::absolute(target_dir_env) : crate / "target";
        if (host)
            dirs.push_back(target_dir / "release");
        std::error_code ec;
        std::vector<fs::path> triples;
        for (const fs::directory_entry& entry : fs::directory_iterator(target_dir, ec)) {
            if (entry.is_directory(ec) &&
                triple_fits(target.key, entry.path().filename().string())) {
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
            if (ec)
                break;
            if (it->is_directory(ec) && it->path().filename() != "CMakeFiles") {
                dirs.push_back(it->path());
            }
        }
    }
    if (auto found = first_existing(dirs, names)) {
        // The same containment rule as for manifest paths: an archive reached through a symlink
        // out of the package (target/ or build/ as a link) is not the package's.
        std::error_code ec;
        const fs::path real = fs::canonical(*found, ec);
        const fs::path root = fs::canonical(manifest.package_dir, ec);
        const std::string relative = real.lexically_relative(root).generic_string();
        if (ec || relative.empty() || relative.rfind("..", 0) == 0) {
            error(pointer,
                  shown(*found, manifest.package_dir) + " leads out of the package (to " +
                      real.string() + ")",
                  "build the crate inside the package, or validate without --no-build (builds "
                  "go to the cache)");
            located.unreadable = true;
            return located;
        }
        located.path = *found;
        return located;
    }
    if (!host) {
        diagnostics.push_back(make(Diagnostic::Severity::Warning, file, pointer,
                                   "target `" + key + "` not checked: it has no prebuilt and no " +
                                       names.front() +
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
