#include "dwarf_object.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Support/Endian.h>
#include <llvm/Support/Error.h>

#include <algorithm>
#include <cstring>

namespace perry::linker::detail {
namespace {

using llvm::object::ObjectFile;
using llvm::object::SectionRef;

// How many relocations the SHT_REL/SHT_RELA section `section` holds, or 0 when its header is
// not one LLVM can index safely: LLVM aborts (report_fatal_error) on a wrong entry size or a
// link to something other than a symbol table, so those are checked here first.
template <class ELFT>
std::uint64_t checked_count(const llvm::object::ELFObjectFile<ELFT>& elf, const SectionRef& section,
                            LazyRelocatedDwarf::Section& out) {
    const typename ELFT::Shdr* header = elf.getSection(section.getRawDataRefImpl());
    const std::uint64_t entry = header->sh_type == llvm::ELF::SHT_RELA ? sizeof(typename ELFT::Rela)
                                                                       : sizeof(typename ELFT::Rel);
    if ((header->sh_type != llvm::ELF::SHT_RELA && header->sh_type != llvm::ELF::SHT_REL) ||
        header->sh_entsize != entry || header->sh_size % entry != 0) {
        return 0;
    }
    auto sections = elf.getELFFile().sections();
    if (!sections) {
        llvm::consumeError(sections.takeError());
        return 0;
    }
    if (header->sh_link >= sections->size() ||
        (*sections)[header->sh_link].sh_type != llvm::ELF::SHT_SYMTAB) {
        return 0;
    }
    llvm::Expected<llvm::StringRef> table = section.getContents();
    if (!table) {
        llvm::consumeError(table.takeError());
        return 0;
    }
    if (table->size() != header->sh_size)
        return 0;
    out.table = reinterpret_cast<const unsigned char*>(table->data());
    out.entry_size = entry;
    out.offsets_64 = ELFT::Is64Bits;
    out.big_endian = ELFT::TargetEndianness == llvm::support::big;
    out.rela = header->sh_type == llvm::ELF::SHT_RELA;
    return header->sh_size / entry;
}

std::uint64_t relocation_count(const ObjectFile& object, const SectionRef& section,
                               LazyRelocatedDwarf::Section& out) {
    if (const auto* elf = llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(&object))
        return checked_count(*elf, section, out);
    if (const auto* elf = llvm::dyn_cast<llvm::object::ELF32LEObjectFile>(&object))
        return checked_count(*elf, section, out);
    if (const auto* elf = llvm::dyn_cast<llvm::object::ELF64BEObjectFile>(&object))
        return checked_count(*elf, section, out);
    if (const auto* elf = llvm::dyn_cast<llvm::object::ELF32BEObjectFile>(&object))
        return checked_count(*elf, section, out);
    return 0;
}

llvm::StringRef contents(const SectionRef& section) {
    llvm::Expected<llvm::StringRef> data = section.getContents();
    if (!data) {
        llvm::consumeError(data.takeError());
        return "";
    }
    return *data;
}

// r_offset of entry `index`: the first field of Elf32_Rel(a) and Elf64_Rel(a). Searches read
// it a few dozen times per lookup, so it is one load and a byte swap.
std::uint64_t offset_of(const LazyRelocatedDwarf::Section& section, std::uint64_t index) {
    namespace endian = llvm::support::endian;
    const unsigned char* entry = section.table + index * section.entry_size;
    const llvm::support::endianness order =
        section.big_endian ? llvm::support::big : llvm::support::little;
    if (section.offsets_64) {
        std::uint64_t value = 0;
        std::memcpy(&value, entry, sizeof value);
        return endian::byte_swap(value, order);
    }
    std::uint32_t value = 0;
    std::memcpy(&value, entry, sizeof value);
    return endian::byte_swap(value, order);
}

} // namespace

std::unique_ptr<LazyRelocatedDwarf> LazyRelocatedDwarf::open(const ObjectFile& object) {
    std::unique_ptr<LazyRelocatedDwarf> dwarf(new LazyRelocatedDwarf(object));
    std::tie(dwarf->supports_, dwarf->resolver_) = llvm::object::getRelocationResolver(object);
    std::uint64_t info_index = ~std::uint64_t{0};
    std::uint64_t str_offsets_index = ~std::uint64_t{0};
    std::vector<std::pair<std::uint64_t, SectionRef>> relocation_sections; // target, section
    for (const SectionRef& section : object.sections()) {
        llvm::Expected<llvm::StringRef> name = section.getName();
        if (!name) {
            llvm::consumeError(name.takeError());
            continue;
        }
        if (name->startswith(".rel")) {
            llvm::Expected<llvm::object::section_iterator> target = section.getRelocatedSection();
            if (!target) {
                llvm::consumeError(target.takeError());
                continue;
            }
            if (*target != object.section_end())
                relocation_sections.emplace_back((*target)->getIndex(), section);
            continue;
        }
        if (!name->startswith(".debug_") && !name->startswith(".zdebug_"))
            continue;
        if (name->startswith(".zdebug_") || section.isCompressed())
            return nullptr;
        if (*name == ".debug_info") {
            dwarf->info_.Data = contents(section);
            info_index = section.getIndex();
        } else if (*name == ".debug_str_offsets") {
            dwarf->str_offsets_.Data = contents(section);
            str_offsets_index = section.getIndex();
        } else if (*name == ".debug_abbrev") {
            dwarf->abbrev_ = contents(section);
        } else if (*name == ".debug_str") {
            dwarf->str_ = contents(section);
        } else if (*name == ".debug_line_str") {
            dwarf->line_str_ = contents(section);
        }
    }
    for (const auto& [target, section] : relocation_sections) {
        Section* relocated = target == info_index          ? &dwarf->info_
                             : target == str_offsets_index ? &dwarf->str_offsets_
                                                           : nullptr;
        if (relocated == nullptr)
            continue;
        relocated->relocations = section;
        relocated->relocation_count = relocation_count(object, section, *relocated);
        relocated->has_relocations = relocated->relocation_count != 0;
        if (relocated->has_relocations)
            relocated->first = section.relocation_begin()->getRawDataRefImpl();
    }
    return dwarf;
}

llvm::object::RelocationRef LazyRelocatedDwarf::relocation(const Section& section,
                                                           std::uint64_t index) const {
    llvm::object::DataRefImpl at = section.first;
    at.d.b = static_cast<decltype(at.d.b)>(index);
    return llvm::object::RelocationRef(at, &object_);
}

llvm::Optional<std::uint64_t> LazyRelocatedDwarf::relocation_at(const Section& section,
                                                                std::uint64_t position) const {
    const std::uint64_t count = section.relocation_count;
    if (section.sorted.empty()) {
        bool in_order = true;
        const llvm::Optional<std::uint64_t> found = search_in_order(section, position, in_order);
        if (in_order)
            return found;
        // Assemblers write a debug section's relocations in offset order; a table that is not
        // (the search read two entries out of order) is indexed in full instead.
        section.sorted.reserve(count);
        for (std::uint64_t i = 0; i < count; ++i)
            section.sorted.emplace_back(offset_of(section, i), i);
        std::sort(section.sorted.begin(), section.sorted.end());
    }
    const auto found = std::lower_bound(section.sorted.begin(), section.sorted.end(),
                                        std::make_pair(position, std::uint64_t{0}));
    if (found == section.sorted.end() || found->first != position)
        return llvm::None;
    return found->second;
}

llvm::Optional<std::uint64_t> LazyRelocatedDwarf::search_in_order(const Section& section,
                                                                  std::uint64_t position,
                                                                  bool& in_order) const {
    const std::uint64_t count = section.relocation_count;
    // Every entry read must lie between the entries read on either side of it: the order is
    // checked where the search looks, not on a sample spread over the table, which would touch
    // pages the lookups never need (the functions' entries are at the end of a GCC unit).
    std::uint64_t below = 0;                 // the entry just before `low`, when read
    std::uint64_t above = ~std::uint64_t{0}; // the entry at `high`, when read
    auto offset = [&](std::uint64_t index) {
        const std::uint64_t value = offset_of(section, index);
        if (value < below || value > above)
            in_order = false;
        return value;
    };
    // Relocations spread over a debug section about evenly: start where `position` would be if
    // they were, gallop to a bracket, then halve it. Most lookups find no relocation (LLVM asks
    // for every 4-byte reference), and this touches a page or two of the table, not ~15.
    const std::uint64_t size = std::max<std::uint64_t>(1, section.Data.size());
    std::uint64_t guess = static_cast<std::uint64_t>(
        static_cast<double>(position) / static_cast<double>(size) * static_cast<double>(count));
    guess = std::min(guess, count - 1);
    // [low, high) brackets the first relocation at or after `position`.
    std::uint64_t low = 0;
    std::uint64_t high = count;
    const std::uint64_t at_guess = offset(guess);
    if (at_guess < position) {
        low = guess + 1;
        below = at_guess;
        for (std::uint64_t step = 1; guess + step < count; step *= 2) {
            const std::uint64_t value = offset(guess + step);
            if (value >= position) {
                high = guess + step;
                above = value;
                break;
            }
            low = guess + step + 1;
            below = value;
        }
    } else {
        high = guess;
        above = at_guess;
        for (std::uint64_t step = 1; step <= guess; step *= 2) {
            const std::uint64_t value = offset(guess - step);
            if (value < position) {
                low = guess - step + 1;
                below = value;
                break;
            }
            high = guess - step;
            above = value;
        }
    }
    while (low < high) {
        const std::uint64_t middle = low + (high - low) / 2;
        const std::uint64_t value = offset(middle);
        if (value < position) {
            low = middle + 1;
            below = value;
        } else {
            high = middle;
            above = value;
        }
    }
    if (low == count || offset(low) != position)
        return llvm::None;
    return low;
}

llvm::Optional<llvm::RelocAddrEntry> LazyRelocatedDwarf::find(const llvm::DWARFSection& section,
                                                              std::uint64_t position) const {
    const Section* ours = &section == &info_          ? &info_
                          : &section == &str_offsets_ ? &str_offsets_
                                                      : nullptr;
    if (ours == nullptr || !ours->has_relocations || resolver_ == nullptr)
        return llvm::None;
    // With SHT_RELA, assemblers (GNU as, LLVM's) leave a relocated field zero and put the
    // addend in the entry, so a field whose first bytes are not zero has no relocation. LLVM
    // asks about every 4-byte reference between DIEs: this answers nearly all without a search.
    if (ours->rela && position + 4 <= ours->Data.size()) {
        const char* field = ours->Data.data() + position;
        if ((field[0] | field[1] | field[2] | field[3]) != 0)
            return llvm::None;
    }
    const llvm::Optional<std::uint64_t> index = relocation_at(*ours, position);
    if (!index)
        return llvm::None;
    const llvm::object::RelocationRef reloc = relocation(*ours, *index);
    if (!supports_(reloc.getType()))
        return llvm::None;
    // As DWARFContext does for an object file: the symbol's address (a section symbol's is 0 in
    // a relocatable object) plus the addend the resolver takes from the relocation.
    // Nearly every relocation read names one of a few section symbols (.debug_str's, .text's),
    // so their addresses are kept.
    std::uint64_t symbol_value = 0;
    const llvm::object::symbol_iterator symbol = reloc.getSymbol();
    if (symbol != object_.symbol_end()) {
        const llvm::object::DataRefImpl raw = symbol->getRawDataRefImpl();
        const std::pair<std::uint64_t, std::uint64_t> key{raw.d.a, raw.d.b};
        const auto known = symbol_values_.find(key);
        if (known != symbol_values_.end()) {
            symbol_value = known->second;
        } else {
            llvm::Expected<std::uint64_t> address = symbol->getAddress();
            if (!address) {
                llvm::consumeError(address.takeError());
                return llvm::None;
            }
            symbol_value = *address;
            symbol_values_.emplace(key, symbol_value);
        }
    }
    llvm::RelocAddrEntry entry;
    entry.SectionIndex = llvm::object::SectionedAddress::UndefSection;
    entry.Reloc = reloc;
    entry.SymbolValue = symbol_value;
    entry.SymbolValue2 = 0;
    entry.Resolver = resolver_;
    return entry;
}

} // namespace perry::linker::detail
