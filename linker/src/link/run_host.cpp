#include "perry/linker/run_host.h"

#include "build/cache_store.h"
#include "build/sha256.h"
#include "perry/linker/process.h"
#include "perry/linker/shims.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

// Stands for the compiled shims on the line until the real path is known: the cache key is
// computed from the line before anything is compiled.
constexpr const char* kShimsObject = "<perry-run-shims.o>";

Diagnostic error(std::string file, std::string message, std::string fix) {
    return resolver::make_diagnostic(Diagnostic::Severity::Error, std::move(file), "",
                                     std::move(message), std::move(fix));
}

// What identifies a file the host is made from without reading it: archives in the build cache
// are content-addressed already, and the runtime's files change only when perry is rebuilt.
std::string file_signature(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto time = fs::last_write_time(path, ec);
    return path + "|" + std::to_string(ec ? 0 : size) + "|" +
           std::to_string(ec ? 0 : time.time_since_epoch().count());
}

std::string host_key(const std::string& shims_source, const LinkLine& line,
                     const RuntimeLocation& runtime, const std::string& compiler) {
    detail::Sha256 hash;
    hash.field("perry run host v1");
    hash.field(runtime.version);
    hash.field(shims_source);
    hash.field(file_signature(compiler));
    for (const std::string& arg : line.argv)
        hash.field(arg);
    for (const LinkItem& item : line.items) {
        if (item.kind == LinkItem::Kind::Archive || item.kind == LinkItem::Kind::Object) {
            if (item.value != kShimsObject)
                hash.field(file_signature(item.value));
        }
    }
    return hash.hex_digest();
}

bool write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

// Runs one step of making the host; on failure records the tool's output and an error.
bool step(const std::vector<std::string>& argv, const std::string& what, RunHost& host) {
    const ProcessResult result = run_process(argv);
    if (result.ok())
        return true;
    host.compiler_output = result.started ? output_tail(result.err + result.out, 200) : "";
    host.diagnostics.push_back(error(
        host.manifest_file,
        what + " failed (" + argv.front() + ": " +
            (result.started ? "exit " + std::to_string(result.exit_code) : result.error) + ")",
        what == "compiling the call shims"
            ? "a manifest type the shims cannot express? please report it with the output"
            : "read the linker's output above"));
    return false;
}

// Compiles the shims and links the host into `staged`, returning the executable's path there.
std::optional<fs::path> make_host(const fs::path& staged, const fs::path& published,
                                  const std::string& shims_source, const LinkLine& line,
                                  const RuntimeLocation& runtime, const std::string& compiler,
                                  RunHost& host) {
    const fs::path source = staged / "shims.c";
    const fs::path object = staged / "shims.o";
    const fs::path executable = staged / "run-host";
    if (!write_file(source, shims_source)) {
        host.diagnostics.push_back(error(source.string(), "cannot write the call shims",
                                         "check the cache directory (PERRY_CACHE_DIR)"));
        return std::nullopt;
    }
    if (!step({compiler, "-std=c99", "-O2", "-w", "-I" + runtime.include_dir.string(),
               "-I" + runtime.run_host_include_dir.string(), "-c", source.string(), "-o",
               object.string()},
              "compiling the call shims", host)) {
        return std::nullopt;
    }
    std::vector<std::string> argv = line.argv;
    std::replace(argv.begin(), argv.end(), std::string(kShimsObject), object.string());
    argv.push_back("-o");
    argv.push_back(executable.string());
    if (!step(argv, "linking the run host", host))
        return std::nullopt;
    // The exact command, one argument a line: what a user can rerun by hand, and what the run
    // benchmark times as the bare link it compares against.
    // Recorded with the paths the files have once the folder is published.
    std::string command;
    for (const std::string& arg : argv) {
        command += (arg.rfind(staged.string(), 0) == 0
                        ? published.string() + arg.substr(staged.string().size())
                        : arg) +
                   "\n";
    }
    write_file(staged / "link-command.txt", command);
    return executable;
}

} // namespace

std::vector<Diagnostic> RunHost::all_diagnostics() const {
    std::vector<Diagnostic> all = link.all_diagnostics();
    all.insert(all.begin(), diagnostics.begin(), diagnostics.end());
    return all;
}

