#include "ignore_rules.h"

#include <cctype>

namespace perry::linker::pack {
namespace {

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// Why `pattern` is refused, or empty when every part of it is supported.
std::string unsupported_syntax(std::string_view pattern) {
    if (pattern.find('\\') != std::string_view::npos)
        return "backslash escapes are not supported";
    for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern[i + 1] == '(' &&
            std::string_view("+@!?*").find(pattern[i]) != std::string_view::npos)
            return std::string("extended globs (`") + pattern[i] + "(...)`) are not supported";
    }
    if (pattern.find("[[:") != std::string_view::npos)
        return "POSIX character classes (`[[:alpha:]]`) are not supported";
    int depth = 0;
    std::size_t open = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '[' && pattern.find(']', i + 2) == std::string_view::npos)
            return "an unclosed `[` is not supported";
        if (pattern[i] == '{') {
            if (++depth > 1)
                return "nested braces are not supported";
            open = i;
        } else if (pattern[i] == '}' && depth > 0) {
            --depth;
            if (pattern.substr(open, i - open).find("..") != std::string_view::npos)
                return "brace ranges (`{1..3}`) are not supported";
        }
    }
    if (depth != 0)
        return "an unclosed `{` is not supported";
    return {};
}

// `a{b,c}d{e,f}` -> abde, abdf, acde, acdf. A group without a comma stays as written, as in
// minimatch.
void expand_braces(const std::string& pattern, std::vector<std::string>& out) {
    std::size_t open = pattern.find('{');
    while (open != std::string::npos) {
        const std::size_t close = pattern.find('}', open);
        const std::string body = pattern.substr(open + 1, close - open - 1);
        if (body.find(',') == std::string::npos) {
            open = pattern.find('{', close);
            continue;
        }
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = body.find(',', start);
            const std::string choice = body.substr(start, comma - start);
            expand_braces(pattern.substr(0, open) + choice + pattern.substr(close + 1), out);
            if (comma == std::string::npos)
                return;
            start = comma + 1;
        }
    }
    out.push_back(pattern);
}

std::vector<std::string> split_segments(const std::string& pattern) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= pattern.size()) {
        const std::size_t slash = pattern.find('/', start);
        const std::size_t end = slash == std::string::npos ? pattern.size() : slash;
        if (end > start)
            segments.push_back(pattern.substr(start, end - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return segments;
}

// A `[...]` class at `pattern[at]`; `end` is set past its `]`.
bool class_matches(std::string_view pattern, std::size_t at, char c, std::size_t& end) {
    std::size_t i = at + 1;
    const bool inverted = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (inverted)
        ++i;
    bool found = false;
    const char wanted = lower(c);
    for (bool first = true; i < pattern.size() && (first || pattern[i] != ']'); first = false) {
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            const char low = lower(pattern[i]), high = lower(pattern[i + 2]);
            found = found || (wanted >= low && wanted <= high) ||
                    (c >= pattern[i] && c <= pattern[i + 2]);
            i += 3;
        } else {
            found = found || lower(pattern[i]) == wanted;
            ++i;
        }
    }
    end = i + 1;
    return found != inverted;
}

bool segments_match(const std::vector<std::string>& pattern, std::size_t pi,
                    const std::vector<std::string>& path, std::size_t fi, bool partial) {
    if (pi == pattern.size())
        return fi == path.size();
    if (fi == path.size()) {
        if (partial)
            return true;
        for (; pi < pattern.size(); ++pi) {
            if (pattern[pi] != "**")
                return false;
        }
        return true;
    }
    if (pattern[pi] == "**") {
        return segments_match(pattern, pi + 1, path, fi, partial) ||
               segments_match(pattern, pi, path, fi + 1, partial);
    }
    return segment_matches(pattern[pi], path[fi]) &&
           segments_match(pattern, pi + 1, path, fi + 1, partial);
}

} // namespace

bool segment_matches(std::string_view pattern, std::string_view name) {
    std::size_t p = 0, n = 0;
    std::size_t star = std::string_view::npos, star_name = 0;
    while (n < name.size()) {
        std::size_t class_end = 0;
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_name = n;
        } else if (p < pattern.size() && pattern[p] == '?') {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '[' &&
                   pattern.find(']', p + 2) != std::string_view::npos &&
                   class_matches(pattern, p, name[n], class_end)) {
            p = class_end;
            ++n;
        } else if (p < pattern.size() && pattern[p] != '[' && lower(pattern[p]) == lower(name[n])) {
            ++p;
            ++n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++star_name;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

ParsedRule parse_rule(std::string_view line) {
    ParsedRule parsed;
    std::string_view text = trim(line);
    if (text.empty() || text.front() == '#')
        return parsed;
    IgnoreRule rule;
    rule.text = std::string(text);
    while (!text.empty() && text.front() == '!') {
        rule.negate = !rule.negate;
        text.remove_prefix(1);
    }
    parsed.error = unsupported_syntax(text);
    if (!parsed.error.empty())
        return parsed;
    const bool anchored = !text.empty() && text.front() == '/';
    rule.dir_only = text.size() > 1 && text.back() == '/';
    std::string pattern(text);
    while (!pattern.empty() && pattern.front() == '/')
        pattern.erase(0, 1);
    while (!pattern.empty() && pattern.back() == '/')
        pattern.pop_back();
    rule.match_base = !anchored && pattern.find('/') == std::string::npos;
    std::vector<std::string> expanded;
    expand_braces(pattern, expanded);
    for (const std::string& alternative : expanded)
        rule.alternatives.push_back(split_segments(alternative));
    parsed.rule = std::move(rule);
    return parsed;
}

bool rule_matches(const IgnoreRule& rule, const std::vector<std::string>& path, bool is_dir) {
    if (path.empty() || (rule.dir_only && !is_dir))
        return false;
    for (const std::vector<std::string>& segments : rule.alternatives) {
        if (segments.empty())
            continue;
        if (rule.match_base && segments.size() == 1) {
            if (segments[0] == "**" || segment_matches(segments[0], path.back()))
                return true;
            continue;
        }
        if (segments_match(segments, 0, path, 0, is_dir && rule.negate))
            return true;
    }
    return false;
}

} // namespace perry::linker::pack
