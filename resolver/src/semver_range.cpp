// npm ranges: the grammar (split into comparator sets, hyphen ranges, operators with partial
// versions) and its desugaring into primitive comparators, following node-semver 7.
#include "perry/resolver/semver.h"
#include "semver_lexer.h"

#include <algorithm>

namespace perry::resolver {
namespace {

using semver_detail::Partial;
using Op = Range::Op;

Version make(std::uint64_t major, std::uint64_t minor, std::uint64_t patch, bool zero_pre = false) {
    Version v;
    v.major = major;
    v.minor = minor;
    v.patch = patch;
    if (zero_pre) {
        Version::PrereleaseId zero;
        zero.numeric = true;
        zero.text = "0";
        v.prerelease.push_back(zero);
    }
    return v;
}

// `<0.0.0-0`: the set nothing satisfies (what `>*` and `<*` mean).
Range::Comparator null_set() {
    return {Op::Less, make(0, 0, 0, true)};
}

// The exclusive upper bound of the partial's own granularity: `1` -> <2.0.0-0, `1.2` -> <1.3.0-0.
Range::Comparator upper_of(const Version& v, int concrete) {
    return concrete == 1 ? Range::Comparator{Op::Less, make(v.major + 1, 0, 0, true)}
                         : Range::Comparator{Op::Less, make(v.major, v.minor + 1, 0, true)};
}

void desugar_plain(const Partial& p, Range::ComparatorSet& out) {
    const Version& v = p.version;
    if (p.concrete == 0)
        return; // `*`: any
    if (p.concrete == 3) {
        out.push_back({Op::Equal, v});
        return;
    }
    out.push_back({Op::GreaterEqual, make(v.major, v.minor, 0)});
    out.push_back(upper_of(v, p.concrete));
}

void desugar_tilde(const Partial& p, Range::ComparatorSet& out) {
    const Version& v = p.version;
    if (p.concrete < 3)
        return desugar_plain(p, out);
    out.push_back({Op::GreaterEqual, v});
    out.push_back({Op::Less, make(v.major, v.minor + 1, 0, true)});
}

void desugar_caret(const Partial& p, Range::ComparatorSet& out) {
    const Version& v = p.version;
    if (p.concrete == 0)
        return;
    out.push_back({Op::GreaterEqual, p.concrete == 3 ? v : make(v.major, v.minor, 0)});
    if (p.concrete == 1 || v.major > 0) {
        out.push_back({Op::Less, make(v.major + 1, 0, 0, true)});
    } else if (p.concrete == 2 || v.minor > 0) {
        out.push_back({Op::Less, make(0, v.minor + 1, 0, true)});
    } else {
        out.push_back({Op::Less, make(0, 0, v.patch + 1, true)});
    }
}

void desugar_compare(Op op, const Partial& p, Range::ComparatorSet& out) {
    const Version& v = p.version;
    if (p.concrete == 3) {
        out.push_back({op, v});
        return;
    }
    switch (op) {
    case Op::Greater:
        if (p.concrete == 0)
            out.push_back(null_set());
        else if (p.concrete == 1)
            out.push_back({Op::GreaterEqual, make(v.major + 1, 0, 0)});
        else
            out.push_back({Op::GreaterEqual, make(v.major, v.minor + 1, 0)});
        return;
    case Op::GreaterEqual:
        if (p.concrete > 0)
            out.push_back({Op::GreaterEqual, make(v.major, v.minor, 0)});
        return;
    case Op::Less:
        if (p.concrete == 0)
            out.push_back(null_set());
        else
            out.push_back({Op::Less, make(v.major, v.minor, 0, true)});
        return;
    case Op::LessEqual:
        if (p.concrete > 0)
            out.push_back(upper_of(v, p.concrete));
        return;
    case Op::Equal:
        return desugar_plain(p, out);
    }
}

void desugar_hyphen(const Partial& from, const Partial& to, Range::ComparatorSet& out) {
    if (from.concrete > 0) {
        out.push_back({Op::GreaterEqual, from.concrete == 3
                                             ? from.version
                                             : make(from.version.major, from.version.minor, 0)});
    }
    if (to.concrete == 3)
        out.push_back({Op::LessEqual, to.version});
    else if (to.concrete > 0)
        out.push_back(upper_of(to.version, to.concrete));
}

bool parse_partial_word(std::string_view word, Partial& out, std::string& problem) {
    semver_detail::Lexer lexer{word};
    lexer.accept('v');
    if (!semver_detail::parse_partial(lexer, out, problem, /*allow_wildcards=*/true))
        return false;
    if (!lexer.at_end()) {
        problem = "has unexpected text `" + std::string(lexer.rest()) + "`";
        return false;
    }
    return true;
}

// Splits a comparator set into words, gluing a lone operator to the version after it
// (`>= 1.2.3` is `>=1.2.3`, as npm allows).
std::vector<std::string_view> split_words(std::string_view set) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < set.size()) {
        while (i < set.size() && semver_detail::is_space(set[i]))
            ++i;
        if (i >= set.size())
            break;
        std::size_t start = i;
        while (i < set.size() &&
               (set[i] == '<' || set[i] == '>' || set[i] == '=' || set[i] == '~' || set[i] == '^'))
            ++i;
        if (i > start && i < set.size() && set[i] != '-') {
            while (i < set.size() && semver_detail::is_space(set[i]))
                ++i;
        }
        while (i < set.size() && !semver_detail::is_space(set[i]))
            ++i;
        words.push_back(set.substr(start, i - start));
    }
    return words;
}

