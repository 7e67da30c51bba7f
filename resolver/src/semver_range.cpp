// npm ranges: the grammar (split into comparator sets, hyphen ranges, operators with partial
// versions) and its desugaring into primitive comparators, following node-semver 7.
#include "perry/resolver/semver.h"
#include "semver_lexer.h"

#include <algorithm>

namespace perry::resolver {
namespace {

using semver_detail::Partial;
using Op = Range::Op;

bool is_space(char c) {
    return semver_detail::is_space(c);
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_ident_char(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}
bool is_x(std::string_view part) {
    return part.empty() || part == "x" || part == "X" || part == "*";
}

// A decimal number plus one, as text (node-semver computes `+M + 1`; a number too large for
// a version is then refused where the comparator is read).
std::string plus_one(std::string_view digits) {
    std::string out(digits);
    std::size_t i = out.size();
    while (i > 0 && out[i - 1] == '9')
        out[--i] = '0';
    if (i == 0)
        out.insert(out.begin(), '1');
    else
        ++out[i - 1];
    return out;
}

// node-semver's XRANGEPLAIN: `[v=\s]*` then major[.minor[.patch[-prerelease][+build]]], each
// part a number without a leading zero or a wildcard (x, X, *). `text` is the whole match.
struct XRangePlain {
    std::string_view text, major, minor, patch, prerelease;
};

// The dot-separated identifiers after `-` or `+` at `i`; the end, or npos when there is none.
std::size_t identifiers_end(std::string_view s, std::size_t i, bool prerelease) {
    std::size_t end = std::string_view::npos;
    do {
        const std::size_t start = i;
        while (i < s.size() && is_ident_char(s[i]))
            ++i;
        const std::string_view id = s.substr(start, i - start);
        bool numeric = !id.empty();
        for (char c : id)
            numeric = numeric && is_digit(c);
        // A numeric prerelease identifier has no leading zero.
        if (id.empty() || (prerelease && numeric && id.size() > 1 && id[0] == '0'))
            return end;
        end = i;
    } while (i + 1 < s.size() && s[i] == '.' && is_ident_char(s[i + 1]) && ++i);
    return end;
}

// A number without a leading zero or a wildcard at `i`; its end, or npos.
std::size_t part_end(std::string_view s, std::size_t i) {
    if (i >= s.size())
        return std::string_view::npos;
    if (s[i] == 'x' || s[i] == 'X' || s[i] == '*' || s[i] == '0')
        return i + 1;
    if (!is_digit(s[i]))
        return std::string_view::npos;
    while (i < s.size() && is_digit(s[i]))
        ++i;
    return i;
}

// XRANGEPLAIN matching all of `s` (the regular expression anchored at both ends).
std::optional<XRangePlain> match_xrange_plain(std::string_view s) {
    XRangePlain out;
    out.text = s;
    std::size_t i = 0;
    while (i < s.size() && (s[i] == 'v' || s[i] == '=' || is_space(s[i])))
        ++i;
    std::string_view* parts[3] = {&out.major, &out.minor, &out.patch};
    for (int k = 0; k < 3; ++k) {
        if (k > 0) {
            if (i >= s.size() || s[i] != '.')
                break;
            ++i;
        }
        const std::size_t end = part_end(s, i);
        if (end == std::string_view::npos)
            return std::nullopt;
        *parts[k] = s.substr(i, end - i);
        i = end;
    }
    if (!out.patch.empty() && i < s.size() && s[i] == '-') {
        const std::size_t end = identifiers_end(s, i + 1, true);
        if (end == std::string_view::npos)
            return std::nullopt;
        out.prerelease = s.substr(i + 1, end - i - 1);
        i = end;
    }
    if (!out.patch.empty() && i < s.size() && s[i] == '+') {
        const std::size_t end = identifiers_end(s, i + 1, false);
        if (end == std::string_view::npos)
            return std::nullopt;
        i = end;
    }
    if (i != s.size())
        return std::nullopt;
    return out;
}

std::string version_text(std::string_view major, std::string_view minor, std::string_view patch,
                         std::string_view prerelease = {}) {
    std::string out = std::string(major) + '.' + std::string(minor) + '.' + std::string(patch);
    if (!prerelease.empty())
        out += "-" + std::string(prerelease);
    return out;
}

// hyphenReplace: `1.2 - 3.4` -> `>=1.2.0 <3.5.0-0`.
std::string desugar_hyphen(const XRangePlain& from, const XRangePlain& to) {
    std::string low, high;
    if (is_x(from.major))
        low = "";
    else if (is_x(from.minor))
        low = ">=" + version_text(from.major, "0", "0");
    else if (is_x(from.patch))
        low = ">=" + version_text(from.major, from.minor, "0");
    else
        low = ">=" + std::string(from.text);
    if (is_x(to.major))
        high = "";
    else if (is_x(to.minor))
        high = "<" + version_text(plus_one(to.major), "0", "0", "0");
    else if (is_x(to.patch))
        high = "<" + version_text(to.major, plus_one(to.minor), "0", "0");
    else if (!to.prerelease.empty())
        high = "<=" + version_text(to.major, to.minor, to.patch, to.prerelease);
    else
        high = "<=" + std::string(to.text);
    return std::string(semver_detail::trim(low + " " + high));
}

// `~`: replaceTilde. `comp` starts with `~` or `~>`; unchanged when the rest is no XRANGEPLAIN.
std::string desugar_tilde(std::string_view comp) {
    const std::size_t skip = comp.substr(0, 2) == "~>" ? 2 : 1;
    const auto x = match_xrange_plain(comp.substr(skip));
    if (!x)
        return std::string(comp);
    if (is_x(x->major))
        return "";
    if (is_x(x->minor))
        return ">=" + version_text(x->major, "0", "0") + " <" +
               version_text(plus_one(x->major), "0", "0", "0");
    const std::string upper = " <" + version_text(x->major, plus_one(x->minor), "0", "0");
    if (is_x(x->patch))
        return ">=" + version_text(x->major, x->minor, "0") + upper;
    return ">=" + version_text(x->major, x->minor, x->patch, x->prerelease) + upper;
}

// `^`: replaceCaret.
std::string desugar_caret(std::string_view comp) {
    const auto x = match_xrange_plain(comp.substr(1));
    if (!x)
        return std::string(comp);
    if (is_x(x->major))
        return "";
    if (is_x(x->minor))
        return ">=" + version_text(x->major, "0", "0") + " <" +
               version_text(plus_one(x->major), "0", "0", "0");
    if (is_x(x->patch)) {
        const std::string low = ">=" + version_text(x->major, x->minor, "0");
        if (x->major == "0")
            return low + " <" + version_text("0", plus_one(x->minor), "0", "0");
        return low + " <" + version_text(plus_one(x->major), "0", "0", "0");
    }
    const std::string low = ">=" + version_text(x->major, x->minor, x->patch, x->prerelease);
    if (x->major == "0" && x->minor == "0")
        return low + " <" + version_text("0", "0", plus_one(x->patch), "0");
    if (x->major == "0")
        return low + " <" + version_text("0", plus_one(x->minor), "0", "0");
    return low + " <" + version_text(plus_one(x->major), "0", "0", "0");
}

// The `(?:<|>)?=?` at the start of `s`.
std::size_t gtlt_length(std::string_view s) {
    std::size_t n = 0;
    if (n < s.size() && (s[n] == '<' || s[n] == '>'))
        ++n;
    if (n < s.size() && s[n] == '=')
        ++n;
    return n;
}

// replaceXRange: `1.2.x`, `>1.2`, `<=1` and the like. A comparator that is no x-range (or has a
// number after a wildcard, `1.x.3`) comes back unchanged, to be refused if it is no comparator.
std::string desugar_xrange(std::string_view comp, std::vector<std::string>* notes) {
    const std::size_t op_size = gtlt_length(comp);
    std::string gtlt(comp.substr(0, op_size));
    std::string_view rest = comp.substr(op_size);
    if (!rest.empty() && is_space(rest[0]))
        rest.remove_prefix(1);
    const auto x = match_xrange_plain(rest);
    if (!x)
        return std::string(comp);
    const bool xM = is_x(x->major), xm = xM || is_x(x->minor), xp = xm || is_x(x->patch);
    if ((is_x(x->major) && !is_x(x->minor)) ||
        (is_x(x->minor) && !x->patch.empty() && !is_x(x->patch)))
        return std::string(comp); // node-semver's invalidXRangeOrder
    if (!xp)
        return std::string(comp);
    if (!x->prerelease.empty() && notes) {
        notes->push_back("the prerelease tag `-" + std::string(x->prerelease) + "` of `" +
                         std::string(comp) + "` is ignored (it has a wildcard)");
    }
    if (gtlt == "=")
        gtlt.clear();
    if (xM)
        return gtlt == ">" || gtlt == "<" ? "<0.0.0-0" : "*";
    if (!gtlt.empty()) {
        std::string major(x->major), minor = xm ? "0" : std::string(x->minor), pre;
        if (gtlt == ">") {
            gtlt = ">=";
            if (xm)
                major = plus_one(major);
            else
                minor = plus_one(minor);
        } else if (gtlt == "<=") {
            gtlt = "<";
            if (xm)
                major = plus_one(major);
            else
                minor = plus_one(minor);
        }
        if (gtlt == "<")
            pre = "0";
        return gtlt + version_text(major, minor, "0", pre);
    }
    if (xm)
        return ">=" + version_text(x->major, "0", "0") + " <" +
               version_text(plus_one(x->major), "0", "0", "0");
    return ">=" + version_text(x->major, x->minor, "0") + " <" +
           version_text(x->major, plus_one(x->minor), "0", "0");
}

// Text with runs of whitespace as single spaces, trimmed (node-semver reads ranges so).
std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (char c : semver_detail::trim(text)) {
        if (!is_space(c))
            out += c;
        else if (out.empty() || out.back() != ' ')
            out += ' ';
    }
    return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(separator, start);
        out.emplace_back(text.substr(start, at == std::string_view::npos ? at : at - start));
        if (at == std::string_view::npos)
            return out;
        start = at + 1;
    }
}

// Build metadata anywhere in the text (BUILDSTRIPRE): `+` and dot-separated identifiers.
std::string strip_build(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '+' && i + 1 < text.size() && is_ident_char(text[i + 1])) {
            i = identifiers_end(text, i + 1, false);
            continue;
        }
        out += text[i++];
    }
    return out;
}

