// `perry native resolve <specifier>... [--from FILE_OR_DIR] [--target T] [--json]`: how the
// compiler would resolve each import. Exit 0 when every specifier resolves to something usable,
// 1 when one is unresolved, refused or unusable, 2 on bad usage. docs/cli/resolve.md.
#include "commands.h"
#include "output.h"
#include "well_known_option.h"

#include "perry/resolver/allowlist.h"
#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"
#include "perry/resolver/platform_package.h"
#include "perry/resolver/resolution_json.h"
#include "perry/resolver/resolve.h"
#include "perry/resolver/specifier.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace perry::cli {

namespace {

using namespace perry::resolver;

std::vector<std::string> target_key_names() {
    std::vector<std::string> names;
    for (TargetKey key : all_target_keys()) {
        names.emplace_back(target_key_name(key));
    }
    return names;
}

struct ResolveArgs {
    std::vector<std::string> specifiers;
    std::string from = ".";
    std::string target = "linux";
    bool json = false;
    bool lockdown = false;
    std::optional<std::string> well_known;
    std::string arch = std::string(host_arch());
};

// Which archive would serve the link for (target, arch): the per-arch extensions
// (docs/manifest.md) read from the package's manifest.
void print_serving_archive(const Resolution& r, const std::string& arch) {
    const std::optional<TargetKey> key = find_target_key(r.target);
    if (!key || !r.dir)
        return;
    const ManifestResult manifest =
        parse_manifest_file(std::filesystem::path(*r.dir) / "package.json");
    const ServingArchive serving = serving_archive(manifest, *key, arch);
    if (serving.kind == ServingArchive::Kind::None)
        return;
    std::printf("  archive (%s, %s): %s\n", printable(r.target).c_str(), printable(arch).c_str(),
                printable(serving.describe(arch)).c_str());
}

void print_text(const Resolution& r, const std::string& arch) {
    std::string line = r.specifier + ": " + to_string(r.kind);
    if (r.kind == ResolutionKind::Native || r.kind == ResolutionKind::Js) {
        line += " " + r.package + "@" + r.version.value_or("(no version)") + " " + *r.dir;
    } else if (r.well_known) {
        line += " crate " + r.well_known->crate + ", lib " + r.well_known->lib;
        if (!r.well_known->alias_of.empty()) {
            line += ", alias of " + r.well_known->alias_of;
        }
    }
    std::printf("%s\n", printable(line).c_str());
    if (r.entry) {
        std::printf(
            "  entry: %s%s\n", printable(*r.entry).c_str(),
            r.condition.empty() ? "" : printable(" (condition \"" + r.condition + "\")").c_str());
    }
    if (r.native) {
        const AbiStatus& abi = r.native->abi;
        std::printf("  abi: %s, %s\n",
                    abi.declared ? printable("\"" + *abi.declared + "\"").c_str() : "not declared",
                    abi.ok ? "ok" : "rejected");
        std::printf("  functions: %zu\n", r.native->functions.size());
        for (const FunctionSignature& f : r.native->functions) {
            std::printf("    %s;\n", printable(f.c_signature).c_str());
        }
        std::printf("  link (%s): %s\n", printable(r.target).c_str(),
                    r.native->link_json ? printable(*r.native->link_json).c_str()
                                        : "no entry: skipped");
        if (r.native->link_json)
            print_serving_archive(r, arch);
    }
}

// Problems go to stderr, one `perry: error:` line each with its fix; warnings likewise.
void print_problems(const Resolution& r) {
    const std::string who = printable(r.specifier) + ": ";
    for (const std::string& warning : r.warnings) {
        print_warning(who + printable(warning));
    }
    if (r.native) {
        for (const Diagnostic& d : r.native->diagnostics) {
            (d.is_error() ? print_error : print_warning)(who + d.what(), d.fix);
        }
    }
    if (r.refused) {
        print_error(who + printable(r.refused->message), printable(r.refused->fix));
    }
    const bool unresolved = r.kind == ResolutionKind::Unresolved && !r.package.empty();
    for (const std::string& error : r.errors) {
        if (r.unreadable) {
            print_error(who + printable(error),
                        "the package's package.json must be a regular file holding JSON: "
                        "reinstall the package");
            continue;
        }
        print_error(who + printable(error),
                    unresolved ? "install it (npm install " + printable(r.package) +
                                     ") or check the name; the places looked at follow"
                               : "");
    }
    if (unresolved) {
        for (const std::string& place : r.looked_in) {
            std::fprintf(stderr, "  looked in: %s\n", printable(place).c_str());
        }
    }
}

int run_resolve(const ResolveArgs& args) {
    std::error_code ec;
    if (args.target.empty()) {
        print_error("--target '': expected a target key", "pass one of the target keys, e.g. "
                                                          "--target linux");
        return kExitUsage;
    }
    if (!std::filesystem::exists(args.from, ec)) {
        print_error("--from " + args.from + ": no such file or directory",
                    "pass the importing file or its directory");
        return kExitUsage;
    }
    bool bad_specifier = false;
    for (const std::string& specifier : args.specifiers) {
        std::string why;
        if (!parse_specifier(specifier, why)) {
            print_error(printable("\"" + specifier + "\": " + why),
                        "pass a package name: pkg, pkg/sub, @scope/pkg or @scope/pkg/sub");
            bad_specifier = true;
        }
    }
    const std::optional<WellKnownTable> table = load_well_known_table(args.well_known);
    if (!table || bad_specifier) {
        return kExitUsage;
    }

    ResolveOptions options;
    options.target = args.target;
    options.lockdown = args.lockdown;
    const std::filesystem::path from_dir =
        std::filesystem::is_directory(args.from, ec)
            ? std::filesystem::canonical(args.from, ec)
            : std::filesystem::canonical(args.from, ec).parent_path();
    HostAllowlist host = load_host_allowlist(from_dir.string());
    for (const AllowlistError& error : host.errors) {
        print_error(error.describe(), error.fix);
    }
    if (!host.errors.empty()) {
        return kExitUsage;
    }
    options.allowlist = std::move(host.allowlist);

    Resolver resolver(*table, options);
    std::vector<Resolution> results;
    bool all_ok = true;
    bool unreadable = false;
    for (const std::string& specifier : args.specifiers) {
        results.push_back(resolver.resolve(specifier, args.from));
        all_ok = all_ok && results.back().ok();
        unreadable = unreadable || results.back().unreadable;
    }
    if (args.json) {
        std::fputs(resolutions_to_json(results).c_str(), stdout);
    }
    for (const Resolution& r : results) {
        if (!args.json) {
            print_text(r, args.arch);
        }
        print_problems(r);
    }
    return unreadable ? kExitUsage : all_ok ? kExitOk : kExitProblems;
}

} // namespace

Command add_resolve_command(CLI::App& native) {
    auto args = std::make_shared<ResolveArgs>();
    CLI::App* app = native.add_subcommand(
        "resolve", "Resolve import specifiers as the compiler does (native, js, well-known)");
    app->add_option("specifier", args->specifiers, "Bare import specifiers: pkg, @scope/pkg/sub")
        ->required();
    app->add_option("--from", args->from, "Importing file or directory (default: .)");
    app->add_option("--target", args->target, "Target whose link entry to report (default: linux)")
        ->check(CLI::IsMember(target_key_names()));
    app->add_option("--arch", args->arch,
                    "Architecture whose archive to report (default: the host's)")
        ->check(CLI::IsMember(std::vector<std::string>(arch_names().begin(), arch_names().end())));
    app->add_flag("--json", args->json, "Print a JSON array, one object per specifier");
    app->add_flag("--lockdown", args->lockdown, "Refuse every installed native package");
    add_well_known_option(*app, args->well_known);
    return {app, [args] { return run_resolve(*args); }};
}

} // namespace perry::cli
