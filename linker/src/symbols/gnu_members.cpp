#include "gnu_members.h"

#include "object_symbols.h"

#include <algorithm>
#include <tuple>

namespace perry::linker::detail {
namespace {

constexpr std::size_t kHeaderSize = 60; // name 16, date 12, uid 6, gid 6, mode 8, size 10, "`\n"

std::string_view trim_right_spaces(std::string_view text) {
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

// StringRef::getAsInteger(10): decimal digits only, at least one, no overflow.
bool decimal(std::string_view text, std::uint64_t& value) {
    if (text.empty())
        return false;
    value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    return true;
}

// The member name as ArchiveMemberHeader::getName gives it in a GNU archive, or false when the
// walk declines the name (see the header).
bool member_name(std::string_view field, std::string_view long_names, std::string& name) {
    if (field[0] == '#')
        return false; // a BSD `#1/<length>` name: LLVM reads it specially
    if (field[0] != '/') {
        // A short name ends at its first '/' (the whole field when there is none).
        name = trim_right_spaces(field.substr(0, field.find('/')));
        return !name.empty();
    }
    // `/<offset>` into the long-name table, ended by the first space.
    const std::string_view raw = field.substr(0, field.find(' '));
    std::uint64_t offset = 0;
    if (!decimal(raw.substr(1), offset) || offset >= long_names.size())
        return false;
    // GNU long names end with "/\n".
    const std::size_t end = long_names.find('\n', offset);
    if (end == std::string_view::npos || end < 1 || long_names[end - 1] != '/' ||
        end - 1 <= offset) {
        return false;
    }
    name = long_names.substr(offset, end - 1 - offset);
    return true;
}

// The walk gives up: what it listed so far goes.
bool decline(std::vector<ArchiveMember>& members, std::size_t before) {
    members.resize(before);
    return false;
}

} // namespace

bool walk_gnu_members(const ArchiveBytes& input, std::uint64_t first, std::string_view long_names,
                      std::vector<ArchiveMember>& members) {
    const std::size_t before = members.size();
    std::uint64_t at = first;
    char buffer[kHeaderSize + std::tuple_size<decltype(ArchiveMember::head)>::value];
    while (at != input.size()) {
        if (at > input.size() || input.size() - at < kHeaderSize)
            return decline(members, before);
        // The header and the start of the data (the object's magic) in one read.
        const std::size_t want =
            static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buffer, input.size() - at));
        if (!input.read(at, buffer, want))
            return decline(members, before);
        const std::string_view header(buffer, kHeaderSize);
        if (header.substr(58, 2) != "`\n")
            return decline(members, before);
        ArchiveMember member;
        if (!decimal(trim_right_spaces(header.substr(48, 10)), member.size) ||
            !member_name(header.substr(0, 16), long_names, member.name)) {
            return decline(members, before);
        }
        member.offset = at;
        member.data_offset = at + kHeaderSize;
        if (member.size > input.size() - member.data_offset)
            return decline(members, before);
        member.readable = true;
        const std::size_t head = static_cast<std::size_t>(
            std::min<std::uint64_t>({member.size, member.head.size(), want - kHeaderSize}));
        std::copy(buffer + kHeaderSize, buffer + kHeaderSize + head, member.head.begin());
        // The next header is at an even offset (a padding byte follows odd-sized members).
        at = member.data_offset + member.size + (member.size & 1);
        members.push_back(std::move(member));
    }
    return true;
}

bool member_format(const ArchiveMember& member, ObjectFormat& format) {
    // identify_magic tells ELF from its first 18 bytes; other formats may need more.
    if (member.readable && member.size >= 18 &&
        std::string_view(member.head.data(), 4) == "\x7f"
                                                   "ELF") {
        const auto head =
            static_cast<std::size_t>(std::min<std::uint64_t>(member.size, member.head.size()));
        return peek_format(std::string_view(member.head.data(), head), format);
    }
    return peek_format(member.bytes, format);
}

} // namespace perry::linker::detail