// Where a version (XRANGEPLAIN or LOOSEPLAIN) starts at `i`: past `[v=\s]*`, a number or a
// wildcard; npos when none does.
std::size_t version_start(std::string_view s, std::size_t i) {
    while (i < s.size() && (s[i] == 'v' || s[i] == '=' || is_space(s[i])))
        ++i;
    if (i < s.size() && (is_digit(s[i]) || s[i] == 'x' || s[i] == 'X' || s[i] == '*'))
        return i;
    return std::string_view::npos;
}

// Copies the version at `i` (up to whitespace or an operator) and returns where it ends.
std::size_t copy_version(std::string_view text, std::size_t i, std::string& out) {
    while (i < text.size() && !is_space(text[i]) && text[i] != '<' && text[i] != '>' &&
           text[i] != '=')
        out += text[i++];
    return i;
}

// COMPARATORTRIM, applied left to right as the regular expression is: `> 1.2.3` -> `>1.2.3`.
// At each place, an operator (`(<|>)?=?`, possibly none) and one optional space are matched
// before a version; the space goes, and the version is passed over.
std::string join_comparators(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        // The expression's leading `(\s?)` lets a match start at the space before an operator, and
        // the space after the operator goes: `1 = 0` -> `1 =0` (and `1  2` -> `1 2`).
        if (is_space(text[i]) && i + 1 < text.size()) {
            const std::size_t op = gtlt_length(text.substr(i + 1));
            const std::size_t after = i + 1 + op;
            const std::size_t version = after < text.size() && is_space(text[after])
                                            ? version_start(text, after + 1)
                                            : std::string_view::npos;
            if (version != std::string_view::npos) {
                out += text[i];
                out.append(text.substr(i + 1, op));
                out.append(text.substr(after + 1, version - after - 1));
                i = copy_version(text, version, out);
                continue;
            }
        }
        const std::size_t op = gtlt_length(text.substr(i));
        std::size_t after = i + op;
        const bool space = after < text.size() && is_space(text[after]);
        std::size_t version = version_start(text, after + (space && op > 0 ? 1 : 0));
        if (version == std::string_view::npos && !(space && op > 0))
            version = version_start(text, after);
        if (version == std::string_view::npos) {
            out += text[i++];
            continue;
        }
        out.append(text.substr(i, op));
        if (!(space && op > 0))
            out.append(text.substr(after, version - after));
        else
            out.append(text.substr(after + 1, version - after - 1));
        i = copy_version(text, version, out);
    }
    return out;
}

