// The program's half of `perry native doctor`: its imports as `perry native link` resolves them
// (native_imports.h), their manifests, and the link plan for the target, without building.
#include "doctor_checks.h"

#include "perry/linker/lock.h"
#include "perry/linker/native_imports.h"

#include <filesystem>
#include <optional>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

std::string failure_hint(const Diagnostic& d) {
    return d.what() + (d.fix.empty() ? "" : "; " + d.fix);
}

// `import "name"` (the label native_imports gives an import's diagnostics) -> `name`.
std::string import_name(const std::string& label) {
    const std::string prefix = "import \"";
    if (label.rfind(prefix, 0) == 0 && label.size() > prefix.size() && label.back() == '"')
        return label.substr(prefix.size(), label.size() - prefix.size() - 1);
    return "";
}

bool is_source_file(const fs::path& file) {
    static const char* const kExtensions[] = {".rs",    ".c",  ".cc",  ".cpp",  ".cxx",
                                              ".h",     ".hh", ".hpp", ".hxx",  ".toml",
                                              ".cmake", ".m",  ".mm",  ".swift"};
    const std::string name = file.filename().string();
    if (name == "CMakeLists.txt" || name == "Cargo.lock" || name == "build.rs")
        return true;
    const std::string extension = file.extension().string();
    for (const char* known : kExtensions) {
        if (extension == known)
            return true;
    }
    return false;
}

// The newest source file under `dir` (build outputs, prebuilts and dependencies left out).
std::optional<std::pair<fs::path, fs::file_time_type>> newest_source(const fs::path& dir) {
    std::optional<std::pair<fs::path, fs::file_time_type>> newest;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_directory(ec)) {
            if (name == "target" || name == "build" || name == "prebuilt" ||
                name == "node_modules" || (!name.empty() && name[0] == '.'))
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec) || !is_source_file(it->path()))
            continue;
        const fs::file_time_type when = it->last_write_time(ec);
        if (!ec && (!newest || when > newest->second))
            newest = std::make_pair(it->path(), when);
    }
    return newest;
}

// The crate a prebuilt is made from: the entry's `crate`, else the package root when it holds a
// Cargo.toml or CMakeLists.txt.
std::optional<fs::path> crate_of(const PackagePlan& package) {
    if (package.entry && package.entry->crate)
        return fs::path(package.entry->crate->resolved);
    std::error_code ec;
    if (fs::exists(package.dir / "Cargo.toml", ec) ||
        fs::exists(package.dir / "CMakeLists.txt", ec))
        return package.dir;
    return std::nullopt;
}

DoctorCheck stale_check(const PackagePlan& package) {
    DoctorCheck check{"prebuilt-age:" + package.name,
                      package.name + ": prebuilt newer than sources",
                      true,
                      "",
                      "",
                      false};
    const std::optional<fs::path> crate = crate_of(package);
    std::error_code ec;
    const fs::file_time_type built = fs::last_write_time(*package.archive, ec);
    if (!crate || ec) {
        check.version = "no sources in the package to compare with";
        return check;
    }
    const auto newest = newest_source(*crate);
    if (!newest || newest->second <= built) {
        check.version = "up to date";
        return check;
    }
    check.ok = false;
    check.version = "older than " + newest->first.string();
    check.hint = package.archive->string() + " is older than its source " + newest->first.string() +
                 ": rebuild the prebuilt (or touch it if the change does "
                 "not affect it)";
    return check;
}

DoctorCheck lock_check(const PackagePlan& package, const std::optional<LockFile>& lock,
                       resolver::TargetKey target) {
    DoctorCheck check{
        "lock:" + package.name, package.name + ": archive as in perry.lock", false, "", "", false};
    LinkPlan plan;
    plan.target = target;
    plan.flavor = target_flavor(target);
    plan.packages = {package};
    const std::vector<Diagnostic> drift = check_frozen(plan, *lock, "perry.lock");
    check.ok = drift.empty();
    if (!check.ok)
        check.hint = failure_hint(drift.front());
    return check;
}

} // namespace

