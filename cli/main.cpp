// `perry native <command>`: argument parsing and dispatch only; the work is in the libraries.
#include "commands/commands.h"
#include "output.h"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

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

// Levenshtein distance: how many single-character edits turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t replaced = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, replaced});
        }
    }
    return row[b.size()];
}

std::string names_of(const CLI::App& app) {
    std::string names;
    for (const CLI::App* command : app.get_subcommands({})) {
        names += (names.empty() ? "" : ", ") + command->get_name();
    }
    return names;
}

// CLI11 reports a word that names no command as "A subcommand is required". When the first word
// after `parent` (options skipped) names none of its commands, prints which word it is and the
// nearest command, and returns true.
bool report_unknown_command(const CLI::App& parent, const std::string& usage,
                            const std::vector<std::string>& words) {
    const auto word = std::find_if(words.begin(), words.end(),
                                   [](const std::string& w) { return w.empty() || w[0] != '-'; });
    if (word == words.end())
        return false;
    // The nearest command: one the word begins (`sym` for `symbols`), else the fewest edits.
    std::string nearest;
    std::size_t best = 0;
    for (const CLI::App* command : parent.get_subcommands({})) {
        const std::string& name = command->get_name();
        if (name == *word)
            return false;
        const std::size_t distance = name.rfind(*word, 0) == 0 ? 0 : edit_distance(*word, name);
        if (nearest.empty() || distance < best)
            nearest = name, best = distance;
    }
    perry::cli::print_error("unknown command `" + *word + "`",
                            "did you mean `" + usage + " " + nearest + "`? The commands are " +
                                names_of(parent) + "; run `" + usage + " --help` for usage");
    return true;
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
        add_init_command(*native),    add_list_command(*native),     add_resolve_command(*native),
        add_symbols_command(*native), add_validate_command(*native), add_link_command(*native),
        add_run_command(*native),     add_header_command(*native),   add_prebuild_command(*native),
        add_pack_command(*native),    add_lock_command(*native),     add_doctor_command(*native),
    };
    // The help lists the commands that exist, from the commands themselves.
    native->description("Native bindings: " + names_of(*native));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        const std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
        const bool top_level = args.empty() || args[0] != "native";
        CLI::App& parent = top_level ? app : *native;
        const std::string usage = top_level ? "perry" : "perry native";
        const std::vector<std::string> words(args.begin() + (top_level ? 0 : 1), args.end());
        if (report_unknown_command(parent, usage, words))
            return kExitUsage;
        if (e.get_name() == "RequiredError" && parent.get_subcommands().empty()) {
            print_error("no command given after `" + usage + "`", "name one of " +
                                                                      names_of(parent) + "; run `" +
                                                                      usage + " --help` for usage");
            return kExitUsage;
        }
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
