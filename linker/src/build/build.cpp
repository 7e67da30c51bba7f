// build_binding: what to build (inferring what published manifests leave out), the cache key, the
// cache lookup under a lock, the build in a temporary folder and its move into place.
#include "perry/linker/build.h"

#include "build_key.h"
#include "builders.h"
#include "cache_store.h"
#include "plan/crate_source.h"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <fstream>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;
using Clock = std::chrono::steady_clock;
using detail::BuildContext;

constexpr std::size_t kTailLines = 200;

std::string target_pointer(const resolver::Target& target) {
    return "/perry/nativeLibrary/targets/" + std::string(resolver::target_key_name(target.key));
}

std::string last_lines(const fs::path& file, std::size_t count) {
    std::ifstream in(file, std::ios::binary);
    std::deque<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(std::move(line));
        if (lines.size() > count)
            lines.pop_front();
    }
    std::string tail;
    for (const std::string& kept : lines)
        tail += kept + "\n";
    return tail;
}

std::string seconds_text(std::chrono::milliseconds duration) {
    const long long ms = duration.count();
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + " s";
    return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

struct Plan {
    bool cargo = false;
    fs::path crate_dir;
    std::string lib;
};

// What to build. Published manifests often give a target only `cargo_features`: the package
// root is then the crate and Cargo.toml names the library, with a warning giving the keys to add.
std::optional<Plan> plan_build(const BuildRequest& request, BuildResult& result) {
    const resolver::Target& target = request.target;
    const std::string key(resolver::target_key_name(target.key));
    const std::string pointer = target_pointer(target);
    auto error = [&](std::string message, std::string fix) {
        result.diagnostics.push_back(resolver::make_diagnostic(Diagnostic::Severity::Error,
                                                               request.manifest_file, pointer,
                                                               std::move(message), std::move(fix)));
        result.unusable_input = true;
    };
    Plan plan;
    plan.crate_dir = target.crate ? fs::path(target.crate->resolved) : request.package_dir;
    std::error_code ec;
    // The tools run in the cache, not in the current directory.
    plan.crate_dir = fs::absolute(plan.crate_dir, ec).lexically_normal();
    if (plan.crate_dir.filename().empty())
        plan.crate_dir = plan.crate_dir.parent_path();
    plan.cargo = fs::is_regular_file(plan.crate_dir / "Cargo.toml", ec);
    const bool cmake = !plan.cargo && fs::is_regular_file(plan.crate_dir / "CMakeLists.txt", ec);
    const std::string where =
        target.crate ? "`crate` " + target.crate->as_written : std::string("the package directory");
    if (!plan.cargo && !cmake) {
        error("package `" + request.package_name + "`: target `" + key +
                  "` has nothing to link: no `prebuilt`, and no Cargo.toml or CMakeLists.txt in " +
                  where + " to build one from",
              "set `crate` to the folder holding the binding's Cargo.toml or CMakeLists.txt, or "
              "`prebuilt` to its archive");
        return std::nullopt;
    }
    if (target.lib) {
        plan.lib = *target.lib;
    } else if (cmake) {
        error("package `" + request.package_name + "`: target `" + key +
                  "` builds with CMake but names no `lib`",
              "set `lib` to the library the CMake project builds");
        return std::nullopt;
    } else {
        std::string why;
        const std::optional<std::string> name =
            detail::cargo_library_name(plan.crate_dir / "Cargo.toml", why);
        if (!name) {
            error("package `" + request.package_name + "`: cannot tell the library name from " +
                      (plan.crate_dir / "Cargo.toml").string() + ": " + why,
                  "set `lib` in the target entry");
            return std::nullopt;
        }
        plan.lib = *name;
    }
    if (plan.cargo && (!target.crate || !target.lib)) {
        std::string inferred;
        std::string keys;
        if (!target.crate) {
            inferred += "`crate` \".\" (the package directory)";
            keys += "\"crate\": \".\"";
        }
        if (!target.lib) {
            inferred += std::string(inferred.empty() ? "" : " and ") + "`lib` \"" + plan.lib +
                        "\" (from Cargo.toml)";
            keys += std::string(keys.empty() ? "" : ", ") + "\"lib\": \"" + plan.lib + "\"";
        }
        result.diagnostics.push_back(resolver::make_diagnostic(
            Diagnostic::Severity::Warning, request.manifest_file, pointer,
            "target `" + key + "` does not say what to build; inferred " + inferred,
            "add " + keys + " to perry.nativeLibrary.targets." + key));
    }
    return plan;
}

void emit(const BuildOptions& options, BuildEvent::Kind kind, const BuildRequest& request,
          Clock::time_point started, BuildStatus status = BuildStatus::Built) {
    if (!options.on_event)
        return;
    BuildEvent event;
    event.kind = kind;
    event.package = request.package_name;
    event.status = status;
    event.elapsed = Clock::now() - started;
    options.on_event(event);
}

// Runs the build in `context.work` and moves the archive and the log into place.
void build_in_cache(const BuildRequest& request, const BuildOptions& options,
                    const detail::CacheStore& store, const Plan& plan, BuildContext& context,
                    BuildResult& result) {
    const detail::BuilderOutcome outcome =
        plan.cargo ? detail::run_cargo(context) : detail::run_cmake(context);
    std::error_code ec;
    if (outcome.ok) {
        const fs::path staged = context.work / "out";
        fs::create_directories(staged, ec);
        const std::string name = outcome.archive.filename().string();
        fs::rename(outcome.archive, staged / name, ec);
        if (!ec)
            fs::rename(context.log, staged / "build.log", ec);
        std::string error;
        if (!ec && store.publish(result.key, staged, name, error)) {
            const std::optional<detail::CachedBuild> cached = store.find(result.key);
            result.status = BuildStatus::Built;
            result.archive = cached->archive;
            result.log = cached->log;
            return;
        }
        result.diagnostics.push_back(resolver::make_diagnostic(
            Diagnostic::Severity::Error, request.manifest_file, target_pointer(request.target),
            "package `" + request.package_name + "`: " +
                (error.empty() ? "cannot move the build into the cache: " + ec.message() : error),
            "check that the cache directory " + store.root().string() + " is writable"));
        return;
    }
    // The log of a failed build stays (logs/<key>.log); its temporary folder does not.
    result.log = store.failure_log(result.key);
    fs::create_directories(result.log.parent_path(), ec);
    fs::rename(context.log, result.log, ec);
    result.output_tail = last_lines(result.log, kTailLines);
    result.timed_out = outcome.timed_out;
    std::string message = "package `" + request.package_name + "`: ";
    std::string fix = "fix the build; its full output is in " + result.log.string();
    if (outcome.timed_out) {
        message += "the build timed out after " +
                   seconds_text(options.timeout.value_or(std::chrono::milliseconds(0))) +
                   " and was ended with everything it started (`" + outcome.failed_command + "`)";
        fix = "raise --build-timeout, or find what hangs in " + result.log.string();
    } else if (!outcome.failed_command.empty()) {
        message += "`" + outcome.failed_command + "` failed" +
                   (outcome.error.empty() ? " (exit " + std::to_string(outcome.exit_code) + ")"
                                          : ": " + outcome.error);
    } else {
        message += outcome.error;
    }
    result.diagnostics.push_back(resolver::make_diagnostic(
        Diagnostic::Severity::Error, request.manifest_file, target_pointer(request.target),
        std::move(message), std::move(fix)));
}

} // namespace

