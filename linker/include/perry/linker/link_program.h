// Linking a program with the native packages it imports, the compiler driver's build-time job:
// plan the target (link_plan.h), build what must be built through the cache (build.h), render
// the line (link_line.h), check that no two archives define one strong symbol (conflicts.h),
// then run the link. `perry native link` and `perry native run` both go through here.
// See docs/cli/link.md.
#pragma once

#include "perry/linker/build.h"
#include "perry/linker/conflicts.h"
#include "perry/linker/link_line.h"
#include "perry/linker/link_plan.h"
#include "perry/linker/lock.h"
#include "perry/resolver/diagnostic.h"

#include <optional>
#include <string>
#include <vector>

namespace perry::linker {

struct LinkRequest {
    resolver::TargetKey target = host_target();
    std::vector<PlanPackage> packages; // in import order
    std::vector<std::string> objects;  // the program's own objects, first on the line
    std::string output;                // the program to write
    std::string driver;                // the compiler driver; empty: the flavor's default
    bool dry_run = false;              // plan and render only: no build, no link
    BuildOptions build;                // runtime, cache, timeout, progress
    Environment environment = current_environment();
    // `--frozen`: every archive linked must be in this lock with the same SHA-256 (lock.h),
    // checked once the archives are known and before the link line is made.
    std::optional<LockFile> frozen;
    std::filesystem::path lock_file; // names the lock in messages
};

struct LinkOutcome {
    LinkPlan plan;
    std::vector<PackageBuild> builds; // one per package the plan builds, in plan order
    std::optional<LinkLine> line;     // rendered once every archive is known
    std::optional<ConflictReport> conflicts;
    std::vector<resolver::Diagnostic> diagnostics; // the driver's own: builds, the link itself
    std::string link_output;                       // what the linker printed when it failed
    bool linked = false;
    bool unusable_input = false; // nothing could be done with the input: exit code 2

    // Every diagnostic of every step, in the order the steps ran.
    std::vector<resolver::Diagnostic> all_diagnostics() const;
    bool ok() const;
};

LinkOutcome link_program(const LinkRequest& request);

// Builds the entries of `plan` that need it and stores each archive in the plan. Builds run one
// after another in plan order; a failed build is an error naming the package, and the others
// still run so that one invocation reports every failure.
std::vector<PackageBuild> build_planned_packages(LinkPlan& plan, const BuildOptions& options,
                                                 std::vector<resolver::Diagnostic>& diagnostics);

} // namespace perry::linker
