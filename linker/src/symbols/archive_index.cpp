#include "archive_index.h"

#include <algorithm>

namespace perry::linker::detail {
namespace {

// Reads an integer of `width` bytes (4 or 8) from `data`.
std::uint64_t read_integer(const char* data, int width, bool big_endian) {
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i) {
        const int byte = big_endian ? i : width - 1 - i;
        value = (value << 8) | static_cast<unsigned char>(data[byte]);
    }
    return value;
}

// GNU and GNU64 (every Linux archive): a big-endian count, that many member offsets, then that
// many NUL-terminated names.
bool gnu_entries(std::string_view table, int width, std::vector<IndexEntry>& entries) {
    const auto w = static_cast<std::size_t>(width);
    if (table.size() < w) return false;
    const std::uint64_t count = read_integer(table.data(), width, true);
    if (count > (table.size() - w) / w) return false;
    const char* offsets = table.data() + w;
    std::string_view strings = table.substr(w + count * w);
    entries.reserve(entries.size() + count);
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::size_t end = strings.find('\0');
        if (end == std::string_view::npos) return false;
        entries.push_back({read_integer(offsets + i * w, width, true), strings.substr(0, end)});
        strings.remove_prefix(end + 1);
    }
    return true;
}

// BSD and Darwin (`__.SYMDEF`, `__.SYMDEF_64`): the byte size of an array of {name offset,
// member offset} pairs, the array, the byte size of the string table, the strings; all
// little-endian.
bool bsd_entries(std::string_view table, int width, std::vector<IndexEntry>& entries) {
    const auto w = static_cast<std::size_t>(width);
    if (table.size() < w) return false;
    const std::uint64_t ranlib_bytes = read_integer(table.data(), width, false);
    if (ranlib_bytes % (2 * w) != 0 || ranlib_bytes > table.size() - w) return false;
    const char* ranlibs = table.data() + w;
    const std::size_t after = w + ranlib_bytes;
    if (table.size() - after < w) return false;
    const std::uint64_t string_bytes = read_integer(table.data() + after, width, false);
    if (string_bytes > table.size() - after - w) return false;
    const std::string_view strings = table.substr(after + w, string_bytes);
    entries.reserve(entries.size() + ranlib_bytes / (2 * w));
    for (std::uint64_t i = 0; i < ranlib_bytes / (2 * w); ++i) {
        const std::uint64_t name_at = read_integer(ranlibs + i * 2 * w, width, false);
        const std::uint64_t member_at = read_integer(ranlibs + i * 2 * w + w, width, false);
        if (name_at >= strings.size()) return false;
        const std::string_view rest = strings.substr(name_at);
        const std::size_t end = rest.find('\0');
        if (end == std::string_view::npos) return false;
        entries.push_back({member_at, rest.substr(0, end)});
    }
    return true;
}

} // namespace

bool parse_index(std::string_view table, IndexFormat format, std::vector<IndexEntry>& entries) {
    switch (format) {
    case IndexFormat::kGnu: return gnu_entries(table, 4, entries);
    case IndexFormat::kGnu64: return gnu_entries(table, 8, entries);
    case IndexFormat::kBsd: return bsd_entries(table, 4, entries);
    case IndexFormat::kBsd64: return bsd_entries(table, 8, entries);
    }
    return false;
}

std::vector<IndexedMember> group_by_member(std::vector<IndexEntry>& entries) {
    const auto by_offset = [](const IndexEntry& a, const IndexEntry& b) {
        return a.member_offset < b.member_offset;
    };
    if (!std::is_sorted(entries.begin(), entries.end(), by_offset)) {
        std::stable_sort(entries.begin(), entries.end(), by_offset);
    }
    std::vector<IndexedMember> members;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (members.empty() || members.back().offset != entries[i].member_offset) {
            members.push_back({entries[i].member_offset, i, 0});
        }
        ++members.back().count;
    }
    return members;
}

} // namespace perry::linker::detail
