// `perry native <command>`: argument parsing and dispatch only; the work is in the libraries.
#include "commands/commands.h"
#include "output.h"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

namespace {

// spdlog writes to stdout by default; diagnostics go to stderr so `--json` stays clean.
void configure_logging(int verbosity) {
    auto logger = spdlog::stderr_color_mt("perry");
    logger->set_pattern("perry: %l: %v");
    logger->set_level(verbosity >= 2   ? spdlog::level::trace
                      : verbosity == 1 ? spdlog::level::debug
                                       : spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

} // namespace

int main(int argc, char** argv) {
    using namespace perry::cli;
    CLI::App app{"perry: native bindings toolchain (perry-native " PERRY_NATIVE_VERSION ")",
                 "perry"};
    app.set_version_flag("--version", std::string("perry-native ") + PERRY_NATIVE_VERSION);
    app.require_subcommand(1);

    int verbosity = 0;
    CLI::App* native = app.add_subcommand("native", "Native bindings: validate, resolve, link");
    native->require_subcommand(1);
    native->add_flag("-v,--verbose", verbosity, "More log output (repeat for more)");
    native->fallthrough();

    const std::vector<Command> commands = {
        add_init_command(*native),
        add_list_command(*native),
        add_resolve_command(*native),
        add_symbols_command(*native),
        add_validate_command(*native),
        add_link_command(*native),
        add_run_command(*native),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(e.what(), "run `perry native --help` for usage");
        return kExitUsage;
    }
    configure_logging(verbosity);
    for (const Command& command : commands) {
        if (command.app->parsed()) {
            return command.run();
        }
    }
    return kExitUsage; // unreachable: CLI11 requires one subcommand

}
