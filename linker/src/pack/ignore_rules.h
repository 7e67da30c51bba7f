// The rules of npm's file selection, as npm-packlist and ignore-walk read them: one rule per line
// of `.npmignore`/`.gitignore` (or made up from `files`), matched like minimatch with
// { matchBase, dot, nocase, flipNegate }. Internal to pack; docs/cli/pack.md lists the glob syntax
// supported and what is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::pack {

struct IgnoreRule {
    std::string text;    // the line as written (trimmed)
    bool negate = false; // `!pattern`: the rule includes what it matches
    // One slash-free pattern (`*.orig`, `build/`): matches a name at any depth below the rule's
    // directory, as minimatch's matchBase does. Otherwise the pattern is anchored there.
    bool match_base = false;
    bool dir_only = false; // `build/`: matches directories only
    // The pattern's path segments, one list per alternative of its braces (`a{,.md}`); `**` is a
    // segment of its own.
    std::vector<std::vector<std::string>> alternatives;
};

struct ParsedRule {
    std::optional<IgnoreRule> rule; // nullopt: blank, a comment, or refused (then `error` is set)
    std::string error;              // the syntax that is not supported, with why
};

// Reads one line. Refused (never silently dropped): backslash escapes, extglobs (`+(a|b)`,
// `@(...)`, `!(...)`, `?(...)`, `*(...)`), nested braces, brace ranges, POSIX classes.
ParsedRule parse_rule(std::string_view line);

// Does `rule` match `path` (segments relative to the rule's directory)? `is_dir` says whether
// the path is a directory; for a directory a negated rule also matches when it could match
// something inside it (minimatch's partial match, which makes npm walk into the directory).
bool rule_matches(const IgnoreRule& rule, const std::vector<std::string>& path, bool is_dir);

// One glob segment against one name: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`/`[^x]`, ASCII case
// ignored, dot files matched like any other name.
bool segment_matches(std::string_view pattern, std::string_view name);

} // namespace perry::linker::pack
