// The DWARF sections of one ELF object for LLVM's DWARFContext, with relocations applied only
// where a value is read (internal to validate; includes LLVM, so only dwarf_signatures.cpp
// includes it).
//
// Why: DWARFContext::create applies every relocation of every debug section up front, into a
// map. A C++ object built with -g has tens of thousands of them (25,000 in .debug_info alone for
// fifty functions that include <string>), and that took 90% of validate's time. The signature
// check reads a few hundred values, so each is relocated when read: LLVM asks find() for the
// relocation at an offset, which a binary search of the relocation section answers. LLVM's own
// RelocationResolver computes the value, as it does for DWARFContext::create.
#pragma once

#include <llvm/DebugInfo/DWARF/DWARFObject.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Object/RelocationResolver.h>

#include <map>
#include <memory>
#include <vector>

namespace perry::linker::detail {

class LazyRelocatedDwarf : public llvm::DWARFObject {
  public:
    // nullptr when the object needs more than this class offers (compressed debug sections):
    // the caller then lets DWARFContext::create read it.
    static std::unique_ptr<LazyRelocatedDwarf> open(const llvm::object::ObjectFile& object);

    // A section with the relocation section that applies to it (if any).
    struct Section : llvm::DWARFSection {
        llvm::object::SectionRef relocations;
        llvm::object::DataRefImpl first; // the first relocation, as LLVM refers to it
        bool has_relocations = false;
        std::uint64_t relocation_count = 0;
        // The table itself: each entry starts with its offset (r_offset), read from here
        // rather than through LLVM's RelocationRef, which re-reads the section headers on
        // every call.
        const unsigned char* table = nullptr;
        std::uint64_t entry_size = 0;
        bool offsets_64 = true;
        bool big_endian = false;
        bool rela = false; // SHT_RELA: addends in the entries, relocated fields hold zero
        // Built only when the relocations are found not to be sorted by offset (no assembler
        // tried writes them unsorted): (offset, index) pairs in offset order.
        mutable std::vector<std::pair<std::uint64_t, std::uint64_t>> sorted;
    };

    llvm::StringRef getFileName() const override { return ""; }
    const llvm::object::ObjectFile* getFile() const override { return &object_; }
    bool isLittleEndian() const override { return object_.isLittleEndian(); }
    std::uint8_t getAddressSize() const override {
        return static_cast<std::uint8_t>(object_.getBytesInAddress());
    }
    void
    forEachInfoSections(llvm::function_ref<void(const llvm::DWARFSection&)> each) const override {
        if (!info_.Data.empty())
            each(info_);
    }
    llvm::StringRef getAbbrevSection() const override { return abbrev_; }
    llvm::StringRef getStrSection() const override { return str_; }
    llvm::StringRef getLineStrSection() const override { return line_str_; }
    const llvm::DWARFSection& getStrOffsetsSection() const override { return str_offsets_; }
    llvm::Optional<llvm::RelocAddrEntry> find(const llvm::DWARFSection& section,
                                              std::uint64_t position) const override;

  private:
    explicit LazyRelocatedDwarf(const llvm::object::ObjectFile& object) : object_(object) {}
    // The index of the relocation at `position` in `section`, if there is one.
    llvm::Optional<std::uint64_t> relocation_at(const Section& section,
                                                std::uint64_t position) const;
    // The same by a search that assumes the table is in offset order; `in_order` is set false
    // when two entries it reads contradict that (the answer is then not to be used).
    llvm::Optional<std::uint64_t> search_in_order(const Section& section, std::uint64_t position,
                                                  bool& in_order) const;
    llvm::object::RelocationRef relocation(const Section& section, std::uint64_t index) const;

    const llvm::object::ObjectFile& object_;
    Section info_;
    Section str_offsets_;
    llvm::StringRef abbrev_;
    llvm::StringRef str_;
    llvm::StringRef line_str_;
    llvm::object::SupportsRelocation supports_ = nullptr;
    llvm::object::RelocationResolver resolver_ = nullptr;
    // Symbol addresses already read, by the symbol's (table, index).
    mutable std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> symbol_values_;
};

} // namespace perry::linker::detail
