// find_platform_package: the installed per-platform package of (target key, architecture).
#include "perry/resolver/platform_package.h"

#include "perry/resolver/node_modules.h"

#include "fs_util.h"
#include "package_json.h"
#include "package_paths.h"

#include "perry/platform/files.h"

namespace perry::resolver {
namespace {

using detail::JsonValue;
using Status = PlatformPackageLookup::Status;

constexpr std::string_view kPointer = "/perry/nativePlatformPackage";

class PlatformChecker {
  public:
    PlatformChecker(PlatformPackageLookup& out, const ManifestResult& main, TargetKey key,
                    std::string_view arch)
        : out_(out), main_(main), key_(key), arch_(arch) {}

    // Checks the installed package's text; sets `out_.archive` when everything agrees.
    void check(std::string_view package_json) {
        detail::PackageJson parsed;
        detail::parse_package_json(package_json, parsed);
        if (!parsed.error.empty()) {
            error("", parsed.error, "reinstall " + out_.package);
            return;
        }
        const JsonValue root = parsed.document.root();
        JsonValue name = root, perry = root, block = root;
        if (!root.find("name", name) || !name.is_string() || name.str() != out_.package) {
            error("/name",
                  "the package installed as `" + out_.package + "` is named " +
                      (name.is_string() ? "`" + std::string(name.str()) + "`" : "nothing"),
                  "reinstall " + out_.package);
        }
        if (!root.find("perry", perry) || !perry.is_object() ||
            !perry.find("nativePlatformPackage", block) || !block.is_object()) {
            error(std::string(kPointer),
                  "`" + out_.package + "` is not a perry platform package (no " +
                      "perry.nativePlatformPackage object)",
                  "install the platform package `pack --per-platform` wrote for " + main_name());
            return;
        }
        expect_member(block, "package", main_name(), "the platform package belongs to");
        expect_member(block, "target", std::string(target_key_name(key_)), "its target key");
        expect_member(block, "arch", std::string(arch_), "its architecture");
        check_version(parsed.version);
        check_prebuilt(block);
    }

  private:
    std::string main_name() const { return main_.name.value_or("(unnamed)"); }

    void error(std::string pointer, std::string message, std::string fix) {
        out_.diagnostics.push_back(make_diagnostic(Diagnostic::Severity::Error, out_.manifest_file,
                                                   std::move(pointer), std::move(message),
                                                   std::move(fix)));
    }

    void expect_member(const JsonValue& block, const char* key, const std::string& expected,
                       const char* what) {
        JsonValue value = block;
        const bool present = block.find(key, value) && value.is_string();
        if (present && value.str() == expected)
            return;
        error(std::string(kPointer) + "/" + key,
              std::string(what) + " is " +
                  (present ? "\"" + std::string(value.str()) + "\"" : std::string("missing")) +
                  ", but " + main_name() + " needs \"" + expected + "\" from `" + out_.package +
                  "` (platformPackages." + std::string(arch_) + " of its `" +
                  std::string(target_key_name(key_)) + "` entry)",
              "install the platform package that matches " + main_name() + ", or fix " +
                  main_.file);
    }

    void check_version(const std::optional<std::string>& version) {
        if (version == main_.version)
            return;
        error("/version",
              "version " + version.value_or("(none)") + " of `" + out_.package +
                  "` differs from version " + main_.version.value_or("(none)") + " of " +
                  main_name(),
              "install " + out_.package + "@" + main_.version.value_or("<version>") +
                  " (platform packages are published at exactly the main package's version)");
    }