// TILDETRIM and CARETTRIM: `~ 1.2` -> `~1.2`, `~> 1.2` -> `~1.2`, `^ 1` -> `^1`.
std::string join_tildes_and_carets(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '~' && i + 2 < text.size() && text[i + 1] == '>' && is_space(text[i + 2])) {
            out += '~';
            i += 2;
        } else if ((text[i] == '~' || text[i] == '^') && i + 1 < text.size() &&
                   is_space(text[i + 1])) {
            out += text[i++];
        } else {
            out += text[i];
        }
    }
    return out;
}

// Reads a desugared comparator (COMPARATOR: an operator and a full version, or nothing).
bool read_comparator(std::string_view token, std::optional<Range::Comparator>& out,
                     std::string& problem) {
    if (token.empty()) {
        out.reset(); // any version
        return true;
    }
    if (token == "-") {
        problem = "a hyphen range needs one version on each side (`1.2.3 - 2.3.4`)";
        return false;
    }
    const std::size_t op_size = gtlt_length(token);
    const std::string_view op = token.substr(0, op_size);
    std::string_view rest = token.substr(op_size);
    std::size_t op_run = 0;
    while (op_run < token.size() &&
           std::string_view("<>=~^").find(token[op_run]) != std::string_view::npos)
        ++op_run;
    if (op_run > op_size) {
        problem = "`" + std::string(token.substr(0, op_run)) +
                  "` is not an operator (use <, <=, >, >=, =, ~ or ^)";
        return false;
    }
    if (rest.empty()) {
        problem = "`" + std::string(token) + "` has an operator but no version";
        return false;
    }
    std::string why;
    const std::optional<Version> version =
        rest.substr(0, 2) == "vv" ? std::nullopt : parse_version(rest, &why);
    if (!version) {
        // The strict reading of a partial version says best what is wrong with it.
        semver_detail::Lexer lexer{rest};
        lexer.accept('v');
        semver_detail::Partial partial;
        std::string partial_problem;
        if (!semver_detail::parse_partial(lexer, partial, partial_problem, true))
            why = "`" + std::string(rest) + "` " + partial_problem;
        else if (!lexer.at_end())
            why = "`" + std::string(rest) + "` has unexpected text `" + std::string(lexer.rest()) +
                  "`";
        else if (why.empty())
            why = "`" + std::string(rest) + "` is not a version";
        problem = why;
        return false;
    }
    Range::Op kind = Op::Equal;
    if (op == "<")
        kind = Op::Less;
    else if (op == "<=")
        kind = Op::LessEqual;
    else if (op == ">")
        kind = Op::Greater;
    else if (op == ">=")
        kind = Op::GreaterEqual;
    out = Range::Comparator{kind, *version};
    return true;
}

