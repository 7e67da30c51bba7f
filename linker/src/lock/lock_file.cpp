// perry.lock as TOML: read through the resolver's guard in front of toml++ (toml_guard.h), written
// with toml++'s formatter so that every string is quoted as TOML requires.
#include "perry/linker/lock.h"

#include "../build/resolver_toml_guard.h"
#include "../build/sha256.h"

#include "../../../resolver/src/fs_util.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>
#include <tuple>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

constexpr int kLockVersion = 1;
constexpr const char* kFix = "correct perry.lock there, or delete it and run `perry native lock`";

Diagnostic lock_error(const fs::path& file, int line, int column, std::string message) {
    Diagnostic d = resolver::make_diagnostic(Diagnostic::Severity::Error, file.string(), "",
                                             std::move(message), kFix);
    d.line = line;
    d.column = column;
    return d;
}

Diagnostic error_at(const fs::path& file, const toml::node& node, std::string message) {
    const toml::source_region& where = node.source();
    return lock_error(file, static_cast<int>(where.begin.line),
                      static_cast<int>(where.begin.column), std::move(message));
}

bool is_sha256(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

struct Field {
    const char* key;
    std::string LockEntry::*member;
    bool required;
};
const Field kFields[] = {
    {"package", &LockEntry::package, true}, {"version", &LockEntry::version, false},
    {"dir", &LockEntry::dir, false},        {"target", &LockEntry::target, true},
    {"arch", &LockEntry::arch, true},       {"source", &LockEntry::source, true},
    {"archive", &LockEntry::archive, true}, {"build-key", &LockEntry::build_key, false},
    {"sha256", &LockEntry::sha256, true},
};

// One [[archive]] table; false with `error` set when it is not in the documented form.
bool read_entry(const fs::path& file, const toml::table& table, LockEntry& entry,
                Diagnostic& error) {
    for (const auto& [key, value] : table) {
        // A lambda may not capture a structured binding in C++17 (clang refuses it).
        const std::string_view name = key.str();
        const auto known = std::find_if(std::begin(kFields), std::end(kFields),
                                        [name](const Field& f) { return name == f.key; });
        if (known == std::end(kFields)) {
            error = error_at(file, value,
                             "unknown key `" + resolver::printable(key.str()) + "` in [[archive]]");
            return false;
        }
        const std::optional<std::string> text = value.value<std::string>();
        if (!text || !value.is_string()) {
            error = error_at(file, value, "`" + std::string(known->key) + "` must be a string");
            return false;
        }
        entry.*(known->member) = *text;
    }
    for (const Field& field : kFields) {
        if (field.required && (entry.*(field.member)).empty()) {
            error = error_at(file, table,
                             "[[archive]] lacks `" + std::string(field.key) + "` (a string)");
            return false;
        }
    }
    if (entry.source != "prebuilt" && entry.source != "build") {
        error = error_at(file, *table.get("source"), "`source` must be \"prebuilt\" or \"build\"");
        return false;
    }
    if (!is_sha256(entry.sha256)) {
        error = error_at(file, *table.get("sha256"), "`sha256` must be 64 lowercase hex digits");
        return false;
    }
    return true;
}

std::optional<LockFile> read_table(const fs::path& file, const toml::table& root,
                                   Diagnostic& error) {
    LockFile lock;
    const toml::node* version = root.get("version");
    if (!version || version->value<std::int64_t>() != kLockVersion || !version->is_integer()) {
        error = version ? error_at(file, *version, "`version` must be 1 (the form perry reads)")
                        : lock_error(file, 1, 1, "`version = 1` is missing");
        return std::nullopt;
    }
    for (const auto& [key, value] : root) {
        if (key.str() != "version" && key.str() != "archive") {
            error = error_at(file, value, "unknown key `" + resolver::printable(key.str()) + "`");
            return std::nullopt;
        }
    }
    const toml::node* archives = root.get("archive");
    if (!archives)
        return lock;
    const toml::array* list = archives->as_array();
    if (!list) {
        error = error_at(file, *archives, "`archive` must be an array of tables ([[archive]])");
        return std::nullopt;
    }
    for (const toml::node& node : *list) {
        const toml::table* table = node.as_table();
        if (!table) {
            error = error_at(file, node, "`archive` must be an array of tables ([[archive]])");
            return std::nullopt;
        }
        LockEntry entry;
        if (!read_entry(file, *table, entry, error))
            return std::nullopt;
        for (const LockEntry& other : lock.entries) {
            if (same_slot(other, entry)) {
                error = error_at(file, *table,
                                 "a second [[archive]] for " + entry.package + " " + entry.target +
                                     "/" + entry.arch);
                return std::nullopt;
            }
        }
        lock.entries.push_back(std::move(entry));
    }
    sort_entries(lock);
    return lock;
}

} // namespace

