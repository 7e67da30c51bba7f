// The main of a `perry native run` host program: the generated shims + the binding's archive +
// libperry_ffi.a + this library. docs/cli/run.md describes the notation, output and exit codes.
#include "call_line.h"
#include "runner.h"

#include "perry/ffi.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace perry::run {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

constexpr const char* kUsage =
    "usage: <host> [--call 'js_fn(arg, ...)']... [--script FILE] [--json] [--list]\n"
    "  --call CALL    run one call (repeatable); arguments are JSON, 123n, b64\"...\", undefined,\n"
    "                 NaN, Infinity, $name (a variable a line `name = js_fn(...)` assigned)\n"
    "  --script FILE  run the calls of FILE, one a line (# comments; `=> expected` checks)\n"
    "  --json         one JSON object a line\n"
    "  --list         print the functions and their signatures\n"
    "With neither --call nor --script, calls are read from standard input, one a line.\n";

struct Options {
    std::vector<std::string> calls;
    std::string script;
    bool json = false;
    bool list = false;
};

struct PendingLine {
    Source source;
    CallLine call;
};

int usage_error(const std::string& message) {
    std::fprintf(stderr, "perry: error: %s\n%s", message.c_str(), kUsage);
    return kExitUsage;
}

// Parses the options; returns -1 to go on, or the exit status.
int parse_options(int argc, char** argv, Options* options) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= argc) {
                return false;
            }
            *out = argv[++i];
            return true;
        };
        std::string text;
        if (arg == "--call") {
            if (!value(&text)) {
                return usage_error("--call needs a call, as in --call 'js_pkg_fn(1, \"two\")'");
            }
            options->calls.push_back(text);
        } else if (arg.rfind("--call=", 0) == 0) {
            options->calls.push_back(arg.substr(7));
        } else if (arg == "--script") {
            if (!value(&options->script)) {
                return usage_error("--script needs a file name");
            }
        } else if (arg.rfind("--script=", 0) == 0) {
            options->script = arg.substr(9);
        } else if (arg == "--json") {
            options->json = true;
        } else if (arg == "--list") {
            options->list = true;
        } else if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            return kExitOk;
        } else {
            return usage_error("unknown argument " + arg);
        }
    }
    return -1;
}

// Reads and checks every line before running any, so a typo on line 40 does not leave 39
// calls' side effects behind. Prints each problem; false when there was one.
bool collect(const Options& options, Runner& runner, std::vector<PendingLine>* lines) {
    bool ok = true;
    auto add = [&](Source source, const std::string& text) {
        std::string error;
        std::optional<CallLine> call = split_call(text, &error);
        if (call && runner.accept(*call, &error)) {
            lines->push_back({std::move(source), std::move(*call)});
            return;
        }
        std::fprintf(stderr, "perry: error: %s: %s\n", source.where().c_str(), error.c_str());
        ok = false;
    };
    for (size_t i = 0; i < options.calls.size(); ++i) {
        add({"--call " + std::to_string(i + 1), 0}, options.calls[i]);
    }
    if (!options.script.empty()) {
        std::ifstream in(options.script, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "perry: error: %s: cannot read the script: %s\n",
                         options.script.c_str(), std::strerror(errno));
            return false;
        }
        std::string text;
        for (size_t number = 1; std::getline(in, text); ++number) {
            if (!text.empty() && text.back() == '\r') {
                text.pop_back();
            }
            if (!is_blank_or_comment(text)) {
                add({options.script, number}, text);
            }
        }
    }
    return ok;
}

int run_batch(const Options& options, Runner& runner) {
    std::vector<PendingLine> lines;
    if (!collect(options, runner, &lines)) {
        return kExitUsage;
    }
    for (const PendingLine& line : lines) {
        runner.run(line.source, line.call);
    }
    if (!options.script.empty()) {
        runner.print_summary();
    }
    return runner.line_errors() != 0 ? kExitUsage : runner.failed() != 0 ? kExitFailed : kExitOk;
}

// Standard input, a line at a time, so an author can explore a binding interactively: a bad
// line is reported and the next one read.
int run_stdin(Runner& runner) {
    bool bad_line = false;
    std::string text;
    for (size_t number = 1; std::getline(std::cin, text); ++number) {
        if (is_blank_or_comment(text)) {
            continue;
        }
        const Source source{"<stdin>", number};
        std::string error;
        std::optional<CallLine> call = split_call(text, &error);
        if (!call || !runner.accept(*call, &error)) {
            std::fprintf(stderr, "perry: error: %s: %s\n", source.where().c_str(), error.c_str());
            bad_line = true;
            continue;
        }
        runner.run(source, *call);
    }
    return bad_line || runner.line_errors() != 0 ? kExitUsage
           : runner.failed() != 0                ? kExitFailed
                                                 : kExitOk;
}

int host_main(int argc, char** argv) {
    Options options;
    if (int status = parse_options(argc, argv, &options); status >= 0) {
        return status;
    }
    if (perry_runtime_init(nullptr) != PERRY_OK) {
        std::fprintf(stderr, "perry: error: the runtime did not start: %s\n",
                     perry_status_message(perry_last_status()));
        return kExitFailed;
    }
    Runner runner(perry_run_shims, perry_run_shim_count, options.json);
    int status = kExitOk;
    if (options.list) {
        for (size_t i = 0; i < perry_run_shim_count; ++i) {
            std::printf("%s\n", perry_run_shims[i].signature);
        }
    } else if (options.calls.empty() && options.script.empty()) {
        status = run_stdin(runner);
    } else {
        status = run_batch(options, runner);
    }
    // Work the calls started (a task not awaited, a timer) finishes before the runtime stops.
    perry_pump_run(PERRY_PUMP_UNTIL_IDLE);
    runner.release_variables();
    perry_exception_clear();
    perry_runtime_shutdown();
    return status;
}

} // namespace
} // namespace perry::run

int main(int argc, char** argv) {
    return perry::run::host_main(argc, argv);
}
