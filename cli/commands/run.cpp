// `perry native run [PKG_DIR] [--call 'js_fn(arg, ...)']... [--script FILE] [--json]
// [--build-timeout SECONDS]`: builds the package's host program (perry_linker's prepare_run_host:
// shims, harness, the package's archive, the runtime; all cached) and hands the terminal to it.
// The calls notation, the output and the exit codes are the harness's: docs/cli/run.md.
#include "commands.h"
#include "commands/build_options.h"
#include "output.h"

#include "perry/linker/run_host.h"
#include "perry/linker/runtime_location.h"
#include "perry/platform/process.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>

namespace perry::cli {
namespace {

using namespace perry::linker;

struct RunArgs {
    std::string package_dir = ".";
    std::vector<std::string> calls;
    std::string script;
    bool json = false;
    double build_timeout = 0;
};

// The host replaces this process: standard input, the terminal and signals are the host's own,
// and its exit status is the command's.
int exec_host(const RunHost& host, const RunArgs& args) {
    std::vector<std::string> argv = {host.executable.string()};
    for (const std::string& call : args.calls) {
        argv.push_back("--call");
        argv.push_back(call);
    }
    if (!args.script.empty()) {
        argv.push_back("--script");
        argv.push_back(args.script);
    }
    if (args.json)
        argv.push_back("--json");
    std::string error;
    platform::replace_process(argv, error);
    print_error("cannot start " + host.executable.string() + ": " + error,
                "remove it from the cache (perry rebuilds it) and run again");
    return kExitUsage;
}

int run_run(const RunArgs& args) {
    RunHostRequest request;
    request.package_dir = args.package_dir;
    std::optional<BuildOptions> build = command_build_options(args.build_timeout);
    if (!build)
        return kExitUsage;
    request.build = std::move(*build);

    const RunHost host = prepare_run_host(request);
    for (const resolver::Diagnostic& d : host.all_diagnostics()) {
        std::fprintf(stderr, "%s\n", d.format().c_str());
    }
    print_failed_builds(host.link.builds);
    if (!host.compiler_output.empty()) {
        std::fprintf(stderr, "---- the compiler's output\n%s\n", host.compiler_output.c_str());
    }
    if (!host.ok())
        return host.unusable_input ? kExitUsage : kExitProblems;
    return exec_host(host, args);
}

} // namespace

Command add_run_command(CLI::App& native) {
    auto args = std::make_shared<RunArgs>();
    CLI::App* app = native.add_subcommand(
        "run", "Call a binding's functions without writing a host (calls from arguments, a "
               "script or standard input)");
    app->add_option("package", args->package_dir, "The binding's package directory (default: .)");
    app->add_option("--call", args->calls,
                    "A call such as 'js_x_add(1, 2)' or 'h = js_x_open(\"db\")' (repeatable; "
                    "values are JSON plus undefined, NaN, Infinity, 12n, b64\"...\" and $name, "
                    "nested too)");
    app->add_option("--script", args->script,
                    "A calls file: one call a line, `=> expected` checks the result");
    app->add_flag("--json", args->json, "Print each result as a JSON object");
    app->add_option("--build-timeout", args->build_timeout,
                    "End the package's build if it runs longer than this many seconds")
        ->check(CLI::PositiveNumber);
    return {app, [args] { return run_run(*args); }};
}

} // namespace perry::cli
