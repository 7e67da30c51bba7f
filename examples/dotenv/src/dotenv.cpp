// @perry-examples/dotenv: load `.env` files into the process environment, or parse their text.
// The manifest is seed 003's reference example (config, config_path, parse); the grammar lives in
// dotenv_parser.cpp and knows nothing of the runtime.
#include "dotenv_parser.h"

#include <perry/ffi.hpp>
// The prototypes of package.json's functions (generated at build time).
#include "perry_signatures.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

namespace {

// Node's spelling of the common errno values, so `err.code` reads as fs.readFileSync's would.
const char* errno_code(int error) {
    switch (error) {
    case ENOENT:
        return "ENOENT";
    case EACCES:
        return "EACCES";
    case EISDIR:
        return "EISDIR";
    case ENOTDIR:
        return "ENOTDIR";
    case EMFILE:
        return "EMFILE";
    default:
        return "EIO";
    }
}

[[noreturn]] void throw_file_error(int error, const std::string& path) {
    const char* code = errno_code(error);
    std::string reason = std::strerror(error);
    if (!reason.empty())
        reason[0] = static_cast<char>(std::tolower(reason[0])); // node's wording
    throw perry::Error(std::string(code) + ": " + reason + ", open '" + path + "'", code);
}

std::string read_file(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file)
        throw_file_error(errno, path);
    std::string text;
    char chunk[65536];
    std::size_t got = 0;
    while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0)
        text.append(chunk, got);
    // fopen succeeds on a directory; the read then fails with EISDIR.
    if (std::ferror(file.get()))
        throw_file_error(errno != 0 ? errno : EIO, path);
    return text;
}

// `where` prefixes the message ("app.env: line 3: ...") when the text came from a file.
std::vector<dotenv::Entry> parse_or_throw(const std::string& text, const std::string& where) {
    try {
        return dotenv::parse(text);
    } catch (const dotenv::ParseError& error) {
        throw perry::Error((where.empty() ? "" : where + ": ") + error.what(), "ERR_DOTENV_SYNTAX");
    }
}

std::string string_argument(const PerryStringHeader* header) {
    if (header == nullptr)
        throw perry::TypeError("expected a string", "ERR_INVALID_ARG_TYPE");
    return std::string(perry_string_header_bytes(header), header->byte_len);
}

// Sets each variable the environment does not have yet (an existing one wins, as dotenv's
// default), and returns how many were set. Keys repeated in the file count once.
double apply(const std::vector<dotenv::Entry>& entries) {
    double set = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const dotenv::Entry& entry = entries[i];
        bool last = true; // the last assignment of a key is the one that counts
        for (std::size_t j = i + 1; j < entries.size() && last; ++j)
            last = entries[j].key != entry.key;
        if (!last || std::getenv(entry.key.c_str()) != nullptr)
            continue;
        if (::setenv(entry.key.c_str(), entry.value.c_str(), 0) != 0) {
            throw perry::Error("cannot set " + entry.key + ": " + std::strerror(errno),
                               errno_code(errno));
        }
        ++set;
    }
    return set;
}

} // namespace

// `config(): number`: loads `.env` from the current directory. A missing `.env` is not an error
// (it sets nothing and returns 0), because production deployments commonly have none.
extern "C" double js_dotenv_config(void) {
    return perry::guard([] {
        std::unique_ptr<FILE, int (*)(FILE*)> probe(std::fopen(".env", "rb"), std::fclose);
        if (!probe && errno == ENOENT)
            return 0.0;
        probe.reset();
        return apply(parse_or_throw(read_file(".env"), ".env"));
    });
}

// `configPath(path: string): number`: loads the named file; a missing file throws ENOENT.
extern "C" double js_dotenv_config_path(const PerryStringHeader* path) {
    return perry::guard([&] {
        const std::string file = string_argument(path);
        return apply(parse_or_throw(read_file(file), file));
    });
}

// `parse(text: string): string`: the JSON text of an object mapping each key to its value (the
// last assignment wins), built as runtime values and written by the runtime's JSON.stringify so
// its escaping and key order are JavaScript's.
extern "C" const PerryStringHeader* js_dotenv_parse(const PerryStringHeader* text) {
    return perry::guard([&]() -> const PerryStringHeader* {
        const std::vector<dotenv::Entry> entries = parse_or_throw(string_argument(text), "");
        PerryValue object = perry::alloc_object();
        for (const dotenv::Entry& entry : entries) {
            PerryValue value = perry::alloc_string(entry.value);
            perry::object_set(object, entry.key, value);
        }
        PerryValue json = perry::json_stringify_value(object);
        return perry_string_header(&json);
    });
}