const char* build_status_name(BuildStatus status) {
    switch (status) {
    case BuildStatus::Cached:
        return "cached";
    case BuildStatus::Built:
        return "built";
    case BuildStatus::Failed:
        return "failed";
    }
    return "failed";
}

fs::path default_cache_dir() {
    if (const char* dir = std::getenv("PERRY_CACHE_DIR"); dir && *dir)
        return fs::path(dir);
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
        return fs::path(xdg) / "perry";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/tmp") / ".cache" / "perry";
}

BuildResult build_binding(const BuildRequest& request, const BuildOptions& options) {
    const Clock::time_point started = Clock::now();
    BuildResult result;
    const std::optional<Plan> plan = plan_build(request, result);
    if (!plan)
        return result;
    const fs::path cache = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
    const std::string pointer = target_pointer(request.target);
    auto fail = [&](std::string message, std::string fix) {
        result.diagnostics.push_back(resolver::make_diagnostic(
            Diagnostic::Severity::Error, request.manifest_file, pointer,
            "package `" + request.package_name + "`: " + std::move(message), std::move(fix)));
        emit(options, BuildEvent::Kind::Finished, request, started, BuildStatus::Failed);
        return result;
    };

    detail::KeyInputs inputs;
    inputs.builder = plan->cargo ? "cargo" : "cmake";
    inputs.crate_dir = plan->crate_dir;
    inputs.target = &request.target;
    inputs.lib = plan->lib;
    inputs.triple = request.triple;
    inputs.runtime_version = options.runtime.version;
    std::string error;
    if (!detail::compiler_identities(cache, plan->cargo, inputs.compiler_identities, error)) {
        return fail("cannot identify the compiler: " + error,
                    plan->cargo ? "install Rust (cargo and rustc), or give a `prebuilt` archive"
                                : "install CMake and a C/C++ compiler, or give a `prebuilt` "
                                  "archive");
    }
    const std::optional<std::string> key = detail::build_key(inputs, error);
    if (!key)
        return fail(error, "check the permissions of the package's files");
    result.key = *key;

    const detail::CacheStore store(cache);
    auto cached = [&]() {
        const std::optional<detail::CachedBuild> found = store.find(result.key);
        if (!found)
            return false;
        result.status = BuildStatus::Cached;
        result.archive = found->archive;
        result.log = found->log;
        emit(options, BuildEvent::Kind::Finished, request, started, BuildStatus::Cached);
        return true;
    };
    if (cached())
        return result;

    detail::FileLock lock(store.lock_file(result.key));
    if (!lock.opened()) {
        return fail("cannot create a lock file in the cache " + cache.string(),
                    "set PERRY_CACHE_DIR to a writable directory");
    }
    if (!lock.try_lock()) {
        emit(options, BuildEvent::Kind::Waiting, request, started);
        lock.lock();
    }
    if (cached())
        return result; // the process we waited for built it

    store.remove_stale_temporaries(result.key);
    BuildContext context;
    context.request = &request;
    context.options = &options;
    context.crate_dir = plan->crate_dir;
    context.lib = plan->lib;
    context.archive_names = detail::archive_file_names(request.target, plan->lib);
    context.work = store.make_temporary(result.key);
    context.log = context.work / "build.log";
    context.started = started;
    if (options.timeout)
        context.deadline = started + *options.timeout;
    detail::choose_compiler_cache(options, context, result.diagnostics);
    emit(options, BuildEvent::Kind::Started, request, started);
    build_in_cache(request, options, store, *plan, context, result);
    std::error_code ec;
    fs::remove_all(context.work, ec);
    emit(options, BuildEvent::Kind::Finished, request, started, result.status);
    return result;
}

} // namespace perry::linker