bool same(const Range::Comparator& a, const Range::Comparator& b) {
    return a.op == b.op && a.version == b.version && a.version.to_string() == b.version.to_string();
}

bool is_null_set(const Range::Comparator& c) {
    return c.op == Op::Less && c.version.to_string() == "0.0.0-0";
}

// parseRange: one `||`-separated part, desugared into primitive comparators.
bool parse_set(std::string_view part, Range::ComparatorSet& out, bool& any, std::string& problem,
               std::vector<std::string>* notes) {
    std::string text = strip_build(part);
    // A hyphen range is the whole part: `<from> - <to>`.
    const std::string_view whole = semver_detail::trim(text);
    for (std::size_t at = whole.find(" - "); at != std::string_view::npos;
         at = whole.find(" - ", at + 1)) {
        const auto from = match_xrange_plain(whole.substr(0, at));
        const auto to = match_xrange_plain(whole.substr(at + 3));
        if (from && to) {
            text = desugar_hyphen(*from, *to);
            break;
        }
    }
    text = join_tildes_and_carets(join_comparators(text));
    std::vector<std::string> tokens;
    for (const std::string& word : split(text, ' ')) {
        std::string comp = word;
        if (!comp.empty() && comp[0] == '^')
            comp = desugar_caret(comp);
        else if (!comp.empty() && comp[0] == '~')
            comp = desugar_tilde(comp);
        std::string expanded;
        for (const std::string& piece : split(comp, ' ')) {
            std::string x = desugar_xrange(piece, notes);
            // replaceStars: a `*` with its operator goes (it adds nothing to a set).
            const std::size_t star = x.find('*');
            if (star != std::string::npos) {
                std::size_t start = star;
                while (start > 0 && (x[start - 1] == '=' || x[start - 1] == ' '))
                    --start;
                if (start > 0 && (x[start - 1] == '<' || x[start - 1] == '>'))
                    --start;
                x.erase(start, star + 1 - start);
            }
            expanded += (expanded.empty() ? "" : " ") + x;
        }
        for (std::string& token : split(expanded, ' '))
            tokens.push_back(std::move(token));
    }
    any = false;
    std::optional<Range::Comparator> null_set;
    for (const std::string& token : tokens) {
        // replaceGTE0: `>=0.0.0` admits every release.
        if (token == ">=0.0.0" || token.empty()) {
            any = true;
            continue;
        }
        std::optional<Range::Comparator> comparator;
        if (!read_comparator(token, comparator, problem)) {
            // A bound desugaring made, not one written: say so.
            const std::size_t op = gtlt_length(token);
            if (problem.find("larger than 2^53 - 1") != std::string::npos &&
                part.find(token.substr(op)) == std::string_view::npos) {
                problem = "needs the version bound " + token.substr(op) +
                          ", which has a number larger than 2^53 - 1";
            }
            return false;
        }
        // node-semver reads every comparator before it keeps only the first null set, so a bad
        // word after `<0.0.0-0` is still refused.
        if (is_null_set(*comparator)) {
            if (!null_set)
                null_set = comparator;
            continue;
        }
        bool seen = false;
        for (const Range::Comparator& c : out)
            seen = seen || same(c, *comparator);
        if (!seen)
            out.push_back(*comparator);
    }
    if (null_set) {
        out.assign(1, *null_set);
        any = false;
    }
    return true;
}