RunHost prepare_run_host(const RunHostRequest& request) {
    RunHost host;
    const fs::path dir = fs::absolute(request.package_dir).lexically_normal();
    resolver::ManifestResult manifest = resolver::parse_manifest_file(dir / "package.json");
    host.manifest_file = manifest.file;
    host.diagnostics = manifest.diagnostics;
    if (!manifest.unreadable && !manifest.has_native_library) {
        host.diagnostics.push_back(error(manifest.file, "has no perry.nativeLibrary",
                                         "run this in a binding's package (perry native init "
                                         "makes one)"));
    }
    if (manifest.unreadable || !manifest.has_native_library || !manifest.ok()) {
        host.unusable_input = true;
        return host;
    }
    const RuntimeLocation& runtime = request.build.runtime;
    if (runtime.run_host_library.empty()) {
        host.diagnostics.push_back(error(runtime.description_file.string(),
                                         "this perry has no run harness (libperry_run_host.a)",
                                         "reinstall perry-native"));
        host.unusable_input = true;
        return host;
    }

    const std::vector<resolver::Function> functions = manifest.native_library.functions;
    PlanPackage package;
    package.name = manifest.name.value_or(dir.filename().string());
    package.dir = dir;
    package.manifest = std::move(manifest);
    LinkOutcome& link = host.link;
    link.plan = plan_link(host_target(), {package});
    if (!link.plan.ok()) {
        host.unusable_input = true;
        return host;
    }
    if (link.plan.packages.front().action == PackageAction::Skipped) {
        host.diagnostics.push_back(error(
            host.manifest_file,
            "has no entry for `" + std::string(resolver::target_key_name(host_target())) + "`",
            "add one under perry.nativeLibrary.targets to run the binding here"));
        host.unusable_input = true;
        return host;
    }
    link.builds = build_planned_packages(link.plan, request.build, link.diagnostics);
    for (const PackageBuild& build : link.builds) {
        if (build.result.unusable_input)
            host.unusable_input = true;
    }
    if (!link.ok())
        return host;

    const std::string shims_source = generate_shims(shim_functions(functions));
    LinkLineOptions line_options;
    line_options.objects = {kShimsObject, runtime.run_host_library.string()};
    line_options.runtime_archive = runtime.ffi_library.string();
    line_options.environment = request.environment;
    link.line = make_link_line(link.plan, line_options);
    if (!link.line->ok())
        return host;
    const std::string compiler = find_program("cc").value_or("cc");

    const fs::path cache =
        request.build.cache_dir.empty() ? default_cache_dir() : request.build.cache_dir;
    const std::string key = host_key(shims_source, *link.line, runtime, compiler);
    const fs::path published = cache / "hosts" / key;
    const fs::path executable = published / "run-host";
    std::error_code ec;
    if (fs::is_regular_file(executable, ec)) {
        host.executable = executable;
        host.cached = true;
        return host;
    }

    fs::create_directories(cache / "hosts", ec);
    fs::create_directories(cache / "locks", ec);
    detail::FileLock lock(cache / "locks" / ("host-" + key + ".lock"));
    if (!lock.opened() || !lock.lock()) {
        host.diagnostics.push_back(error((cache / "locks").string(), "cannot lock the cache",
                                         "check that PERRY_CACHE_DIR is writable"));
        return host;
    }
    if (fs::is_regular_file(executable, ec)) { // another process made it while we waited
        host.executable = executable;
        host.cached = true;
        return host;
    }
    link.conflicts = check_conflicts(line_archives(link.plan, *link.line));
    if (!link.conflicts->ok())
        return host;

    const fs::path staged = cache / "hosts" / (key + ".tmp");
    fs::remove_all(staged, ec);
    fs::create_directories(staged, ec);
    const std::optional<fs::path> made =
        make_host(staged, published, shims_source, *link.line, runtime, compiler, host);
    if (!made) {
        fs::remove_all(staged, ec);
        return host;
    }
    fs::rename(staged, published, ec);
    if (ec) {
        fs::remove_all(staged, ec);
        host.diagnostics.push_back(error(published.string(),
                                         "cannot publish the run host: " + ec.message(),
                                         "check that PERRY_CACHE_DIR is writable"));
        return host;
    }
    host.executable = executable;
    return host;
}

} // namespace perry::linker
