// The link line of a plan (link_plan.h): user objects, binding archives in import order, the
// runtime archive, then per package its libDirs, libs, `pkg-config --libs` output, frameworks
// and optional frameworks, and last the system libraries the C++ runtime needs. Rendered as
// compiler-driver arguments for GNU ld and ld64, or as link.exe arguments for MSVC, as an argv
// and as one printable line. See docs/linker/link-plan.md for the order and the duplicate rule.
#pragma once

#include "perry/linker/link_plan.h"
#include "perry/resolver/diagnostic.h"

#include <map>
#include <string>
#include <vector>

namespace perry::linker {

// Environment variables by name. The line reads only what it is given (frameworksEnv variables,
// and pkg-config runs with exactly this environment), so its output is reproducible.
using Environment = std::map<std::string, std::string>;

// This process's environment.
Environment current_environment();

// LinkItem::owner of the items no package asked for.
inline constexpr const char* kObjectsOwner = "objects";       // the user's objects
inline constexpr const char* kRuntimeOwner = "perry runtime"; // libperry_ffi.a
inline constexpr const char* kSystemOwner = "system";         // the runtime's system libraries

// One element of the line before rendering.
struct LinkItem {
    enum class Kind {
        Object,       // a user object file
        Archive,      // a binding archive or the runtime archive
        LibDir,       // a library search directory (-L, /LIBPATH:)
        Lib,          // a library by name (-lfoo, foo.lib)
        FrameworkDir, // a framework search directory (-F)
        Framework,    // an Apple framework (-framework Foo)
        Flag,         // any other pkg-config output, passed on as written
    };
    Kind kind = Kind::Object;
    std::string value; // path, directory, library or framework name, or the flag
    std::string owner; // the package that asked for it, or one of the k*Owner names above
};

struct LinkLineOptions {
    std::vector<std::string> objects; // the user's objects, first on the line
    std::string runtime_archive;      // libperry_ffi.a (perry_ffi.lib for MSVC)
    std::string output;               // the program to write (-o / /OUT:); empty: none
    std::string driver;               // argv[0]; empty: "cc", or "link.exe" for MSVC
    // Given to the driver before everything else: -target, --sysroot, -fuse-ld=..., the
    // sanitizer of an instrumented runtime, /NOLOGO.
    std::vector<std::string> driver_flags;
    std::string pkg_config = "pkg-config";
    Environment environment; // what pkg-config and frameworksEnv see
};

struct LinkLine {
    resolver::TargetKey target = resolver::TargetKey::Linux;
    LinkFlavor flavor = LinkFlavor::GnuLd;
    std::vector<LinkItem> items;    // in order, duplicates removed
    std::vector<std::string> argv;  // the rendered command; empty for `web` or on errors
    std::vector<std::string> notes; // what was decided and why (optional frameworks, web)
    std::vector<resolver::Diagnostic> diagnostics;

    bool ok() const { return !resolver::has_errors(diagnostics); }
};

// Builds the line of `plan`. Runs `pkg-config --libs` once per package that names pkgConfig
// entries (argv, never a shell); a failure is an error quoting pkg-config. A package to build
// whose archive is not yet known is an error: build first, then render. A plan with errors, or
// a line with errors, gets no argv (the items still show what was found).
LinkLine make_link_line(const LinkPlan& plan, const LinkLineOptions& options);

// `items` rendered as arguments of `flavor` (no driver, no output).
std::vector<std::string> render_items(const std::vector<LinkItem>& items, LinkFlavor flavor);

// One line a user can paste: POSIX shell quoting for GNU ld and ld64, the quoting
// CommandLineToArgvW undoes for MSVC.
std::string printable_command(const std::vector<std::string>& argv, LinkFlavor flavor);

// The plan and its line as JSON (`--dry-run --json`); `line` may be null (plan only).
std::string link_plan_json(const LinkPlan& plan, const LinkLine* line);

// The plan and its line as text for `--dry-run`: one line per package, the notes and the
// command. Diagnostics are not included (print them with Diagnostic::format()).
std::string describe_link_plan(const LinkPlan& plan, const LinkLine* line);

} // namespace perry::linker
