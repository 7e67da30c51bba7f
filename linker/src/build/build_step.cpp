#include "builders.h"

#include <fstream>

namespace perry::linker::detail {

ProcessResult run_build_step(const BuildContext& context, const std::vector<std::string>& argv,
                             const std::filesystem::path& cwd,
                             std::vector<std::pair<std::string, std::string>> env, bool log_stdout,
                             bool show_stdout) {
    {
        std::ofstream log(context.log, std::ios::app);
        // The variables perry sets, then the command, as a shell would show them (none is used).
        log << "$ ";
        for (const auto& [key, value] : env)
            log << key << "=" << value << " ";
        log << command_line(argv) << "\n";
    }
    ProcessOptions options;
    options.cwd = cwd.string();
    options.env = std::move(env);
    options.log_file = context.log.string();
    options.log_stdout = log_stdout;
    if (context.deadline) {
        const auto left = *context.deadline - std::chrono::steady_clock::now();
        options.timeout = std::max(std::chrono::milliseconds(1),
                                   std::chrono::duration_cast<std::chrono::milliseconds>(left));
    }
    const BuildOptions& build = *context.options;
    if (build.on_event) {
        options.on_line = [&](OutputStream stream, std::string_view line) {
            if (stream == OutputStream::Out && !show_stdout)
                return;
            BuildEvent event;
            event.kind = BuildEvent::Kind::Output;
            event.package = context.request->package_name;
            event.line = std::string(line);
            event.elapsed = std::chrono::steady_clock::now() - context.started;
            build.on_event(event);
        };
    }
    return run_process(argv, options);
}

bool step_failed(const std::vector<std::string>& argv, const ProcessResult& result,
                 BuilderOutcome& outcome) {
    outcome.failed_command = command_line(argv);
    outcome.exit_code = result.exit_code;
    outcome.timed_out = result.timed_out;
    if (!result.started)
        outcome.error = result.error;
    return false;
}

} // namespace perry::linker::detail
