// Link items as arguments of each flavor, and a command as one line a user can paste.
#include "perry/linker/link_line.h"

namespace perry::linker {
namespace {

using Kind = LinkItem::Kind;

bool ends_with(const std::string& text, const char* suffix) {
    const std::string tail(suffix);
    return text.size() >= tail.size() &&
           text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// A word a POSIX shell reads back unchanged without quotes.
bool shell_safe(const std::string& word) {
    if (word.empty())
        return false;
    for (char c : word) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') ||
                           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
        if (!plain)
            return false;
    }
    return true;
}

std::string shell_quoted(const std::string& word) {
    if (shell_safe(word))
        return word;
    std::string quoted = "'";
    for (char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// The quoting CommandLineToArgvW (and the MSVC C runtime) undoes: backslashes are literal
// unless they precede a double quote, where they are doubled.
std::string windows_quoted(const std::string& word) {
    if (!word.empty() && word.find_first_of(" \t\"") == std::string::npos)
        return word;
    std::string quoted = "\"";
    std::size_t backslashes = 0;
    for (char c : word) {
        if (c == '\\') {
            ++backslashes;
            continue;
        }
        quoted.append(c == '"' ? backslashes * 2 + 1 : backslashes, '\\');
        backslashes = 0;
        quoted += c;
    }
    quoted.append(backslashes * 2, '\\');
    return quoted + "\"";
}

void render_driver(const LinkItem& item, std::vector<std::string>& args) {
    switch (item.kind) {
    case Kind::Object:
    case Kind::Archive:
    case Kind::Flag:
        args.push_back(item.value);
        break;
    case Kind::LibDir:
        args.push_back("-L" + item.value);
        break;
    case Kind::Lib:
        args.push_back("-l" + item.value);
        break;
    case Kind::FrameworkDir:
        args.push_back("-F");
        args.push_back(item.value);
        break;
    case Kind::Framework:
        args.push_back("-framework");
        args.push_back(item.value);
        break;
    }
}

// link.exe has no frameworks and no driver flags: make_link_line never gives it those items.
void render_msvc(const LinkItem& item, std::vector<std::string>& args) {
    switch (item.kind) {
    case Kind::Object:
    case Kind::Archive:
    case Kind::Flag:
        args.push_back(item.value);
        break;
    case Kind::LibDir:
        args.push_back("/LIBPATH:" + item.value);
        break;
    case Kind::Lib:
        args.push_back(ends_with(item.value, ".lib") ? item.value : item.value + ".lib");
        break;
    case Kind::FrameworkDir:
    case Kind::Framework:
        break;
    }
}

} // namespace

std::vector<std::string> render_items(const std::vector<LinkItem>& items, LinkFlavor flavor) {
    std::vector<std::string> args;
    if (flavor == LinkFlavor::None)
        return args;
    for (const LinkItem& item : items) {
        if (flavor == LinkFlavor::Msvc) {
            render_msvc(item, args);
        } else {
            render_driver(item, args);
        }
    }
    return args;
}

std::string printable_command(const std::vector<std::string>& argv, LinkFlavor flavor) {
    std::string line;
    for (const std::string& arg : argv) {
        if (!line.empty())
            line += ' ';
        line += flavor == LinkFlavor::Msvc ? windows_quoted(arg) : shell_quoted(arg);
    }
    return line;
}

} // namespace perry::linker