bool same_slot(const LockEntry& a, const LockEntry& b) {
    return a.package == b.package && a.target == b.target && a.arch == b.arch;
}

void sort_entries(LockFile& lock) {
    std::sort(lock.entries.begin(), lock.entries.end(), [](const LockEntry& a, const LockEntry& b) {
        return std::tie(a.package, a.target, a.arch) < std::tie(b.package, b.target, b.arch);
    });
}

std::optional<LockFile> read_lock_file(const fs::path& file, Diagnostic& error, bool& missing) {
    missing = false;
    std::string text;
    if (!resolver::detail::read_file(file.string(), text)) {
        const int why = errno;
        if (why == ENOENT) {
            missing = true;
            return std::nullopt;
        }
        error = resolver::make_diagnostic(
            Diagnostic::Severity::Error, file.string(), "",
            "cannot read perry.lock: " + resolver::detail::describe_read_error(why),
            "make it a readable file, or delete it and run `perry native lock`");
        return std::nullopt;
    }
    if (const auto hazard = resolver::detail::find_toml_hazard(text)) {
        error = lock_error(file, hazard->line, hazard->column, hazard->message);
        return std::nullopt;
    }
    toml::table root;
    try {
        // toml++ 3.3 has undefined behaviour on some non-ASCII input: the resolver's guard.
        if (const auto masked = resolver::detail::mask_toml_hazards(text))
            (void)toml::parse(*masked, file.string());
        root = toml::parse(text, file.string());
    } catch (const toml::parse_error& failure) {
        error = lock_error(file, static_cast<int>(failure.source().begin.line),
                           static_cast<int>(failure.source().begin.column),
                           resolver::printable(failure.description()));
        return std::nullopt;
    }
    return read_table(file, root, error);
}

std::string render_lock_file(const LockFile& lock) {
    toml::array archives;
    for (const LockEntry& entry : lock.entries) {
        toml::table table;
        for (const Field& field : kFields) {
            if (field.required || !(entry.*(field.member)).empty())
                table.insert(field.key, entry.*(field.member));
        }
        archives.push_back(std::move(table));
    }
    toml::table root;
    root.insert("version", kLockVersion);
    if (!archives.empty())
        root.insert("archive", std::move(archives));
    std::ostringstream out;
    out << "# Written by `perry native lock`: the archive each native package linked, and its\n"
           "# SHA-256. `perry native link --frozen` refuses an archive that differs.\n";
    // Strings as basic ("...") strings and no indentation: the same entries give the same bytes
    // whatever toml++'s defaults become.
    out << toml::toml_formatter(root, toml::format_flags::none) << "\n";
    return out.str();
}

bool write_lock_file(const fs::path& file, const LockFile& lock, std::string& error) {
    const fs::path temporary = file.string() + ".perry-tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << render_lock_file(lock);
        out.close();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            error = "cannot write " + temporary.string();
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) {
        fs::remove(temporary, ec);
        error = "cannot write " + file.string() + ": " + ec.message();
        return false;
    }
    return true;
}

std::optional<std::string> file_sha256(const fs::path& file, std::string& error) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = "cannot read " + file.string();
        return std::nullopt;
    }
    detail::Sha256 hash;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        hash.update(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
    if (in.bad()) {
        error = "cannot read " + file.string();
        return std::nullopt;
    }
    return hash.hex_digest();
}

} // namespace perry::linker
