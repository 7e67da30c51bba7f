#include "prebuild/manifest_edit.h"

#include <cstdio>
#include <vector>

namespace perry::linker::detail {
namespace {

struct Span {
    std::size_t begin = 0, end = 0; // [begin, end) in the text
};

struct Member {
    std::string name; // with simple escapes undone; enough for the ASCII names looked for
    Span name_span;   // the quoted name
    Span value;
};

// Walks JSON text the manifest reader has accepted: it only needs to find where values begin
// and end, so it trusts the syntax and never fails on valid JSON.
class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    void skip_space(std::size_t& i) const {
        while (i < text_.size() &&
               (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r'))
            ++i;
    }

    // The span of the value starting at `i` (after white space).
    Span value(std::size_t i) const {
        skip_space(i);
        Span span{i, i};
        if (i >= text_.size())
            return span;
        const char c = text_[i];
        if (c == '"') {
            span.end = string_end(i);
        } else if (c == '{' || c == '[') {
            int depth = 0;
            std::size_t j = i;
            while (j < text_.size()) {
                const char d = text_[j];
                if (d == '"') {
                    j = string_end(j);
                    continue;
                }
                depth += (d == '{' || d == '[') ? 1 : (d == '}' || d == ']') ? -1 : 0;
                ++j;
                if (depth == 0)
                    break;
            }
            span.end = j;
        } else {
            std::size_t j = i;
            while (j < text_.size() && text_[j] != ',' && text_[j] != '}' && text_[j] != ']' &&
                   text_[j] != ' ' && text_[j] != '\n' && text_[j] != '\r' && text_[j] != '\t')
                ++j;
            span.end = j;
        }
        return span;
    }

    // The members of the object spanning `object`, in document order.
    std::vector<Member> members(Span object) const {
        std::vector<Member> out;
        std::size_t i = object.begin + 1;
        for (;;) {
            skip_space(i);
            if (i >= object.end || text_[i] != '"')
                return out;
            Member member;
            member.name_span = {i, string_end(i)};
            member.name = unquote(member.name_span);
            i = member.name_span.end;
            skip_space(i);
            ++i; // the colon
            member.value = value(i);
            i = member.value.end;
            out.push_back(std::move(member));
            skip_space(i);
            if (i < object.end && text_[i] == ',')
                ++i;
        }
    }

    // The last member named `name` (JSON's last one wins), or nullptr.
    static const Member* find(const std::vector<Member>& members, std::string_view name) {
        const Member* found = nullptr;
        for (const Member& member : members) {
            if (member.name == name)
                found = &member;
        }
        return found;
    }

    bool is_object(Span span) const { return span.end > span.begin && text_[span.begin] == '{'; }

    // The white space that starts the line holding byte `i`.
    std::string line_indent(std::size_t i) const {
        std::size_t start = text_.rfind('\n', i);
        start = start == std::string_view::npos ? 0 : start + 1;
        std::size_t end = start;
        while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t'))
            ++end;
        return std::string(text_.substr(start, end - start));
    }

    bool has_newline(std::size_t from, std::size_t to) const {
        return text_.substr(from, to - from).find('\n') != std::string_view::npos;
    }

  private:
    std::size_t string_end(std::size_t i) const {
        for (std::size_t j = i + 1; j < text_.size(); ++j) {
            if (text_[j] == '\\')
                ++j;
            else if (text_[j] == '"')
                return j + 1;
        }
        return text_.size();
    }

    std::string unquote(Span span) const {
        std::string out;
        for (std::size_t j = span.begin + 1; j + 1 < span.end; ++j) {
            if (text_[j] == '\\' && j + 2 < span.end)
                ++j;
            out += text_[j];
        }
        return out;
    }

    std::string_view text_;
};

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// The object at `path` below the document's root, or nullopt.
std::optional<Span> object_at(const Scanner& scanner, std::string_view text,
                              const std::vector<std::string_view>& path) {
    Span span = scanner.value(0);
    for (std::string_view name : path) {
        if (!scanner.is_object(span))
            return std::nullopt;
        const std::vector<Member> members = scanner.members(span);
        const Member* member = Scanner::find(members, name);
        if (member == nullptr)
            return std::nullopt;
        span = member->value;
    }
    (void)text;
    return scanner.is_object(span) ? std::optional<Span>(span) : std::nullopt;
}

// How a member added to `object` is laid out: on lines of their own, indented like the
// object's members, or inline after `, ` when the object is written on one line.
struct Layout {
    bool multiline = true;
    std::string indent;  // of the members
    std::string newline; // "\n" or "\r\n", as the file writes it
};

Layout layout_of(const Scanner& scanner, std::string_view text, Span object,
                 const std::vector<Member>& members) {
    Layout layout;
    layout.newline = text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
    if (members.empty()) {
        layout.indent = scanner.line_indent(object.begin) + "  ";
        return layout;
    }
    layout.multiline = scanner.has_newline(object.begin, members.front().name_span.begin);
    layout.indent = scanner.line_indent(members.front().name_span.begin);
    return layout;
}

// Sets member `name` of `object` to the JSON text `value`: in place when present, else added.
// `nested` makes the value of a new member: given the new member's layout.
template <typename MakeValue>
std::string set_member(std::string_view text, Span object, std::string_view name,
                       MakeValue make_value) {
    const Scanner scanner(text);
    const std::vector<Member> members = scanner.members(object);
    const Layout layout = layout_of(scanner, text, object, members);
    std::string out(text);
    if (const Member* member = Scanner::find(members, name)) {
        out.replace(member->value.begin, member->value.end - member->value.begin,
                    make_value(layout));
        return out;
    }
    const std::string entry = quoted(name) + ": " + make_value(layout);
    if (members.empty()) {
        const std::string closing = scanner.line_indent(object.begin);
        out.replace(object.begin, object.end - object.begin,
                    "{" + layout.newline + layout.indent + entry + layout.newline + closing + "}");
        return out;
    }
    const std::size_t after = members.back().value.end;
    out.insert(after,
               layout.multiline ? "," + layout.newline + layout.indent + entry : ", " + entry);
    return out;
}

} // namespace

std::optional<std::string> set_prebuilt_paths(std::string_view text, resolver::TargetKey key,
                                              std::string_view arch, std::string_view path,
                                              bool set_default, std::string& error) {
    const std::vector<std::string_view> entry_path = {"perry", "nativeLibrary", "targets",
                                                      resolver::target_key_name(key)};
    std::string current(text);
    auto entry = [&]() { return object_at(Scanner(current), current, entry_path); };
    if (!entry()) {
        error = "package.json has no object at perry.nativeLibrary.targets." +
                std::string(resolver::target_key_name(key));
        return std::nullopt;
    }
    const std::string value = quoted(path);
    if (set_default)
        current = set_member(current, *entry(), "prebuilt", [&](const Layout&) { return value; });
    std::vector<std::string_view> per_arch_path = entry_path;
    per_arch_path.push_back("prebuiltPerArch");
    if (const std::optional<Span> per_arch = object_at(Scanner(current), current, per_arch_path)) {
        return set_member(current, *per_arch, arch, [&](const Layout&) { return value; });
    }
    return set_member(current, *entry(), "prebuiltPerArch", [&](const Layout& layout) {
        const std::string member = quoted(arch) + ": " + value;
        if (!layout.multiline)
            return "{ " + member + " }";
        return "{" + layout.newline + layout.indent + "  " + member + layout.newline +
               layout.indent + "}";
    });
}

} // namespace perry::linker::detail
