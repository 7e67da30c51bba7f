#include "elf_precheck.h"

#include <cstdint>
#include <cstring>

namespace perry::linker::detail {
namespace {

constexpr bool kHostBigEndian = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;

// One load and, for the other byte order, one swap: a Rust object has thousands of sections,
// and this check reads five fields of each.
template <class Int> std::uint64_t load(const char* at, bool swap) {
    Int value;
    std::memcpy(&value, at, sizeof value);
    if (!swap)
        return value;
    if constexpr (sizeof(Int) == 2)
        return __builtin_bswap16(value);
    if constexpr (sizeof(Int) == 4)
        return __builtin_bswap32(value);
    return __builtin_bswap64(value);
}

// Reads `width` (2, 4 or 8) bytes at `at` with the file's byte order; false when out of range.
bool read_field(std::string_view bytes, std::uint64_t at, int width, bool big_endian,
                std::uint64_t& value) {
    if (at > bytes.size() || bytes.size() - at < static_cast<std::uint64_t>(width))
        return false;
    const char* data = bytes.data() + at;
    const bool swap = big_endian != kHostBigEndian;
    switch (width) {
    case 2:
        value = load<std::uint16_t>(data, swap);
        return true;
    case 4:
        value = load<std::uint32_t>(data, swap);
        return true;
    default:
        value = load<std::uint64_t>(data, swap);
        return true;
    }
}

bool inside(std::string_view bytes, std::uint64_t offset, std::uint64_t size) {
    return offset <= bytes.size() && size <= bytes.size() - offset;
}

constexpr std::uint32_t kShtSymtab = 2, kShtStrtab = 3, kShtNobits = 8, kShtDynsym = 11;
constexpr std::uint32_t kShtRela = 4, kShtHash = 5, kShtDynamic = 6, kShtRel = 9, kShtGroup = 17,
                        kShtSymtabShndx = 18;

// Section types whose sh_link must name another section (gABI, "sh_link and sh_info
// Interpretation").
bool links_to_a_section(std::uint64_t type) {
    switch (type) {
    case kShtSymtab:
    case kShtRela:
    case kShtHash:
    case kShtDynamic:
    case kShtRel:
    case kShtDynsym:
    case kShtGroup:
    case kShtSymtabShndx:
        return true;
    default:
        return false;
    }
}

std::string hex(std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string text;
    do {
        text.insert(text.begin(), digits[value & 15]);
        value >>= 4;
    } while (value != 0);
    return "0x" + text;
}

} // namespace

bool elf_is_well_formed(std::string_view bytes) {
    if (bytes.size() < 52 || bytes.substr(0, 4) != "\x7f"
                                                   "ELF")
        return false;
    const unsigned char elf_class = static_cast<unsigned char>(bytes[4]);
    const unsigned char data = static_cast<unsigned char>(bytes[5]);
    if ((elf_class != 1 && elf_class != 2) || (data != 1 && data != 2))
        return false;
    const bool is64 = elf_class == 2;
    const bool be = data == 2;
    const int word = is64 ? 8 : 4;
    if (is64 && bytes.size() < 64)
        return false;

    std::uint64_t shoff = 0, shentsize = 0, shnum = 0, shstrndx = 0;
    if (!read_field(bytes, is64 ? 0x28 : 0x20, word, be, shoff) ||
        !read_field(bytes, is64 ? 0x3A : 0x2E, 2, be, shentsize) ||
        !read_field(bytes, is64 ? 0x3C : 0x30, 2, be, shnum) ||
        !read_field(bytes, is64 ? 0x3E : 0x32, 2, be, shstrndx)) {
        return false;
    }
    if (shoff == 0)
        return shnum == 0; // no sections: nothing for LLVM to follow
    const std::uint64_t header_size = is64 ? 64 : 40;
    // Extended numbering (e_shnum 0, e_shstrndx SHN_XINDEX) is rare: let the child read it.
    if (shentsize != header_size || shnum == 0 || shstrndx >= shnum)
        return false;
    if (shoff % word != 0 || !inside(bytes, shoff, shnum * header_size))
        return false;

    const std::uint64_t symbol_size = is64 ? 24 : 16;
    for (std::uint64_t i = 0; i < shnum; ++i) {
        const std::uint64_t at = shoff + i * header_size;
        std::uint64_t type = 0, offset = 0, size = 0, link = 0, entsize = 0;
        if (!read_field(bytes, at + 4, 4, be, type) ||
            !read_field(bytes, at + (is64 ? 0x18 : 0x10), word, be, offset) ||
            !read_field(bytes, at + (is64 ? 0x20 : 0x14), word, be, size) ||
            !read_field(bytes, at + (is64 ? 0x28 : 0x18), 4, be, link) ||
            !read_field(bytes, at + (is64 ? 0x38 : 0x24), word, be, entsize)) {
            return false;
        }
        if (type != kShtNobits && !inside(bytes, offset, size))
            return false;
        if (type == kShtSymtab || type == kShtDynsym) {
            if (entsize != symbol_size || size % symbol_size != 0 || offset % word != 0 ||
                link == 0 || link >= shnum) {
                return false;
            }
            std::uint64_t link_type = 0, link_offset = 0, link_size = 0;
            const std::uint64_t link_at = shoff + link * header_size;
            if (!read_field(bytes, link_at + 4, 4, be, link_type) ||
                !read_field(bytes, link_at + (is64 ? 0x18 : 0x10), word, be, link_offset) ||
                !read_field(bytes, link_at + (is64 ? 0x20 : 0x14), word, be, link_size)) {
                return false;
            }
            if (link_type != kShtStrtab || link_size == 0 ||
                !inside(bytes, link_offset, link_size)) {
                return false;
            }
        }
    }
    return true;
}

std::string elf_section_table_error(std::string_view bytes) {
    if (bytes.size() < 52 || bytes.substr(0, 4) != "\x7f"
                                                   "ELF")
        return {};
    const unsigned char elf_class = static_cast<unsigned char>(bytes[4]);
    const unsigned char data = static_cast<unsigned char>(bytes[5]);
    if ((elf_class != 1 && elf_class != 2) || (data != 1 && data != 2))
        return {};
    const bool is64 = elf_class == 2;
    const bool be = data == 2;
    const int word = is64 ? 8 : 4;
    const std::uint64_t header_size = is64 ? 64 : 40;
    std::uint64_t shoff = 0, shentsize = 0, shnum = 0, shstrndx = 0;
    if (!read_field(bytes, is64 ? 0x28 : 0x20, word, be, shoff) ||
        !read_field(bytes, is64 ? 0x3A : 0x2E, 2, be, shentsize) ||
        !read_field(bytes, is64 ? 0x3C : 0x30, 2, be, shnum) ||
        !read_field(bytes, is64 ? 0x3E : 0x32, 2, be, shstrndx)) {
        return {}; // a truncated header: LLVM says so
    }
    if (shoff == 0) {
        if (shnum == 0)
            return {};
        return "corrupt ELF section headers: e_shnum is " + std::to_string(shnum) +
               " but e_shoff is 0 (there is no section header table)";
    }
    // A wrong entry size, or a table past the end of the file: LLVM reports these itself.
    if (shentsize != header_size || !inside(bytes, shoff, header_size))
        return {};

    // Entry 0 is the null section; with extended numbering its sh_size holds the count, its
    // sh_link the string table index.
    const std::uint64_t first = shoff;
    std::uint64_t type0 = 0, flags0 = 0, offset0 = 0, size0 = 0, link0 = 0;
    read_field(bytes, first + 4, 4, be, type0);
    read_field(bytes, first + 8, word, be, flags0);
    read_field(bytes, first + (is64 ? 0x18 : 0x10), word, be, offset0);
    read_field(bytes, first + (is64 ? 0x20 : 0x14), word, be, size0);
    read_field(bytes, first + (is64 ? 0x28 : 0x18), 4, be, link0);
    if (type0 != 0 || flags0 != 0 || offset0 != 0) {
        return "corrupt ELF section headers: entry 0 of the table at e_shoff " + hex(shoff) +
               " is not the null section (type " + hex(type0) + ", flags " + hex(flags0) +
               ", offset " + hex(offset0) + "): the table is misplaced or overwritten";
    }
    const std::uint64_t count = shnum != 0 ? shnum : size0;
    if (count == 0) {
        return "corrupt ELF section headers: e_shoff is " + hex(shoff) +
               " but the table has no entries (e_shnum is 0)";
    }
    if (count > bytes.size() / header_size || !inside(bytes, shoff, count * header_size)) {
        return {}; // LLVM reports a table past the end of the file
    }
    const std::uint64_t names = shstrndx == 0xffff ? link0 : shstrndx;
    if (names >= count) {
        return "corrupt ELF section headers: the section name table index (e_shstrndx) is " +
               std::to_string(names) + ", beyond the " + std::to_string(count) + " sections";
    }
    for (std::uint64_t i = 1; i < count; ++i) {
        const std::uint64_t at = shoff + i * header_size;
        std::uint64_t type = 0, offset = 0, size = 0, link = 0;
        read_field(bytes, at + 4, 4, be, type);
        read_field(bytes, at + (is64 ? 0x18 : 0x10), word, be, offset);
        read_field(bytes, at + (is64 ? 0x20 : 0x14), word, be, size);
        read_field(bytes, at + (is64 ? 0x28 : 0x18), 4, be, link);
        // REL and RELA sections of static executables link to section 0 (no .dynsym).
        if (links_to_a_section(type) && link >= count) {
            return "corrupt ELF section headers: section " + std::to_string(i) + " (type " +
                   hex(type) + ") links to section " + std::to_string(link) + ", beyond the " +
                   std::to_string(count) + " sections";
        }
        if (type != kShtNobits && type != 0 && size != 0 && !inside(bytes, offset, size)) {
            return "corrupt ELF section headers: section " + std::to_string(i) + " (offset " +
                   hex(offset) + ", size " + hex(size) + ") runs past the end of the file (" +
                   std::to_string(bytes.size()) + " bytes); the file may be truncated";
        }
    }
    return {};
}

} // namespace perry::linker::detail