bool test(const Range::Comparator& c, const Version& v) {
    int cmp = compare(v, c.version);
    switch (c.op) {
    case Op::Less:
        return cmp < 0;
    case Op::LessEqual:
        return cmp <= 0;
    case Op::Greater:
        return cmp > 0;
    case Op::GreaterEqual:
        return cmp >= 0;
    case Op::Equal:
        return cmp == 0;
    }
    return false;
}

const char* op_text(Op op) {
    switch (op) {
    case Op::Less:
        return "<";
    case Op::LessEqual:
        return "<=";
    case Op::Greater:
        return ">";
    case Op::GreaterEqual:
        return ">=";
    case Op::Equal:
        return "";
    }
    return "";
}

} // namespace

std::optional<Range> Range::parse(std::string_view text, std::string* error,
                                  std::vector<std::string>* notes) {
    std::string problem;
    Range range;
    if (text.size() > 1024) {
        problem = "is longer than 1024 characters";
    } else {
        const std::string raw = collapse_spaces(text);
        std::size_t start = 0;
        while (problem.empty()) {
            const std::size_t bar = raw.find("||", start);
            const std::string part(semver_detail::trim(std::string_view(raw).substr(
                start, bar == std::string::npos ? std::string::npos : bar - start)));
            ComparatorSet set;
            bool any = false;
            if (parse_set(part, set, any, problem, notes))
                range.sets_.push_back(std::move(set));
            if (bar == std::string::npos)
                break;
            start = bar + 2;
        }
    }
    if (!problem.empty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    // Null sets go when another set can match; a set without comparators admits everything, so
    // it alone is the range (node-semver does both).
    if (range.sets_.size() > 1) {
        std::vector<ComparatorSet> kept;
        for (const ComparatorSet& set : range.sets_) {
            if (set.size() != 1 || !is_null_set(set[0]))
                kept.push_back(set);
        }
        if (kept.empty())
            kept.push_back(range.sets_.front());
        range.sets_ = std::move(kept);
    }
    for (const ComparatorSet& set : range.sets_) {
        if (set.empty()) {
            range.sets_.assign(1, ComparatorSet{});
            break;
        }
    }
    return range;
}

bool Range::satisfies(const Version& version) const {
    for (const ComparatorSet& set : sets_) {
        bool all = true;
        for (const Comparator& c : set)
            all = all && test(c, version);
        if (!all)
            continue;
        if (!version.is_prerelease())
            return true;
        // npm's rule: a prerelease only satisfies a set that names its exact
        // major.minor.patch with a prerelease of its own (`>=1.2.3-beta.1` admits 1.2.3-beta.2).
        for (const Comparator& c : set) {
            if (c.version.is_prerelease() && c.version.major == version.major &&
                c.version.minor == version.minor && c.version.patch == version.patch) {
                return true;
            }
        }
    }
    return false;
}

std::string Range::to_string() const {
    std::string out;
    for (std::size_t i = 0; i < sets_.size(); ++i) {
        if (i > 0)
            out += "||";
        if (sets_[i].empty())
            out += '*';
        for (std::size_t j = 0; j < sets_[i].size(); ++j) {
            if (j > 0)
                out += ' ';
            out += op_text(sets_[i][j].op);
            out += sets_[i][j].version.to_string();
        }
    }
    return out;
}

bool Range::pins_exact_version() const {
    if (sets_.size() != 1)
        return false;
    const ComparatorSet& set = sets_[0];
    if (set.size() == 1)
        return set[0].op == Op::Equal;
    return set.size() == 2 && set[0].op == Op::GreaterEqual && set[1].op == Op::LessEqual &&
           set[0].version == set[1].version;
}

} // namespace perry::resolver
