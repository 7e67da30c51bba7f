// Registration of the `perry native` subcommands. Each command lives in
// cli/commands/<name>.cpp and defines one `add_<name>_command` that adds its subcommand to
// `native` and returns how to run it; main() runs the one that was parsed, after logging is set up.
#pragma once

#include <functional>
#include <vector>

namespace CLI {
class App;
}

namespace perry::cli {

struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run; // returns the exit code (see output.h)
};

// One line per command; keep in the order of `perry native --help`.
// (Declarations are added here as the commands land.)
Command add_init_command(CLI::App& native);
Command add_list_command(CLI::App& native);
Command add_resolve_command(CLI::App& native);
Command add_symbols_command(CLI::App& native);
Command add_validate_command(CLI::App& native);
Command add_link_command(CLI::App& native);
Command add_run_command(CLI::App& native);
Command add_lock_command(CLI::App& native);
Command add_doctor_command(CLI::App& native);
Command add_prebuild_command(CLI::App& native);
Command add_pack_command(CLI::App& native);
Command add_header_command(CLI::App& native);

} // namespace perry::cli
