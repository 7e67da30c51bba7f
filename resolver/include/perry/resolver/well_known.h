// The well-known table: npm names whose native binding ships with perry itself
// (`well_known_bindings.toml`, `[bindings.<npm-name>]` entries). Layer (c) of resolution: it is
// consulted only when no installed package has the name. Format: docs/resolver/resolution.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

struct WellKnownBinding {
    std::string name;  // the npm name (or a subpath such as "mysql2/promise") it answers for
    std::string crate; // the crate that builds the binding
    std::string lib;   // library stem: lib<lib>.a
    // The binding's package (its package.json and sources), relative to the table's directory;
    // empty when the crate ships with the Perry compiler rather than with perry-native.
    std::string source;
    std::string tracking; // issue tracking the binding; empty when none
    std::string alias_of; // another entry this one is an alias of; empty when none
    std::string compat;   // "full" or "partial" (the default)
    bool node_builtin = false;
    int line = 0; // where the entry's table header is, for messages
};

// A malformed table: names the file, the line and the dotted key (`bindings.dotenv.crate`).
struct WellKnownError {
    std::string file;
    int line = 0;
    int column = 0; // set for TOML syntax errors only
    std::string key;
    std::string message;

    // `<file>:<line>: <key>: <message>`, or `<file>:<line>:<column>: <message>` for a TOML syntax
    // error (toml++ names the place, not the key).
    std::string describe() const;
};

class WellKnownTable {
  public:
    // Parses the TOML text; `file` is only used in messages. Never throws.
    static WellKnownTable parse(std::string_view text, const std::string& file,
                                std::vector<WellKnownError>& errors);
    // Reads and parses a file; an unreadable file is one error with line 0.
    static WellKnownTable load(const std::filesystem::path& file,
                               std::vector<WellKnownError>& errors);

    // Exact lookup: a subpath specifier only matches an entry written with that subpath.
    const WellKnownBinding* find(std::string_view specifier) const;
    // Entries sorted by name.
    const std::vector<WellKnownBinding>& entries() const { return entries_; }
    const std::string& file() const { return file_; }

  private:
    std::string file_;
    std::vector<WellKnownBinding> entries_;
};

// Where the table is read from, first match wins:
//   1. `explicit_path` (the `--well-known FILE` option) when given;
//   2. the environment variable PERRY_WELL_KNOWN when set and non-empty;
//   3. `<prefix>/share/perry/well_known_bindings.toml` where the executable is `<prefix>/bin/perry`
//      or, in the build tree, `<build>/cli/perry` (the file is copied to `<build>/share/perry`);
//   4. the source copy compiled in as PERRY_WELL_KNOWN_SOURCE (a build-tree convenience).
// Returns the chosen path and how it was chosen ("--well-known", "PERRY_WELL_KNOWN",
// "installed", "source tree"); the path may not exist (load() then reports it).
struct WellKnownLocation {
    std::filesystem::path path;
    std::string source;
};
WellKnownLocation locate_well_known_table(const std::optional<std::filesystem::path>& explicit_path,
                                          const std::filesystem::path& executable);

} // namespace perry::resolver
