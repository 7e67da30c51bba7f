// Debug information entries read one at a time (internal to validate; includes LLVM).
//
// Why not DWARFUnit's DIE tree: LLVM parses every entry of a compile unit into a vector before
// the first DWARFDie can be used, about 18,000 entries for a C++ file of fifty functions that
// includes <string>, of which the signature check needs a few hundred. UnitEntries reads an entry
// where it is asked to (LLVM's DWARFDebugInfoEntry::extractFast, its abbreviations and its form
// values do the decoding) and skips a subtree by its DW_AT_sibling when the compiler wrote one
// (GCC does), so the compile unit's top level is walked without the rest.
#pragma once

#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/DebugInfo/DWARF/DWARFAbbreviationDeclaration.h>
#include <llvm/DebugInfo/DWARF/DWARFDataExtractor.h>
#include <llvm/DebugInfo/DWARF/DWARFFormValue.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

#include <cstdint>
#include <unordered_map>

namespace perry::linker::detail {

// One entry: where it is, its abbreviation, and where its attributes end. Invalid (false) when
// there is none: a reference that leads nowhere, or an entry that cannot be read.
struct Entry {
    std::uint64_t offset = 0;
    std::uint64_t end = 0;
    const llvm::DWARFAbbreviationDeclaration* abbreviation = nullptr;

    explicit operator bool() const { return abbreviation != nullptr; }
    llvm::dwarf::Tag tag() const { return abbreviation->getTag(); }
    bool declares(llvm::dwarf::Attribute attribute) const {
        return abbreviation != nullptr && abbreviation->findAttributeIndex(attribute).hasValue();
    }
};

class UnitEntries {
  public:
    explicit UnitEntries(llvm::DWARFUnit& unit);

    Entry root() const; // the unit's own entry (DW_TAG_compile_unit)
    Entry at(std::uint64_t offset) const;
    llvm::Optional<llvm::DWARFFormValue> value(const Entry& entry,
                                               llvm::dwarf::Attribute attribute) const;
    Entry referenced(const Entry& entry, llvm::dwarf::Attribute attribute) const;
    const char* name(const Entry& entry) const; // DW_AT_name, or nullptr
    std::uint64_t number(const Entry& entry, llvm::dwarf::Attribute attribute) const;
    unsigned address_bits() const { return unit_.getAddressByteSize() * 8u; }

    // Calls `each(child)` for the children of `parent`, in order, while it returns true.
    template <class Each> void children(const Entry& parent, Each each) const {
        if (!parent || !parent.abbreviation->hasChildren())
            return;
        std::uint64_t offset = parent.end;
        for (int count = 0; count < kMaxChildren; ++count) {
            Entry child;
            if (!read(offset, child) || !child)
                return; // the end of the list, or an entry that cannot be read
            if (!each(child))
                return;
            const std::uint64_t next = after(child, 0);
            if (next <= child.offset)
                return;
            offset = next;
        }
    }

  private:
    static constexpr int kMaxChildren = 1 << 20;
    // Reads the entry at `offset`; false when it cannot be read. A null entry (the end of a list
    // of children) reads as true with no abbreviation; `entry.end` is then just past it.
    bool read(std::uint64_t offset, Entry& entry) const;
    // The entry's DW_AT_sibling read from its bytes when the abbreviation puts it, in
    // DW_FORM_ref4, after fixed-size attributes only (as GCC does); None otherwise.
    llvm::Optional<std::uint64_t> sibling(const Entry& entry) const;
    // Where that value starts after the abbreviation code, by abbreviation; -1 when unknown.
    int sibling_position(const llvm::DWARFAbbreviationDeclaration* abbreviation) const;
    // Where the entry's subtree ends (the next sibling's offset).
    std::uint64_t after(const Entry& entry, int depth) const;

    llvm::DWARFUnit& unit_;
    llvm::DWARFDataExtractor data_;
    mutable std::unordered_map<const llvm::DWARFAbbreviationDeclaration*, int> sibling_positions_;
};

} // namespace perry::linker::detail
