// `perry native validate [DIR] [--target T | --all-targets] [--no-build] [--strict]
// [--no-signatures] [--json]`:
// prints what perry_linker's validate_package found, as text (seed 000's shape) or JSON.
#include "perry/linker/validate.h"
#include "commands.h"
#include "diagnostics_json.h"
#include "output.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "perry/platform/process.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

namespace perry::cli {
namespace {

struct ValidateArgs {
    std::string dir = ".";
    std::string target;
    bool all_targets = false;
    bool no_build = false;
    bool strict = false;
    bool no_signatures = false;
    bool json = false;
    double build_timeout = 0; // seconds; 0: none
};

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string prefixes_label(const linker::ValidationReport& report) {
    std::string out;
    for (const std::string& prefix : report.binding_prefixes) {
        out += (out.empty() ? "`" : ", `") + prefix + "*`";
    }
    return out.empty() ? "binding" : out;
}

// Text from packages and archives (names, paths, a build's output) reaches the terminal line by
// line through terminal_safe: no control sequence or bidirectional override gets through.
std::string terminal_lines(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        out += terminal_safe(std::string_view(text).substr(start, end - start));
        if (end < text.size())
            out += '\n';
        start = end + 1;
    }
    return out;
}

// One line on the TypeScript declarations: which file was compared, or why none was (nothing when
// validate stopped before looking: no usable manifest).
std::string typescript_line(const linker::DeclarationsValidation& ts) {
    if (!ts.checked && ts.not_checked.empty())
        return "";
    if (!ts.checked)
        return "typescript: not checked: " + ts.not_checked + "\n";
    const std::string why =
        ts.selected_by == "default" ? "the default" : "named by `" + ts.selected_by + "`";
    return "typescript: " + ts.file + " (" + why + "), " + std::to_string(ts.functions) +
           (ts.functions == 1 ? " function" : " functions") + " declared\n";
}

void print_text(const linker::ValidationReport& report) {
    for (const resolver::Diagnostic& diagnostic : report.diagnostics) {
        std::fprintf(stderr, "%s\n", terminal_lines(diagnostic.format()).c_str());
    }
    std::string out = "perry native validate\n======================\n";
    out += "package: " + (report.package.empty() ? "(unnamed)" : report.package) + "\n";
    out += "abiVersion: " + report.abi_version.value_or("(missing)") + "\n";
    out += "declared functions: " + std::to_string(report.declared) + "\n";
    out += typescript_line(report.typescript);
    for (const linker::TargetValidation& target : report.targets) {
        out += "target: " + target.target + (target.arch.empty() ? "" : " (" + target.arch + ")") +
               "\n";
        if (target.staticlib.empty()) {
            out += "staticlib: (none)\n";
            continue;
        }
        out += "staticlib: " + target.staticlib;
        std::vector<std::string> kinds = target.formats;
        kinds.insert(kinds.end(), target.machines.begin(), target.machines.end());
        if (!kinds.empty())
            out += " (" + joined(kinds, ", ") + ")";
        out += "\n";
        if (target.checked) {
            out += "exported " + prefixes_label(report) +
                   " symbols: " + std::to_string(target.exported_bindings) + "\n";
            out += "signatures: " + target.signatures.describe() + "\n";
        }
    }
    const std::size_t errors = report.error_count();
    const std::size_t warnings = report.warning_count();
    auto count = [](std::size_t n, const char* what) {
        return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    if (report.ok()) {
        out += "\u2705 manifest matches the staticlib";
        out += warnings == 0 ? ".\n" : " (" + count(warnings, "warning") + ").\n";
    } else {
        out += "\u274c " + count(errors, "error") + ", " + count(warnings, "warning") + ".\n";
    }
    out = terminal_lines(out);
    std::fwrite(out.data(), 1, out.size(), stdout);
}

nlohmann::json typescript_json(const linker::DeclarationsValidation& ts) {
    auto or_null = [](const std::string& text) {
        return text.empty() ? nlohmann::json() : nlohmann::json(text);
    };
    return {{"file", or_null(ts.file)},
            {"selectedBy", or_null(ts.selected_by)},
            {"checked", ts.checked},
            {"declaredFunctions", ts.functions},
            {"notChecked", or_null(ts.not_checked)}};
}

void print_json(const linker::ValidationReport& report, bool all_targets) {
    nlohmann::json targets = nlohmann::json::array();
    std::vector<std::string> missing;
    std::vector<std::string> undeclared;
    for (const linker::TargetValidation& t : report.targets) {
        targets.push_back(
            {{"target", t.target},
             {"staticlib", t.staticlib.empty() ? nlohmann::json() : nlohmann::json(t.staticlib)},
             {"checked", t.checked},
             {"formats", t.formats},
             {"machines", t.machines},
             {"exportedBindings", t.exported_bindings},
             {"missing", t.missing},
             {"notFunctions", t.not_functions},
             {"undeclared", t.undeclared},
             {"runtimeSymbols", t.runtime_symbols},
             {"duplicates", t.duplicates},
             {"signatures",
              {{"status", linker::to_string(t.signatures.status)},
               {"checked", t.signatures.checked},
               {"withoutDebugInfo", t.signatures.without_debug_info},
               {"unsupported", t.signatures.unsupported},
               {"mismatched", t.signatures.mismatched},
               {"text", t.signatures.describe()}}}});
        if (!t.arch.empty())
            targets.back()["arch"] = t.arch;
        if (!t.build.empty()) {
            targets.back()["archivePath"] = t.archive_path;
            targets.back()["build"] = t.build;
            targets.back()["buildLog"] = t.build_log;
        }
        for (const std::string& name : t.missing) {
            if (std::find(missing.begin(), missing.end(), name) == missing.end()) {
                missing.push_back(name);
            }
        }
        for (const std::string& name : t.undeclared) {
            if (std::find(undeclared.begin(), undeclared.end(), name) == undeclared.end()) {
                undeclared.push_back(name);
            }
        }
    }
    const bool single = !all_targets && report.targets.size() == 1;
    nlohmann::json out = {
        {"package", report.package},
        {"abiVersion", report.abi_version ? nlohmann::json(*report.abi_version) : nlohmann::json()},
        {"target", single ? nlohmann::json(report.targets[0].target) : nlohmann::json("all")},
        {"staticlib", single && !report.targets[0].staticlib.empty()
                          ? nlohmann::json(report.targets[0].staticlib)
                          : nlohmann::json()},
        {"declared", report.declared},
        {"bindingPrefixes", report.binding_prefixes},
        {"missing", missing},
        {"undeclared", undeclared},
        {"errors", diagnostics_json(report.diagnostics, true)},
        {"warnings", diagnostics_json(report.diagnostics, false)},
        {"targets", targets},
        {"typescript", typescript_json(report.typescript)},
        {"ok", report.ok()}};
    // Names come from archives and are bytes: invalid UTF-8 is replaced rather than aborting the
    // dump (`perry native symbols --json` gives the exact bytes).
    const std::string text =
        out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
}

int run_validate(const ValidateArgs& args) {
    linker::ValidateOptions options;
    options.package_dir = args.dir;
    options.all_targets = args.all_targets;
    options.build = !args.no_build;
    options.strict = args.strict;
    options.check_signatures = !args.no_signatures;
    options.build_options.runtime = linker::locate_runtime(linker::current_executable());
    if (args.build_timeout > 0) {
        options.build_options.timeout =
            std::chrono::milliseconds(static_cast<long long>(args.build_timeout * 1000));
    }
    // A live line per build on a terminal; elsewhere the output stays as it was (goldens).
    if (platform::is_terminal(platform::StandardStream::Error)) {
        options.build_options.on_event = linker::BuildProgressPrinter(stderr);
    }
    if (!args.target.empty()) {
        options.target = resolver::find_target_key(args.target);
        if (!options.target) {
            std::string keys;
            for (resolver::TargetKey key : resolver::all_target_keys()) {
                keys += (keys.empty() ? "" : ", ") + std::string(resolver::target_key_name(key));
            }
            print_error("--target: unknown target `" + args.target + "`", "use one of: " + keys);
            return kExitUsage;
        }
    }
    const linker::ValidationReport report = linker::validate_package(options);
    if (args.json) {
        print_json(report, args.all_targets);
    } else {
        print_text(report);
    }
    if (report.unreadable)
        return kExitUsage;
    return report.ok() ? kExitOk : kExitProblems;
}

} // namespace

Command add_validate_command(CLI::App& native) {
    auto args = std::make_shared<ValidateArgs>();
    CLI::App* app = native.add_subcommand(
        "validate", "Check that a binding's staticlib exports what its manifest declares");
    app->add_option("dir", args->dir, "Package directory (holds package.json)");
    CLI::Option* target =
        app->add_option("--target", args->target, "Check this target (default: linux)");
    app->add_flag("--all-targets", args->all_targets,
                  "Check every target of the manifest (their prebuilts)")
        ->excludes(target);
    app->add_flag("--no-build", args->no_build, "Do not build; check the archive on disk");
    app->add_flag("--strict", args->strict, "Undeclared binding symbols are errors");
    app->add_option("--build-timeout", args->build_timeout,
                    "End a build (and everything it started) after SECONDS")
        ->check(CLI::NonNegativeNumber);
    app->add_flag("--no-signatures", args->no_signatures,
                  "Do not compare signatures with the archive's debug information");
    app->add_flag("--json", args->json, "Machine-readable report on stdout");
    return Command{app, [args] { return run_validate(*args); }};
}

} // namespace perry::cli