bool parse_comparator(std::string_view word, Range::ComparatorSet& out, std::string& problem) {
    std::size_t n = 0;
    while (n < word.size() &&
           (word[n] == '<' || word[n] == '>' || word[n] == '=' || word[n] == '~' || word[n] == '^'))
        ++n;
    std::string_view op = word.substr(0, n);
    std::string_view rest = semver_detail::trim(word.substr(n));
    Partial p;
    std::string why;
    if (rest.empty()) {
        problem = "`" + std::string(word) + "` has an operator but no version";
        return false;
    }
    if (!parse_partial_word(rest, p, why)) {
        problem = "`" + std::string(rest) + "` " + why;
        return false;
    }
    if (op.empty() || op == "=")
        desugar_plain(p, out);
    else if (op == "~" || op == "~>")
        desugar_tilde(p, out);
    else if (op == "^")
        desugar_caret(p, out);
    else if (op == "<")
        desugar_compare(Op::Less, p, out);
    else if (op == "<=")
        desugar_compare(Op::LessEqual, p, out);
    else if (op == ">")
        desugar_compare(Op::Greater, p, out);
    else if (op == ">=")
        desugar_compare(Op::GreaterEqual, p, out);
    else {
        problem = "`" + std::string(op) + "` is not an operator (use <, <=, >, >=, =, ~ or ^)";
        return false;
    }
    return true;
}

bool parse_set(std::string_view text, Range::ComparatorSet& out, std::string& problem) {
    std::vector<std::string_view> words = split_words(text);
    if (words.size() == 3 && words[1] == "-") {
        Partial from, to;
        std::string why;
        if (!parse_partial_word(words[0], from, why)) {
            problem = "`" + std::string(words[0]) + "` " + why;
            return false;
        }
        if (!parse_partial_word(words[2], to, why)) {
            problem = "`" + std::string(words[2]) + "` " + why;
            return false;
        }
        desugar_hyphen(from, to, out);
    } else {
        for (std::string_view word : words) {
            if (word == "-") {
                problem = "a hyphen range needs one version on each side (`1.2.3 - 2.3.4`)";
                return false;
            }
            if (!parse_comparator(word, out, problem))
                return false;
        }
    }
    // `>=0.0.0` holds for every release; node-semver drops it, and so does the printed form.
    const Version zero = make(0, 0, 0);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Range::Comparator& c) {
                                 return c.op == Op::GreaterEqual && c.version == zero;
                             }),
              out.end());
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

std::optional<Range> Range::parse(std::string_view text, std::string* error) {
    std::string problem;
    Range range;
    if (text.size() > 1024) {
        problem = "is longer than 1024 characters";
    } else {
        std::size_t start = 0;
        while (problem.empty()) {
            std::size_t bar = text.find("||", start);
            std::string_view part = text.substr(
                start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
            ComparatorSet set;
            if (parse_set(part, set, problem))
                range.sets_.push_back(std::move(set));
            if (bar == std::string_view::npos)
                break;
            start = bar + 2;
        }
    }
    if (!problem.empty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    // A set without comparators admits everything, so it alone is the range (node-semver too).
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
