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

} // namespace

bool ArchiveIndex::parse(std::string_view table, IndexFormat format) {
    members_.clear();
    regrouped_.reset();
    name_count_ = 0;
    switch (format) {
    case IndexFormat::Gnu:
        return parse_gnu(table, 4);
    case IndexFormat::Gnu64:
        return parse_gnu(table, 8);
    case IndexFormat::Bsd:
        return parse_bsd(table, 4);
    case IndexFormat::Bsd64:
        return parse_bsd(table, 8);
    }
    return false;
}

// GNU and GNU64 (every Linux archive): a big-endian count, that many member offsets, then that
// many NUL-terminated names.
bool ArchiveIndex::parse_gnu(std::string_view table, int width) {
    const auto w = static_cast<std::size_t>(width);
    if (table.size() < w)
        return false;
    const std::uint64_t count = read_integer(table.data(), width, true);
    if (count > (table.size() - w) / w || count > UINT32_MAX)
        return false;
    const char* offsets = table.data() + w;
    const std::string_view strings = table.substr(w + count * w);
    // At most one member per name; room never written costs nothing, growing by copies would.
    members_.reserve(count);
    std::size_t at = 0;
    bool grouped = true; // every member's names together, members by ascending offset
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::size_t end = strings.find('\0', at);
        if (end == std::string_view::npos)
            return false;
        const std::uint64_t offset = read_integer(offsets + i * w, width, true);
        if (members_.empty() || members_.back().offset != offset) {
            grouped = grouped && (members_.empty() || members_.back().offset < offset);
            members_.push_back({offset, 0, strings.substr(at)});
        }
        IndexedMember& member = members_.back();
        ++member.count;
        member.names = std::string_view(
            member.names.data(),
            static_cast<std::size_t>(strings.data() + end + 1 - member.names.data()));
        at = end + 1;
    }
    name_count_ = count;
    if (grouped)
        return true;
    // Rare (an index written by hand or by an unusual tool): regroup by member.
    std::vector<Entry> entries;
    entries.reserve(count);
    for (const IndexedMember& member : members_) {
        member.for_each_name([&](std::string_view name) {
            entries.push_back({member.offset, name});
        });
    }
    regroup(std::move(entries));
    return true;
}

// BSD and Darwin (`__.SYMDEF`, `__.SYMDEF_64`): the byte size of an array of {name offset,
// member offset} pairs, the array, the byte size of the string table, the strings; all
// little-endian.
bool ArchiveIndex::parse_bsd(std::string_view table, int width) {
    const auto w = static_cast<std::size_t>(width);
    if (table.size() < w)
        return false;
    const std::uint64_t ranlib_bytes = read_integer(table.data(), width, false);
    if (ranlib_bytes % (2 * w) != 0 || ranlib_bytes > table.size() - w)
        return false;
    const char* ranlibs = table.data() + w;
    const std::size_t after = w + ranlib_bytes;
    if (table.size() - after < w)
        return false;
    const std::uint64_t string_bytes = read_integer(table.data() + after, width, false);
    if (string_bytes > table.size() - after - w)
        return false;
    const std::string_view strings = table.substr(after + w, string_bytes);
    std::vector<Entry> entries;
    entries.reserve(ranlib_bytes / (2 * w));
    for (std::uint64_t i = 0; i < ranlib_bytes / (2 * w); ++i) {
        const std::uint64_t name_at = read_integer(ranlibs + i * 2 * w, width, false);
        const std::uint64_t member_at = read_integer(ranlibs + i * 2 * w + w, width, false);
        if (name_at >= strings.size())
            return false;
        const std::string_view rest = strings.substr(name_at);
        const std::size_t end = rest.find('\0');
        if (end == std::string_view::npos)
            return false;
        entries.push_back({member_at, rest.substr(0, end)});
    }
    name_count_ = entries.size();
    regroup(std::move(entries));
    return true;
}

// Sorts the entries by member, keeping each member's names in index order, and copies the names
// member after member into `regrouped_`, which the groups then view.
void ArchiveIndex::regroup(std::vector<Entry> entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.member_offset < b.member_offset;
    });
    auto names = std::make_shared<std::string>();
    std::size_t bytes = 0;
    for (const Entry& entry : entries)
        bytes += entry.name.size() + 1;
    names->reserve(bytes);
    members_.clear();
    std::vector<std::size_t> starts;
    for (const Entry& entry : entries) {
        if (members_.empty() || members_.back().offset != entry.member_offset) {
            members_.push_back({entry.member_offset, 0, {}});
            starts.push_back(names->size());
        }
        ++members_.back().count;
        names->append(entry.name);
        names->push_back('\0');
    }
    for (std::size_t m = 0; m < members_.size(); ++m) {
        const std::size_t end = m + 1 < starts.size() ? starts[m + 1] : names->size();
        members_[m].names = std::string_view(*names).substr(starts[m], end - starts[m]);
    }
    regrouped_ = std::move(names);
}

} // namespace perry::linker::detail
