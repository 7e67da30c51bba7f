// npm semver: versions, and ranges with node-semver 7's grammar and semantics (not loose; the
// expectations in tests/resolver/semver_test.cpp come from node-semver 7.8.5, npm's own copy).
//
// Ranges: `1.2.3`, partials `1.2` / `1`, wildcards `*` `x` `X`, comparators `<` `<=` `>` `>=` `=`,
// tilde `~` (and `~>`), caret `^`, hyphen ranges `1.2.3 - 2.3.4`, `||` between comparator sets,
// a leading `v`, prerelease tags and build metadata (ignored). A version with a prerelease tag
// satisfies a range only when some comparator of the same set names the same major.minor.patch
// with a prerelease tag (npm's rule; node-semver's includePrerelease option is not offered).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

struct Version {
    // One dot-separated prerelease identifier: numeric ones compare as numbers and sort before
    // alphanumeric ones.
    struct PrereleaseId {
        bool numeric = false;
        std::uint64_t number = 0;
        std::string text; // the identifier as written (also for numeric ones)
        bool operator==(const PrereleaseId& other) const;
    };

    std::uint64_t major = 0, minor = 0, patch = 0;
    std::vector<PrereleaseId> prerelease; // empty: a release
    // Build metadata is parsed and dropped: it never takes part in comparisons.

    std::string to_string() const; // `1.2.3-beta.1`
    bool is_prerelease() const { return !prerelease.empty(); }
};

// -1, 0 or 1, by semver precedence.
int compare(const Version& a, const Version& b);
inline bool operator==(const Version& a, const Version& b) {
    return compare(a, b) == 0;
}
inline bool operator!=(const Version& a, const Version& b) {
    return compare(a, b) != 0;
}
inline bool operator<(const Version& a, const Version& b) {
    return compare(a, b) < 0;
}
inline bool operator<=(const Version& a, const Version& b) {
    return compare(a, b) <= 0;
}
inline bool operator>(const Version& a, const Version& b) {
    return compare(a, b) > 0;
}
inline bool operator>=(const Version& a, const Version& b) {
    return compare(a, b) >= 0;
}

// A full version `1.2.3`, optional leading `v` or `=`, prerelease and build. On failure returns
// nullopt and, when `error` is given, says what is wrong.
std::optional<Version> parse_version(std::string_view text, std::string* error = nullptr);

class Range {
  public:
    enum class Op { Less, LessEqual, Greater, GreaterEqual, Equal };
    struct Comparator {
        Op op;
        Version version;
    };
    // An empty set matches every version (npm's `*`).
    using ComparatorSet = std::vector<Comparator>;

    // node-semver's Range(text): what it accepts, with its meaning. nullopt on a syntax error,
    // described in `error` when given. `notes`, when given, receives what node-semver accepts
    // but ignores (a prerelease tag on a wildcard version such as `<1.0.x-alpha`), for a
    // warning.
    static std::optional<Range> parse(std::string_view text, std::string* error = nullptr,
                                      std::vector<std::string>* notes = nullptr);

    bool satisfies(const Version& version) const;

    // The desugared form, as node-semver prints it: `>=1.2.3 <2.0.0-0||>=3.0.0`, `*` for any.
    std::string to_string() const;

    // True when the range admits exactly one version (`1.2.3`, `=1.2.3`, `1.2.3 - 1.2.3`).
    bool pins_exact_version() const;

    const std::vector<ComparatorSet>& sets() const { return sets_; }

  private:
    std::vector<ComparatorSet> sets_;
};

// Convenience: true when `range` parses and `version` satisfies it.
bool satisfies(std::string_view version, std::string_view range);

} // namespace perry::resolver
