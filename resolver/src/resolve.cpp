#include "perry/resolver/resolve.h"

#include "fs_util.h"
#include "package_entry.h"
#include "package_json.h"
#include "perry/resolver/node_modules.h"
#include "perry/resolver/specifier.h"

#include <deque>
#include <unordered_map>

namespace perry::resolver {

using namespace detail;

const char* to_string(ResolutionKind kind) {
    switch (kind) {
    case ResolutionKind::Native:
        return "native";
    case ResolutionKind::Js:
        return "js";
    case ResolutionKind::WellKnown:
        return "well-known";
    case ResolutionKind::Unresolved:
        break;
    }
    return "unresolved";
}

bool Resolution::ok() const {
    return kind != ResolutionKind::Unresolved && !refused && errors.empty() &&
           (!native || (native->abi.ok && !native->has_errors()));
}

// Per-resolver memo of what is read from disk: what the walk found (with the package.json
// texts), what each package.json says (by InstalledPackage::index), the native details of a
// package for the target (by real directory: every import of it shares them), and real paths of
// importing locations.
struct Resolver::Cache {
    WalkCache walk;
    std::deque<std::optional<PackageJson>> package_json; // grows without moving what it holds
    std::unordered_map<std::string, std::shared_ptr<const NativeDetails>> native;
    std::unordered_map<std::string, std::optional<std::string>> from_dir;
};

Resolver::Resolver(const WellKnownTable& table, ResolveOptions options)
    : table_(table), options_(std::move(options)), cache_(std::make_unique<Cache>()) {}

Resolver::~Resolver() = default;

namespace {

// The directory imports are resolved from: the real path of `from`, or of its directory when it
// is a file (node resolves from the importing module's real location).
std::optional<std::string> importing_dir(const std::string& from, RealPathCache& paths) {
    std::string absolute = from.empty() ? "." : from;
    if (absolute.front() != '/') {
        const std::optional<std::string> cwd = real_path(".");
        if (!cwd) {
            return std::nullopt;
        }
        absolute = join(*cwd, absolute);
    }
    const RealPathCache::Entry& entry = paths.resolve(absolute);
    if (entry.real == nullptr) {
        return std::nullopt;
    }
    return entry.is_dir ? *entry.real : std::string(parent_dir(*entry.real));
}

std::shared_ptr<const Refusal> check_allowed(const std::string& package,
                                             const ResolveOptions& options) {
    if (options.lockdown) {
        return std::make_shared<const Refusal>(
            Refusal{"native package \"" + package +
                        "\" refused: --lockdown refuses every "
                        "installed native package",
                    "drop --lockdown to allow installed native packages"});
    }
    if (options.allowlist && !options.allowlist->allows(package)) {
        return std::make_shared<const Refusal>(
            Refusal{"native package \"" + package + "\" is not allowed by " +
                        options.allowlist->file() + " (/perry/allow/nativeLibrary)",
                    "to allow it, set \"perry\": " + options.allowlist->json_to_allow(package) +
                        " in " + options.allowlist->file()});
    }
    return nullptr;
}

} // namespace

namespace {

// What `entry` (the file a subpath names) adds to a result: the file, or why there is none.
void report_entry(Resolution& result, PackageEntry entry, std::string_view package_dir,
                  bool native) {
    const bool subpath = result.subpath != ".";
    if (!entry.file && subpath) {
        // The files tried for a subpath matter when none was found.
        result.looked_in.insert(result.looked_in.end(), entry.looked_in.begin(),
                                entry.looked_in.end());
    }
    result.condition = entry.condition;
    if (!entry.error.empty()) {
        result.errors.push_back(join(package_dir, "package.json") + ": /exports: " + entry.error);
        return;
    }
    if (entry.missing) {
        result.warnings.push_back("`exports` names " + *entry.file + ", which does not exist");
    }
    if (entry.file) {
        result.entry = std::move(entry.file);
    } else if (subpath) {
        // A native package is used through its manifest, so a missing file only matters for
        // its declarations; a JS package without the file cannot be imported at all.
        std::string message = result.package + " has no file for subpath \"" + result.subpath +
                              "\" (no `exports`, and none of the files looked at exists)";
        (native ? result.warnings : result.errors).push_back(std::move(message));
    } else if (!native) {
        result.warnings.push_back(result.package +
                                  " has no entry file (no `exports`, no `main`, no index file)");
    }
}

} // namespace

// Layers (a) and (b): what an installed package is, read from its package.json.
void Resolver::describe_installed(Resolution& result, const InstalledPackage& installed) {
    result.dir = std::string(installed.real_dir);
    if (!installed.unreadable.empty()) {
        result.errors.push_back(join(installed.real_dir, "package.json") + ": " +
                                std::string(installed.unreadable));
        result.unreadable = true;
        return;
    }
    if (installed.index >= cache_->package_json.size()) {
        cache_->package_json.resize(installed.index + 1);
    }
    std::optional<PackageJson>& cached = cache_->package_json[installed.index];
    if (!cached) {
        parse_package_json(installed.package_json, cached.emplace());
    }
    const PackageJson& package = *cached;
    if (!package.error.empty()) {
        // Found, but whether it is native cannot be told: not usable either way.
        result.errors.push_back(package.error_about(join(installed.real_dir, "package.json")));
        result.unreadable = package.line > 0;
        return;
    }
    result.version = package.version;
    const bool native = package.native;
    result.kind = native ? ResolutionKind::Native : ResolutionKind::Js;
    report_entry(
        result,
        resolve_package_entry(PackageFiles(*result.dir), package.document.root(), result.subpath),
        installed.real_dir, native);
    if (native) {
        auto& details = cache_->native[*result.dir];
        if (!details) {
            // The walk resolved the directory.
            ParseOptions manifest_options;
            manifest_options.package_dir_is_real = true;
            details = std::make_shared<const NativeDetails>(
                read_native_details(join(*result.dir, "package.json"), *result.dir,
                                    installed.package_json, options_.target, manifest_options));
        }
        result.native = details;
        result.refused = check_allowed(result.package, options_);
    }
}

Resolution Resolver::resolve(std::string_view specifier, const std::string& from) {
    Resolution result;
    result.specifier = std::string(specifier);
    result.target = options_.target;
    std::string error;
    const std::optional<Specifier> spec = parse_specifier(specifier, error);
    if (!spec) {
        result.errors.push_back("invalid specifier \"" + result.specifier + "\": " + error);
        return result;
    }
    result.package = spec->package;
    result.subpath = spec->subpath;

    auto [from_it, inserted] = cache_->from_dir.try_emplace(from);
    if (inserted) {
        from_it->second = importing_dir(from, cache_->walk.paths());
    }
    if (!from_it->second) {
        result.errors.push_back("cannot resolve from " + from + ": no such file or directory");
        return result;
    }

    // (a) and (b): an installed package, native or not, wins over the table.
    std::vector<std::string> notes;
    const std::optional<InstalledPackage> installed = find_installed_package(
        *from_it->second, spec->package, result.looked_in, notes, cache_->walk);
    result.warnings = std::move(notes);
    if (installed) {
        describe_installed(result, *installed);
        return result;
    }

    // (c) the well-known table, by the exact specifier (subpaths have entries of their own).
    result.looked_in.push_back(table_.file() + " [bindings.\"" + result.specifier + "\"]");
    if (const WellKnownBinding* binding = table_.find(result.specifier)) {
        result.kind = ResolutionKind::WellKnown;
        result.well_known = std::make_shared<const WellKnownBinding>(*binding);
        return result;
    }

    // (d) nothing matched.
    result.errors.push_back("cannot resolve \"" + result.specifier +
                            "\": no installed package and no well-known binding of that name");
    return result;
}

} // namespace perry::resolver