    void check_prebuilt(const JsonValue& block) {
        JsonValue value = block;
        const std::string pointer = std::string(kPointer) + "/prebuilt";
        static constexpr std::string_view kFix =
            "the platform package is broken: reinstall it or ask its publisher";
        if (!block.find("prebuilt", value) || !value.is_string()) {
            error(pointer, "missing `prebuilt` (the archive's path in the platform package)",
                  std::string(kFix));
            return;
        }
        detail::PackageDirectory dir(out_.dir, /*path_is_real=*/true);
        if (const auto why = detail::package_path_problem(value.str(), dir)) {
            error(pointer, "prebuilt \"" + std::string(value.str()) + "\": " + *why,
                  std::string(kFix));
            return;
        }
        std::string storage;
        const std::string archive = detail::resolve_package_path(
            value.str(), detail::normal_package_dir(out_.dir, storage));
        if (platform::file_kind(archive) != platform::FileKind::Regular) {
            error(pointer,
                  "prebuilt \"" + std::string(value.str()) + "\" is not a file in " + out_.dir,
                  std::string(kFix));
            return;
        }
        if (out_.diagnostics.empty())
            out_.archive = archive;
    }

    PlatformPackageLookup& out_;
    const ManifestResult& main_;
    TargetKey key_;
    std::string_view arch_;
};

} // namespace

PlatformPackageLookup find_platform_package(const ManifestResult& main, TargetKey key,
                                            std::string_view arch) {
    PlatformPackageLookup out;
    const Target* entry = main.native_library.target(key);
    const std::string* package = entry ? entry->platform_package_for(arch) : nullptr;
    if (package == nullptr)
        return out;
    out.package = *package;
    // Node resolves from a package's real directory; a main package that is itself a symlink
    // (pnpm, npm link) finds its platform packages beside its real place.
    const std::optional<std::string> from = detail::real_path(main.package_dir.string());
    if (!from) {
        out.status = Status::NotInstalled;
        return out;
    }
    WalkCache cache;
    std::vector<std::string> notes;
    const std::optional<InstalledPackage> installed =
        find_installed_package(*from, out.package, out.looked_in, notes, cache);
    if (!installed) {
        out.status = Status::NotInstalled;
        return out;
    }
    out.dir = std::string(installed->real_dir);
    out.manifest_file = out.dir + "/package.json";
    PlatformChecker checker(out, main, key, arch);
    if (!installed->unreadable.empty()) {
        out.diagnostics.push_back(make_diagnostic(Diagnostic::Severity::Error, out.manifest_file,
                                                  "", std::string(installed->unreadable),
                                                  "reinstall " + out.package));
    } else {
        checker.check(installed->package_json);
    }
    out.status = out.diagnostics.empty() ? Status::Found : Status::Invalid;
    return out;
}

ServingArchive serving_archive(const ManifestResult& main, TargetKey key, std::string_view arch) {
    ServingArchive out;
    const Target* entry = main.native_library.target(key);
    if (entry == nullptr)
        return out;
    for (const ArchPrebuilt& per_arch : entry->prebuilt_per_arch) {
        if (per_arch.arch == arch) {
            out.kind = ServingArchive::Kind::PerArch;
            out.archive = per_arch.path.resolved;
            return out;
        }
    }
    if (entry->platform_package_for(arch)) {
        out.platform = find_platform_package(main, key, arch);
        if (out.platform.status != PlatformPackageLookup::Status::NotInstalled) {
            out.kind = ServingArchive::Kind::PlatformPackage;
            out.archive = out.platform.archive;
            return out;
        }
        out.platform_missing = true;
    }
    if (entry->prebuilt) {
        out.kind = ServingArchive::Kind::Prebuilt;
        out.archive = entry->prebuilt->resolved;
        return out;
    }
    out.kind = ServingArchive::Kind::Source;
    return out;
}

std::string ServingArchive::describe(std::string_view arch) const {
    const std::string missing =
        platform_missing ? "platform package " + platform.package + " not installed; " : "";
    switch (kind) {
    case Kind::None:
        return "no entry";
    case Kind::PerArch:
        return "prebuiltPerArch." + std::string(arch) + " " + archive;
    case Kind::PlatformPackage:
        return "platform package " + platform.package +
               (platform.found()
                    ? " " + archive
                    : " (unusable: " +
                          (platform.diagnostics.empty() ? std::string("see its errors")
                                                        : platform.diagnostics[0].message) +
                          ")");
    case Kind::Prebuilt:
        return missing + "prebuilt " + archive;
    case Kind::Source:
        return missing + "built from source";
    }
    return "no entry";
}

} // namespace perry::resolver
