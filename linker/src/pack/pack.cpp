// pack_package: read package.json, select the files as npm does, check the prebuilts (named in
// `files`, valid for their manifest), then make every tarball in memory and only then write them,
// each to a temporary name renamed into place.
#include "perry/linker/pack.h"

#include "file_selection.h"
#include "perry/linker/scaffold.h"
#include "perry/linker/validate.h"
#include "perry/resolver/semver.h"
#include "platform_packages.h"
#include "tarball.h"

#include "../../../resolver/src/fs_util.h"

#include <algorithm>
#include <cerrno>
#include <set>
#include <system_error>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using pack::Json;
using resolver::Diagnostic;

std::string weak_path(const fs::path& path) {
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? path.lexically_normal().string() : absolute.string();
}

struct Packer {
    const PackOptions& options;
    PackReport report;
    std::string label;
    Json manifest;
    pack::Selection selection;
    std::vector<pack::NamedPrebuilt> prebuilts;
    std::vector<pack::PlatformPackage> platforms;

    void error(const std::string& pointer, const std::string& message, const std::string& fix,
               bool bad_input) {
        report.diagnostics.push_back(
            resolver::make_diagnostic(Diagnostic::Severity::Error, label, pointer, message, fix));
        report.unreadable = report.unreadable || bad_input;
    }
    void warn(const std::string& pointer, const std::string& message, const std::string& fix) {
        report.diagnostics.push_back(
            resolver::make_diagnostic(Diagnostic::Severity::Warning, label, pointer, message, fix));
    }

    bool read_manifest() {
        std::string text;
        if (!resolver::detail::read_file((options.package_dir / "package.json").string(), text)) {
            error("", "cannot read the file", "run pack in a package directory, or pass it", true);
            return false;
        }
        manifest = Json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (manifest.is_discarded() || !manifest.is_object()) {
            error("", "is not a JSON object", "fix the JSON (`npm pkg get` shows what npm reads)",
                  true);
            return false;
        }
        for (const char* field : {"name", "version"}) {
            if (!manifest.contains(field) || !manifest[field].is_string() ||
                manifest[field].get<std::string>().empty()) {
                error(std::string("/") + field, std::string("a package needs a `") + field + "`",
                      std::string("add a `") + field + "` string, as npm requires", true);
            }
        }
        if (report.unreadable)
            return false;
        // Both become part of the tarball's file name: npm's rules keep it a plain name.
        const std::vector<std::string> name_problems =
            npm_name_problems(manifest["name"].get<std::string>());
        if (!name_problems.empty())
            error("/name",
                  "`" + resolver::printable(manifest["name"].get<std::string>()) +
                      "` is not a valid npm name: " + name_problems.front(),
                  "choose a name npm accepts (npm publish refuses this one)", true);
        std::string why;
        if (!resolver::parse_version(manifest["version"].get<std::string>(), &why))
            error("/version",
                  "`" + resolver::printable(manifest["version"].get<std::string>()) +
                      "` is not a semver version: " + why,
                  "write a version as npm requires, e.g. 1.0.0", true);
        for (const char* field : {"bundleDependencies", "bundledDependencies"}) {
            if (manifest.contains(field) && !manifest[field].empty() && manifest[field] != false)
                error(std::string("/") + field, "bundled dependencies are not supported by pack",
                      "use `npm pack` for a package that bundles its dependencies", true);
        }
        return !report.unreadable;
    }

    pack::SelectionFields selection_fields() {
        pack::SelectionFields fields;
        if (manifest.contains("files")) {
            if (!manifest["files"].is_array()) {
                error("/files", "`files` is not an array of strings", "write `\"files\": [...]`",
                      true);
            } else {
                fields.files.emplace();
                for (std::size_t i = 0; i < manifest["files"].size(); ++i) {
                    if (!manifest["files"][i].is_string()) {
                        error("/files/" + std::to_string(i), "not a string",
                              "name a file, a directory or a glob", true);
                        continue;
                    }
                    fields.files->push_back(manifest["files"][i].get<std::string>());
                }
            }
        }
        for (const char* field : {"main", "browser"}) {
            if (manifest.contains(field) && manifest[field].is_string())
                fields.required.push_back(
                    {std::string("/") + field, manifest[field].get<std::string>()});
        }
        if (manifest.contains("bin") && manifest["bin"].is_string())
            fields.required.push_back({"/bin", manifest["bin"].get<std::string>()});
        if (manifest.contains("bin") && manifest["bin"].is_object()) {
            for (auto bin = manifest["bin"].begin(); bin != manifest["bin"].end(); ++bin) {
                if (bin.value().is_string())
                    fields.required.push_back(
                        {"/bin/" + bin.key(), bin.value().get<std::string>()});
            }
        }
        return fields;
    }

