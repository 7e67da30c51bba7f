// The host's allowlist of native packages: `perry.allow.nativeLibrary` in the application's own
// package.json, an array of exact names, `@scope/*` and `*`. Without the key every native
// package is allowed; with it, an installed native package outside the list is refused with the
// exact JSON to add. `--lockdown` refuses every installed native package whatever the list says.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

// A problem in the host's package.json: `<file>: <pointer>: <message>`, or
// `<file>:<line>:<column>: <message>` for a syntax error.
struct AllowlistError {
    std::string file;
    std::string pointer; // JSON pointer, e.g. /perry/allow/nativeLibrary/2
    std::string message;
    std::string fix; // how to fix it
    int line = 0, column = 0;
    std::string describe() const; // escaped for a terminal (see printable)
};

class Allowlist {
  public:
    // Reads `perry.allow.nativeLibrary` from the host package.json. nullopt when the key is
    // absent (no restriction) or when the file is unusable (then `errors` says why).
    static std::optional<Allowlist> from_host_package_json(const std::string& file,
                                                           std::vector<AllowlistError>& errors);
    // The same from text already read; `file` is used in messages.
    static std::optional<Allowlist> parse(std::string_view text, const std::string& file,
                                          std::vector<AllowlistError>& errors);

    bool allows(std::string_view package) const;
    // The `perry` member to write into the host package.json so that `package` is allowed:
    // the current entries plus the package, e.g. {"allow":{"nativeLibrary":["a","b"]}}.
    std::string json_to_allow(std::string_view package) const;

    const std::string& file() const { return file_; }
    const std::vector<std::string>& patterns() const { return patterns_; }

  private:
    std::string file_;
    std::vector<std::string> patterns_;
};

// The application's package.json for an importing file or directory: the nearest package.json
// walking up from `from_dir` that is not inside a node_modules directory. nullopt when none.
// Whatever exists under that name counts (a directory or a FIFO too): reading it then fails
// with an error, rather than the allowlist being skipped.
std::optional<std::string> find_host_package_json(const std::string& from_dir);

// The host's allowlist for imports from `from_dir` (a real directory): found as above and read.
// `allowlist` is nullopt when there is no host package.json, no `perry.allow.nativeLibrary`,
// or an error (then `errors` says what and how to fix it; a command stops with exit code 2).
struct HostAllowlist {
    std::optional<std::string> file; // the host package.json, when there is one
    std::optional<Allowlist> allowlist;
    std::vector<AllowlistError> errors;
};
HostAllowlist load_host_allowlist(const std::string& from_dir);

} // namespace perry::resolver
