// Resolution of an import specifier from an importing file, in the order of seed 001:
//   (a) node_modules/<name> with perry.nativeLibrary  -> native
//   (b) node_modules/<name> without it                -> js
//   (c) the well-known table                          -> well-known
//   (d) nothing                                       -> unresolved, with every place looked at
// An installed package always beats the well-known table. docs/resolver/resolution.md.
#pragma once

#include "perry/resolver/allowlist.h"
#include "perry/resolver/native_details.h"
#include "perry/resolver/node_modules.h"
#include "perry/resolver/well_known.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

enum class ResolutionKind { Native, Js, WellKnown, Unresolved };
const char* to_string(ResolutionKind kind); // "native", "js", "well-known", "unresolved"

// Why a native package may not be used although it was found.
struct Refusal {
    std::string message; // one line: which package, which rule
    std::string fix;     // how to allow it, with the exact JSON to add when there is a list
};

struct Resolution {
    std::string specifier;
    std::string target; // the target key the link entry was read for
    ResolutionKind kind = ResolutionKind::Unresolved;
    std::string package; // the package name part of the specifier
    std::string subpath; // "." or "./sub"
    std::optional<std::string> version;
    std::optional<std::string> dir;   // real path of the package directory
    std::optional<std::string> entry; // the file the subpath names, when one exists
    std::string condition;            // the `exports` condition that chose `entry`, if any
    // kind == native: manifest, abi, functions, link. Shared, immutable: every import of one
    // package in a program refers to the same details.
    std::shared_ptr<const NativeDetails> native;
    // kind == well-known: the table's entry. Shared and immutable like `native`, which also
    // keeps a Resolution small (a compiler holds one per import: 400 bytes).
    std::shared_ptr<const WellKnownBinding> well_known;
    // A native package the allowlist or --lockdown refuses; rare, so kept out of line too.
    std::shared_ptr<const Refusal> refused;
    std::vector<std::string> errors; // why it is unresolved / unusable (empty when fine)
    std::vector<std::string> warnings;
    std::vector<std::string> looked_in; // every place looked at, in order
    // An installed package.json that cannot be read (not a regular file, too large, a symlink
    // loop) or is not JSON: the input is unusable, which a command reports with exit code 2.
    bool unreadable = false;

    // Usable as is: resolved, not refused, manifest valid and the ABI accepted.
    bool ok() const;
};

struct ResolveOptions {
    std::string target = "linux";       // one of the ten target keys of seed 003
    bool lockdown = false;              // refuse every installed native package
    std::optional<Allowlist> allowlist; // the host's perry.allow.nativeLibrary, when it has one
};

// Resolves specifiers from one importing location; package.json files read once are cached, so
// one Resolver per compilation (not per import) is the efficient use. Not thread-safe.
class Resolver {
  public:
    Resolver(const WellKnownTable& table, ResolveOptions options);
    ~Resolver();
    Resolver(const Resolver&) = delete;
    Resolver& operator=(const Resolver&) = delete;

    // `from` is the importing file or a directory; relative paths are taken from the current
    // directory. A `from` that does not exist gives an unresolved result saying so.
    Resolution resolve(std::string_view specifier, const std::string& from);

  private:
    struct Cache;
    void describe_installed(Resolution& result, const InstalledPackage& installed);

    const WellKnownTable& table_;
    ResolveOptions options_;
    std::unique_ptr<Cache> cache_;
};

} // namespace perry::resolver
