// perry.lock: which archive a program linked for each native package and target, and its
// SHA-256, so that a later link can refuse an archive that changed (`perry native link
// --frozen`). `perry native lock` writes it; see docs/cli/lock.md for the file's form.
#pragma once

#include "perry/linker/build.h"
#include "perry/linker/link_plan.h"
#include "perry/resolver/diagnostic.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker {

inline constexpr const char* kLockFileName = "perry.lock";

// One archive linked: a package for one target key and architecture.
struct LockEntry {
    std::string package; // its name, as imported
    std::string version; // package.json `version` ("" when it has none)
    std::string dir;     // the package directory, relative to the program's ('/'-separated)
    std::string target;  // the target key, "linux"
    std::string arch;    // the architecture linked for, "x86_64"
    std::string source;  // "prebuilt" or "build"
    // prebuilt: the archive's path relative to the package; build: the built archive's file name
    // (the cache path differs between machines, its name does not).
    std::string archive;
    std::string build_key; // build: the build cache key (docs/linker/build.md); else ""
    std::string sha256;    // of the archive's bytes, lowercase hex
};

struct LockFile {
    std::vector<LockEntry> entries; // sorted by package, target, arch; one per triple
};

// Whether two entries are about the same package, target and architecture.
bool same_slot(const LockEntry& a, const LockEntry& b);
// Sorts `lock`'s entries into the file's order.
void sort_entries(LockFile& lock);

// Reads perry.lock. nullopt with `error` set when the file is unreadable, not a regular file,
// not TOML (line and column of the problem) or not in the form docs/cli/lock.md describes.
// `missing` is set (and `error` left empty) when there is no such file.
std::optional<LockFile> read_lock_file(const std::filesystem::path& file,
                                       resolver::Diagnostic& error, bool& missing);
// The TOML text of `lock` (deterministic: the same entries give the same bytes).
std::string render_lock_file(const LockFile& lock);
// Writes `lock` to `file` through a temporary name and a rename. False with `error` set.
bool write_lock_file(const std::filesystem::path& file, const LockFile& lock, std::string& error);

// The SHA-256 of a file's bytes (hex), or nothing with `error` set.
std::optional<std::string> file_sha256(const std::filesystem::path& file, std::string& error);

// A difference between the lock and what would be recorded now.
struct LockChange {
    std::optional<LockEntry> locked; // absent: the entry is new
    std::optional<LockEntry> now;    // absent: the entry would be removed
    // `<package> <target>/<arch>: added|removed|<field> "<locked>" -> "<now>"[, ...]`
    std::string describe() const;
};
std::vector<LockChange> lock_changes(const LockFile& locked, const LockFile& now);

// What `perry native lock` does: build what the plan builds (through the cache), hash every
// archive the host target links, and merge the result into the program's perry.lock.
struct LockRequest {
    std::filesystem::path program_dir;
    std::vector<PlanPackage> packages; // every native package the program imports
    // Re-record only this package (its entries for this target and architecture); the others
    // stay as the lock has them.
    std::optional<std::string> update;
    bool frozen = false; // compare only: write nothing, report what would change
    BuildOptions build;
};

struct LockOutcome {
    std::filesystem::path file;       // the perry.lock
    LockFile lock;                    // as written (or as it would be with `frozen`)
    std::vector<LockChange> changes;  // against the lock as it was
    std::vector<PackageBuild> builds; // the builds run (or found cached)
    std::vector<resolver::Diagnostic> diagnostics;
    bool written = false;
    bool unusable_input = false; // exit code 2: an unreadable lock, a package not imported, ...
    bool ok() const { return !unusable_input && !resolver::has_errors(diagnostics); }
};

LockOutcome lock_program(const LockRequest& request);

// The lock entries of a planned link for `plan.target` on the host: each package the plan
// links, with its archive (prebuilt or built: PackagePlan::archive must be set) hashed.
// `builds` gives the build keys. Problems (an archive that cannot be read) are diagnostics.
std::vector<LockEntry> lock_entries(const LinkPlan& plan, const std::vector<PackageBuild>& builds,
                                    const std::vector<PlanPackage>& packages,
                                    const std::filesystem::path& program_dir,
                                    std::vector<resolver::Diagnostic>& diagnostics);

// `link --frozen`: an error for each archive of `plan` (those whose archive is known) whose
// SHA-256 differs from `lock`'s, or that `lock` does not list, naming both hashes and the fix.
std::vector<resolver::Diagnostic> check_frozen(const LinkPlan& plan, const LockFile& lock,
                                               const std::filesystem::path& lock_file);

} // namespace perry::linker
