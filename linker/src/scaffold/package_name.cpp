// npm's naming rules for a new package, and the symbol stem derived from a name.
//
// The rules and their wording are validate-npm-package-name 7's (the checker npm itself runs):
// an author who reads one of these messages can search for it and find npm's own explanation.
// Its "warnings" (core module names, capitals, length, special characters) make a name invalid
// for a new package, so here they are errors like the rest.
#include "perry/linker/scaffold.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace perry::linker {
namespace {

// Node's `require("module").builtinModules` as validate-npm-package-name 7.0.2 ships it
// (lib/builtin-modules.json). Compared with the lowercased name.
// clang-format off
constexpr std::string_view kCoreModules[] = {
    "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing",
    "_http_server", "_stream_duplex", "_stream_passthrough", "_stream_readable",
    "_stream_transform", "_stream_wrap", "_stream_writable", "_tls_common", "_tls_wrap", "assert",
    "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
    "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs",
    "fs/promises", "http", "http2", "https", "inspector", "inspector/promises", "module", "net",
    "os", "path", "path/posix", "path/win32", "perf_hooks", "process", "punycode", "querystring",
    "readline", "readline/promises", "repl", "stream", "stream/consumers", "stream/promises",
    "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls", "trace_events",
    "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib", "node:sea",
    "node:sqlite", "node:test", "node:test/reporters",
};
// clang-format on

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// encodeURIComponent leaves exactly these characters unchanged.
bool uri_component_safe(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return std::isalnum(u) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos;
    });
}

bool is_js_whitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

std::vector<std::string> npm_name_problems(std::string_view name) {
    // validate-npm-package-name reports its errors, then its warnings; so do we.
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    if (name.empty())
        errors.emplace_back("name length must be greater than zero");
    if (!name.empty() && name.front() == '.')
        errors.emplace_back("name cannot start with a period");
    if (!name.empty() && name.front() == '-')
        errors.emplace_back("name cannot start with a hyphen");
    if (!name.empty() && name.front() == '_') {
        errors.emplace_back("name cannot start with an underscore");
    }
    if (!name.empty() && (is_js_whitespace(name.front()) || is_js_whitespace(name.back()))) {
        errors.emplace_back("name cannot contain leading or trailing spaces");
    }
    const std::string lower = lowercase(name);
    for (std::string_view excluded : {"node_modules", "favicon.ico"}) {
        if (lower == excluded)
            errors.push_back(std::string(excluded) + " is not a valid package name");
    }
    if (std::find(std::begin(kCoreModules), std::end(kCoreModules), lower) !=
        std::end(kCoreModules)) {
        warnings.push_back(std::string(name) + " is a core module name");
    }
    if (name.size() > 214) {
        warnings.emplace_back("name can no longer contain more than 214 characters");
    }
    if (lower != name)
        warnings.emplace_back("name can no longer contain capital letters");
    const std::size_t last_slash = name.rfind('/');
    const std::string_view last_part =
        last_slash == std::string_view::npos ? name : name.substr(last_slash + 1);
    if (last_part.find_first_of("~'!()*") != std::string_view::npos) {
        warnings.emplace_back("name can no longer contain special characters (\"~'!()*\")");
    }
    if (!uri_component_safe(name)) {
        // The one allowed exception is a scope: `@scope/name`, each part URL-friendly.
        bool scoped_ok = false;
        if (name.size() > 1 && name.front() == '@') {
            const std::size_t slash = name.find('/');
            if (slash != std::string_view::npos && slash > 1 && slash + 1 < name.size() &&
                name.find('/', slash + 1) == std::string_view::npos) {
                const std::string_view scope = name.substr(1, slash - 1);
                const std::string_view package = name.substr(slash + 1);
                if (package.front() == '.')
                    errors.emplace_back("name cannot start with a period");
                scoped_ok = uri_component_safe(scope) && uri_component_safe(package);
            }
        }
        if (!scoped_ok)
            errors.emplace_back("name can only contain URL-friendly characters");
    }
    errors.insert(errors.end(), warnings.begin(), warnings.end());
    return errors;
}

std::string unscoped_name(std::string_view npm_name) {
    if (!npm_name.empty() && npm_name.front() == '@') {
        const std::size_t slash = npm_name.find('/');
        if (slash != std::string_view::npos)
            return std::string(npm_name.substr(slash + 1));
    }
    return std::string(npm_name);
}

std::string symbol_stem(std::string_view npm_name) {
    std::string stem;
    for (char c : unscoped_name(npm_name)) {
        const auto u = static_cast<unsigned char>(c);
        if (std::islower(u) || std::isdigit(u)) {
            stem += c;
        } else if (!stem.empty() && stem.back() != '_') {
            stem += '_';
        }
    }
    while (!stem.empty() && stem.back() == '_')
        stem.pop_back();
    return stem;
}

} // namespace perry::linker
