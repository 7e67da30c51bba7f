// Semver versions: parsing (strict, as node-semver) and precedence.
#include "perry/resolver/semver.h"
#include "semver_lexer.h"

namespace perry::resolver {

bool Version::PrereleaseId::operator==(const PrereleaseId& other) const {
    return numeric == other.numeric && (numeric ? number == other.number : text == other.text);
}

std::string Version::to_string() const {
    std::string out =
        std::to_string(major) + '.' + std::to_string(minor) + '.' + std::to_string(patch);
    for (std::size_t i = 0; i < prerelease.size(); ++i) {
        out += i == 0 ? '-' : '.';
        out += prerelease[i].text;
    }
    return out;
}

namespace {

int compare_numbers(std::uint64_t a, std::uint64_t b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

int compare_ids(const Version::PrereleaseId& a, const Version::PrereleaseId& b) {
    if (a.numeric && b.numeric) {
        return compare_numbers(a.number, b.number);
    }
    if (a.numeric != b.numeric) {
        return a.numeric ? -1 : 1; // numeric identifiers have lower precedence
    }
    int c = a.text.compare(b.text);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

} // namespace

int compare(const Version& a, const Version& b) {
    if (int c = compare_numbers(a.major, b.major))
        return c;
    if (int c = compare_numbers(a.minor, b.minor))
        return c;
    if (int c = compare_numbers(a.patch, b.patch))
        return c;
    // A release sorts after all of its prereleases.
    if (a.prerelease.empty() || b.prerelease.empty()) {
        return a.prerelease.empty() == b.prerelease.empty() ? 0 : a.prerelease.empty() ? 1 : -1;
    }
    const std::size_t n = std::min(a.prerelease.size(), b.prerelease.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (int c = compare_ids(a.prerelease[i], b.prerelease[i]))
            return c;
    }
    return compare_numbers(a.prerelease.size(), b.prerelease.size());
}

std::optional<Version> parse_version(std::string_view text, std::string* error) {
    semver_detail::Lexer lexer{semver_detail::trim(text)};
    std::string problem;
    if (lexer.input.size() > semver_detail::kMaxLength) {
        problem = "is longer than 256 characters";
    } else {
        lexer.accept('v');
        semver_detail::Partial partial;
        if (semver_detail::parse_partial(lexer, partial, problem, /*allow_wildcards=*/false)) {
            if (!lexer.at_end()) {
                problem = "has unexpected text `" + std::string(lexer.rest()) + "`";
            } else if (partial.parts < 3) {
                problem = "needs three numbers, major.minor.patch";
            } else {
                return partial.version;
            }
        }
    }
    if (error) {
        *error = "`" + std::string(text) + "` " + problem;
    }
    return std::nullopt;
}

bool satisfies(std::string_view version, std::string_view range) {
    auto v = parse_version(version);
    auto r = Range::parse(range);
    return v && r && r->satisfies(*v);
}

} // namespace perry::resolver