    // Every prebuilt the manifest names must exist and be packed.
    void check_prebuilts_packed(const std::vector<pack::NamedPrebuilt>& prebuilts,
                                const std::vector<std::string>& files) {
        for (const pack::NamedPrebuilt& prebuilt : prebuilts) {
            std::error_code ec;
            if (!fs::exists(options.package_dir / prebuilt.path, ec)) {
                if (prebuilt.per_arch) // validate reports a missing `prebuilt`
                    error(prebuilt.pointer, "prebuilt " + prebuilt.path + " does not exist",
                          "build it (perry native prebuild) or fix the path", false);
                continue;
            }
            const bool packed = prebuilt.directory
                                    ? std::any_of(files.begin(), files.end(),
                                                  [&](const std::string& f) {
                                                      return f.rfind(prebuilt.path + "/", 0) == 0;
                                                  })
                                    : std::binary_search(files.begin(), files.end(), prebuilt.path);
            if (!packed)
                error(prebuilt.pointer,
                      "the prebuilt " + prebuilt.path +
                          " is not in the package: `files` leaves it out",
                      "add \"" + prebuilt.path + "\" (or its directory) to `files`", false);
        }
    }

    // validate --no-build for each target with a `prebuilt` or `prebuiltPerArch`: each archive
    // must export what the manifest declares, and be of its architecture. A manifest without
    // prebuilts is still checked (its users build it).
    void validate_prebuilts() {
        if (!manifest.contains("perry") || !manifest["perry"].is_object() ||
            !manifest["perry"].contains("nativeLibrary") ||
            !manifest["perry"]["nativeLibrary"].is_object())
            return;
        const Json& targets = manifest["perry"]["nativeLibrary"].value("targets", Json::object());
        std::set<std::string> seen;
        bool validated = false;
        for (auto target = targets.begin(); target != targets.end(); ++target) {
            const std::optional<resolver::TargetKey> key = resolver::find_target_key(target.key());
            if (!key || !target.value().is_object() ||
                (!target.value().contains("prebuilt") &&
                 !target.value().contains("prebuiltPerArch")))
                continue;
            ValidateOptions validate;
            validate.package_dir = options.package_dir;
            validate.target = *key;
            validate.build = false;
            validated = true;
            const ValidationReport checked = validate_package(validate);
            report.unreadable = report.unreadable || checked.unreadable;
            for (const Diagnostic& diagnostic : checked.diagnostics) {
                if (seen.insert(diagnostic.format()).second)
                    report.diagnostics.push_back(diagnostic);
            }
        }
        if (!validated) {
            const resolver::ManifestResult parsed =
                resolver::parse_manifest_file(options.package_dir / "package.json");
            report.unreadable = report.unreadable || parsed.unreadable;
            report.diagnostics.insert(report.diagnostics.end(), parsed.diagnostics.begin(),
                                      parsed.diagnostics.end());
        }
    }

    std::string read_file(const std::string& relative, unsigned& mode) {
        const fs::path path = options.package_dir / relative;
        std::error_code ec;
        const fs::perms perms = fs::status(path, ec).permissions();
        mode = (perms & fs::perms::owner_exec) != fs::perms::none ? 0755 : 0644;
        std::string text;
        if (!resolver::detail::read_file(path.string(), text))
            error("",
                  "cannot read " + relative + ": " + resolver::detail::describe_read_error(errno),
                  "", true);
        return text;
    }

    PackedTarball tarball(const std::string& name, const fs::path& file,
                          std::vector<pack::TarEntry> entries, std::string& bytes) {
        std::sort(entries.begin(), entries.end(),
                  [](const pack::TarEntry& a, const pack::TarEntry& b) { return a.path < b.path; });
        PackedTarball packed;
        packed.name = name;
        packed.version = manifest["version"].get<std::string>();
        packed.file = file.string();
        for (pack::TarEntry& entry : entries) {
            packed.entries.push_back({entry.path, entry.data.size(), entry.mode});
            entry.path = "package/" + entry.path;
        }
        bytes = pack::make_tarball(entries);
        packed.bytes = bytes.size();
        packed.integrity = pack::sha512_integrity(bytes);
        packed.shasum = pack::sha1_hex(bytes);
        return packed;
    }

    // Everything that can refuse the package, in order; false when it was refused.
    bool check() {
        label = (options.package_dir / "package.json").lexically_normal().string();
        report.manifest_file = label;
        if (!read_manifest())
            return false;
        const pack::SelectionFields fields = selection_fields();
        if (report.unreadable)
            return false;
        selection = pack::select_files(options.package_dir, label, fields);
        report.diagnostics.insert(report.diagnostics.end(), selection.diagnostics.begin(),
                                  selection.diagnostics.end());
        report.unreadable = report.unreadable || selection.bad_input;
        bool bad_prebuilt = false;
        prebuilts = pack::named_prebuilts(manifest, options.package_dir, label, report.diagnostics,
                                          bad_prebuilt);
        report.unreadable = report.unreadable || bad_prebuilt;
        if (report.unreadable)
            return false;
        check_prebuilts_packed(prebuilts, selection.files);
        validate_prebuilts();
        return report.ok();
    }

