#include "dwarf_entries.h"

#include <llvm/DebugInfo/DWARF/DWARFDebugInfoEntry.h>
#include <llvm/Support/Endian.h>
#include <llvm/Support/Error.h>

#include <cstring>

namespace perry::linker::detail {
namespace {

namespace dw = llvm::dwarf;

// Nesting in real code is a few dozen levels at most; the cap keeps a corrupt file from
// recursing without end.
constexpr int kMaxDepth = 64;

} // namespace

UnitEntries::UnitEntries(llvm::DWARFUnit& unit) : unit_(unit), data_(unit.getDebugInfoExtractor()) {
    // Reads the unit's own entry, which sets the bases its string and address forms need.
    unit_.getUnitDIE(true);
}

bool UnitEntries::read(std::uint64_t offset, Entry& entry) const {
    const std::uint64_t first = unit_.getOffset() + unit_.getHeaderSize();
    if (offset < first || offset >= unit_.getNextUnitOffset())
        return false;
    llvm::DWARFDebugInfoEntry raw;
    std::uint64_t next = offset;
    if (!raw.extractFast(unit_, &next, data_, unit_.getNextUnitOffset(), UINT32_MAX) ||
        next <= offset) {
        return false;
    }
    entry.offset = offset;
    entry.end = next;
    entry.abbreviation = raw.getAbbreviationDeclarationPtr();
    return true;
}

Entry UnitEntries::root() const {
    return at(unit_.getOffset() + unit_.getHeaderSize());
}

Entry UnitEntries::at(std::uint64_t offset) const {
    Entry entry;
    if (!read(offset, entry))
        return Entry();
    return entry;
}

llvm::Optional<llvm::DWARFFormValue> UnitEntries::value(const Entry& entry,
                                                        dw::Attribute attribute) const {
    if (!entry)
        return llvm::None;
    return entry.abbreviation->getAttributeValue(entry.offset, attribute, unit_);
}

Entry UnitEntries::referenced(const Entry& entry, dw::Attribute attribute) const {
    const llvm::Optional<llvm::DWARFFormValue> found = value(entry, attribute);
    if (!found)
        return Entry();
    const llvm::Optional<std::uint64_t> offset = found->getAsReference();
    return offset ? at(*offset) : Entry();
}

const char* UnitEntries::name(const Entry& entry) const {
    const llvm::Optional<llvm::DWARFFormValue> found = value(entry, dw::DW_AT_name);
    if (!found)
        return nullptr;
    llvm::Expected<const char*> text = found->getAsCString();
    if (!text) {
        llvm::consumeError(text.takeError());
        return nullptr;
    }
    return *text;
}

std::uint64_t UnitEntries::number(const Entry& entry, dw::Attribute attribute) const {
    return dw::toUnsigned(value(entry, attribute), 0);
}

int UnitEntries::sibling_position(const llvm::DWARFAbbreviationDeclaration* abbreviation) const {
    const auto known = sibling_positions_.find(abbreviation);
    if (known != sibling_positions_.end())
        return known->second;
    int position = -1;
    std::int64_t offset = 0;
    for (const llvm::DWARFAbbreviationDeclaration::AttributeSpec& spec :
         abbreviation->attributes()) {
        if (spec.Attr == dw::DW_AT_sibling) {
            if (spec.Form == dw::DW_FORM_ref4)
                position = static_cast<int>(offset);
            break;
        }
        const llvm::Optional<std::int64_t> size = spec.getByteSize(unit_);
        if (!size || offset + *size > (1 << 20))
            break;
        offset += *size;
    }
    sibling_positions_.emplace(abbreviation, position);
    return position;
}

llvm::Optional<std::uint64_t> UnitEntries::sibling(const Entry& entry) const {
    const int position = sibling_position(entry.abbreviation);
    if (position < 0)
        return llvm::None;
    const llvm::StringRef bytes = data_.getData();
    std::uint64_t at = entry.offset;
    while (at < entry.end && (static_cast<unsigned char>(bytes[at]) & 0x80) != 0)
        ++at;
    at += 1 + static_cast<std::uint64_t>(position); // past the code's last byte, then to the value
    if (at + 4 > entry.end)
        return llvm::None;
    std::uint32_t raw = 0;
    std::memcpy(&raw, bytes.data() + at, sizeof raw);
    const std::uint32_t value = data_.isLittleEndian()
                                    ? llvm::support::endian::byte_swap(raw, llvm::support::little)
                                    : llvm::support::endian::byte_swap(raw, llvm::support::big);
    // A zero field is where an assembler would have put a relocation: LLVM's reading (which
    // asks for one) decides.
    if (value == 0)
        return llvm::None;
    return unit_.getOffset() + value;
}

std::uint64_t UnitEntries::after(const Entry& entry, int depth) const {
    if (!entry.abbreviation->hasChildren())
        return entry.end;
    // GCC writes DW_AT_sibling as a 4-byte unit-relative reference after fixed-size attributes:
    // read at its place (known per abbreviation), it costs a few loads instead of LLVM's
    // attribute lookup, which decodes the attributes before it each time. The compile unit's
    // top level, several hundred entries with children, is skipped this way.
    if (const llvm::Optional<std::uint64_t> offset = sibling(entry)) {
        if (*offset > entry.offset)
            return *offset;
    }
    if (const llvm::Optional<llvm::DWARFFormValue> sibling = value(entry, dw::DW_AT_sibling)) {
        const llvm::Optional<std::uint64_t> offset = sibling->getAsReference();
        if (offset && *offset > entry.offset)
            return *offset;
    }
    // No sibling pointer (clang writes none): walk the children to the null entry.
    if (depth >= kMaxDepth)
        return unit_.getNextUnitOffset();
    std::uint64_t offset = entry.end;
    while (true) {
        Entry child;
        if (!read(offset, child))
            return unit_.getNextUnitOffset();
        if (!child)
            return child.end;
        const std::uint64_t next = after(child, depth + 1);
        if (next <= offset)
            return unit_.getNextUnitOffset();
        offset = next;
    }
}

} // namespace perry::linker::detail
