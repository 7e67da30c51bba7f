#include "dwarf_entries.h"

#include <llvm/DebugInfo/DWARF/DWARFDebugInfoEntry.h>
#include <llvm/Support/Error.h>

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

std::uint64_t UnitEntries::after(const Entry& entry, int depth) const {
    if (!entry.abbreviation->hasChildren())
        return entry.end;
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