std::vector<DoctorCheck> project_checks(const DoctorRequest& request,
                                        const resolver::WellKnownTable& table, ToolNeeds& needs) {
    std::vector<DoctorCheck> checks;
    ImportOptions options;
    options.from = request.project_dir;
    options.target = request.target;
    const NativeImports imports = collect_native_imports(options, table);

    for (const PlanPackage& package : imports.packages) {
        DoctorCheck check{"import:" + package.name,
                          "import \"" + package.name + "\"",
                          true,
                          "native, " + package.dir.string(),
                          "",
                          true};
        checks.push_back(check);
        DoctorCheck abi{"abi:" + package.name,
                        package.name + ": abiVersion",
                        true,
                        package.manifest.native_library.abi_version.value_or("(none)"),
                        "",
                        false};
        DoctorCheck manifest{"manifest:" + package.name,
                             package.name + ": manifest",
                             true,
                             package.manifest.file,
                             "",
                             false};
        // A warning shows as a warning; the first error, when there is one, is the hint.
        for (const Diagnostic& d : package.manifest.diagnostics) {
            DoctorCheck& into =
                d.pointer.rfind("/perry/nativeLibrary/abiVersion", 0) == 0 ? abi : manifest;
            if (into.ok || (d.is_error() && !into.matters))
                into.hint = failure_hint(d);
            into.ok = false;
            into.matters = into.matters || d.is_error();
        }
        checks.push_back(std::move(abi));
        checks.push_back(std::move(manifest));
    }
    for (const std::string& name : imports.not_native) {
        checks.push_back({"import:" + name, "import \"" + name + "\"", true,
                          "plain JavaScript (no perry.nativeLibrary): nothing to link", "", false});
    }
    for (const Diagnostic& d : imports.diagnostics) {
        const std::string name = import_name(d.file);
        checks.push_back({name.empty() ? "imports" : "import:" + name,
                          name.empty() ? "the program's imports" : "import \"" + name + "\"", false,
                          "", failure_hint(d), d.is_error()});
    }

    bool missing_lock = false;
    Diagnostic lock_error;
    const std::optional<LockFile> lock =
        imports.program_dir.empty()
            ? std::nullopt
            : read_lock_file(imports.program_dir / kLockFileName, lock_error, missing_lock);
    if (!lock && !missing_lock && !imports.program_dir.empty()) {
        checks.push_back({"lock", "perry.lock", false, "", failure_hint(lock_error), false});
    }

    const LinkPlan plan = plan_link(request.target, imports.packages);
    for (const Diagnostic& d : plan.diagnostics) {
        checks.push_back({"plan",
                          "link plan for " + std::string(resolver::target_key_name(request.target)),
                          false, "", failure_hint(d), d.is_error()});
    }
    for (const PackagePlan& package : plan.packages) {
        const std::string target(resolver::target_key_name(request.target));
        DoctorCheck check{"target:" + package.name,
                          package.name + ": " + target,
                          true,
                          std::string(to_string(package.action)),
                          package.reason,
                          false};
        if (package.action == PackageAction::Build) {
            check.version += " (" + std::string(to_string(package.build_system)) + ")";
            if (package.build_system == BuildSystem::Cargo)
                needs.cargo = true;
            else
                needs.cmake = true;
        }
        if (package.entry && !package.entry->pkg_config.empty())
            needs.pkg_config = true;
        if (package.action == PackageAction::Prebuilt && package.archive)
            check.version += " " + package.archive->string();
        checks.push_back(std::move(check));
        if (package.action == PackageAction::Prebuilt && package.archive) {
            checks.push_back(stale_check(package));
            if (lock)
                checks.push_back(lock_check(package, lock, request.target));
        }
    }
    return checks;
}

} // namespace perry::linker::detail