    // With --per-platform: the platform packages, and a warning for each prebuilt that stays.
    void plan_platforms() {
        platforms = pack::platform_packages(manifest, prebuilts);
        for (const pack::NamedPrebuilt& prebuilt : prebuilts) {
            if (prebuilt.directory || prebuilt.arch.empty())
                warn(prebuilt.pointer,
                     "the prebuilt " + prebuilt.path + " stays in the main package (" +
                         (prebuilt.directory ? "a directory"
                                             : "its architecture is not one machine's") +
                         ")",
                     prebuilt.directory ? "" : "name it under `prebuiltPerArch`");
        }
        if (platforms.empty())
            warn("",
                 "no prebuilt archive to move into a platform package: only the main tarball "
                 "is written",
                 "");
    }

    fs::path main_file(const std::string& name, const std::string& version) const {
        std::error_code ec;
        if (options.out && !fs::is_directory(*options.out, ec))
            return *options.out;
        const fs::path file = npm_tarball_name(name, version);
        return options.out ? *options.out / file : file;
    }

    // The main tarball's entries: the selection without the archives moved to platform packages
    // and without a tarball this run replaces (npm would pack the old one into the new).
    std::vector<pack::TarEntry> main_entries(const fs::path& main, const std::string& version) {
        std::set<std::string> moved;
        std::set<std::string> outputs = {weak_path(main)};
        for (const pack::PlatformPackage& platform : platforms) {
            moved.insert(platform.prebuilt.path);
            outputs.insert(
                weak_path(main.parent_path() / npm_tarball_name(platform.name, version)));
        }
        std::vector<pack::TarEntry> entries;
        for (const std::string& file : selection.files) {
            if (moved.count(file))
                continue;
            if (outputs.count(weak_path(options.package_dir / file))) {
                warn("",
                     "`" + resolver::printable(file) +
                         "` is left out: it is the tarball this pack replaces",
                     "");
                continue;
            }
            pack::TarEntry entry{file, {}, 0644};
            if (file == "package.json" && !platforms.empty())
                entry.data = pack::manifest_text(pack::main_manifest_for(manifest, platforms));
            else
                entry.data = read_file(file, entry.mode);
            entries.push_back(std::move(entry));
        }
        return entries;
    }

    // Every tarball of the run, or none: one that cannot be written removes those written before.
    void write_all(const std::vector<std::string>& all_bytes) {
        for (std::size_t i = 0; i < report.tarballs.size(); ++i) {
            const std::string failure =
                pack::write_atomically(report.tarballs[i].file, all_bytes[i]);
            if (failure.empty())
                continue;
            for (std::size_t written = 0; written < i; ++written) {
                std::error_code ignored;
                fs::remove(report.tarballs[written].file, ignored);
            }
            report.tarballs.clear();
            error("", failure, "check that the output directory exists and is writable", true);
            return;
        }
    }

    void run() {
        if (!check())
            return;
        if (options.per_platform)
            plan_platforms();
        const std::string name = manifest["name"].get<std::string>();
        const std::string version = manifest["version"].get<std::string>();
        const fs::path main = main_file(name, version);
        std::vector<pack::TarEntry> entries = main_entries(main, version);
        if (report.unreadable)
            return;
        // All tarballs are made in memory before any is written.
        std::vector<std::string> all_bytes(1 + platforms.size());
        report.tarballs.push_back(tarball(name, main, std::move(entries), all_bytes[0]));
        for (std::size_t i = 0; i < platforms.size(); ++i) {
            const pack::PlatformPackage& platform = platforms[i];
            unsigned mode = 0644;
            std::vector<pack::TarEntry> platform_entries = {
                {"package.json", pack::manifest_text(platform.manifest), 0644},
                {platform.archive, read_file(platform.prebuilt.path, mode), 0644}};
            const fs::path file = main.parent_path() / npm_tarball_name(platform.name, version);
            PackedTarball packed =
                tarball(platform.name, file, std::move(platform_entries), all_bytes[i + 1]);
            packed.target = platform.prebuilt.target;
            packed.arch = platform.prebuilt.arch;
            report.tarballs.push_back(std::move(packed));
        }
        if (!report.unreadable && !options.dry_run)
            write_all(all_bytes);
    }
};

} // namespace

std::string npm_tarball_name(const std::string& name, const std::string& version) {
    std::string base = name;
    if (!base.empty() && base.front() == '@') {
        base.erase(0, 1);
        std::replace(base.begin(), base.end(), '/', '-');
    }
    return base + "-" + version + ".tgz";
}

PackReport pack_package(const PackOptions& options) {
    Packer packer{options, {}, {}, {}, {}, {}, {}};
    try {
        packer.run();
    } catch (const std::exception& failure) {
        packer.error("", failure.what(), "", true);
        packer.report.tarballs.clear();
    }
    return std::move(packer.report);
}

} // namespace perry::linker
