// Defined globals of an ELF object through llvm::object::ELFFile. Each rule below restates what
// LLVM 14's ELFObjectFile does behind SymbolRef (getSymbolFlags, getSymbolName, getSymbolType,
// getSymbolSection), so both paths agree; tests/linker/elf_symbols_test.cpp compares them on
// every member of the system archives.
#include "elf_symbols.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Object/ELF.h>
#include <llvm/Support/Error.h>

#include <cstdint>

namespace perry::linker::detail {
namespace {

namespace ELF = llvm::ELF;

ObjectOutcome failure(llvm::Error error) {
    ObjectOutcome outcome;
    outcome.status = ObjectOutcome::kFailed;
    outcome.error = llvm::toString(std::move(error));
    return outcome;
}

// ELFObjectFile::getSymbolFlags marks mapping symbols ($d, $x, ...) and, on some machines, empty
// names as format-specific: they are not symbols a linker resolves.
template <class ELFT>
bool machine_specific_name(const llvm::object::ELFFile<ELFT>& file, llvm::StringRef name) {
    switch (file.getHeader().e_machine) {
    case ELF::EM_AARCH64:
        return name.startswith("$d") || name.startswith("$x");
    case ELF::EM_ARM:
        return name.empty() || name.startswith("$d") || name.startswith("$t") ||
               name.startswith("$a");
    case ELF::EM_RISCV:
        return name.empty();
    default:
        return false;
    }
}

template <class ELFT>
ObjectOutcome read_symbols_of(std::string_view bytes, std::uint32_t member,
                              std::vector<DefinedSymbol>& out) {
    using Shdr = typename ELFT::Shdr;
    using Sym = typename ELFT::Sym;
    using Word = typename ELFT::Word;

    // The steps of ELFObjectFile::create: the header, then the section table.
    llvm::Expected<llvm::object::ELFFile<ELFT>> created =
        llvm::object::ELFFile<ELFT>::create(llvm::StringRef(bytes.data(), bytes.size()));
    if (!created)
        return failure(created.takeError());
    const llvm::object::ELFFile<ELFT>& file = *created;
    llvm::Expected<typename ELFT::ShdrRange> sections = file.sections();
    if (!sections)
        return failure(sections.takeError());
    const Shdr* symtab = nullptr;
    const Shdr* dynsym = nullptr;
    const Shdr* shndx_section = nullptr;
    for (const Shdr& section : *sections) {
        if (section.sh_type == ELF::SHT_SYMTAB && symtab == nullptr)
            symtab = &section;
        if (section.sh_type == ELF::SHT_DYNSYM && dynsym == nullptr)
            dynsym = &section;
        if (section.sh_type == ELF::SHT_SYMTAB_SHNDX && shndx_section == nullptr) {
            shndx_section = &section;
        }
    }
    ObjectOutcome outcome;
    outcome.format = ObjectFormat::Elf;
    // LLVM lists the .symtab only, from index 1 (0 is the null symbol). With nothing past the
    // null symbol it asks nothing of the tables, so neither may we.
    if (symtab == nullptr || symtab->sh_size / sizeof(Sym) <= 1)
        return outcome;

    llvm::Expected<typename ELFT::SymRange> symbols = file.symbols(symtab);
    if (!symbols)
        return failure(symbols.takeError());
    llvm::Expected<typename ELFT::SymRange> dynamic = file.symbols(dynsym);
    if (!dynamic)
        return failure(dynamic.takeError());
    // The first .dynsym entry is format-specific too; it can only be one of ours if the two
    // tables overlap, but LLVM checks, so do we.
    const Sym* dynamic_null = dynamic->empty() ? nullptr : dynamic->begin();

    // The string table is found and checked once; LLVM repeats this for every name, with the
    // same outcome, so an error here fails the object at its first defined global.
    llvm::StringRef strtab;
    std::string strtab_error;
    llvm::Expected<const Shdr*> strtab_section = file.getSection(symtab->sh_link);
    if (!strtab_section) {
        strtab_error = llvm::toString(strtab_section.takeError());
    } else if (llvm::Expected<llvm::StringRef> table = file.getStringTable(**strtab_section)) {
        strtab = *table;
    } else {
        strtab_error = llvm::toString(table.takeError());
    }
    // Section indexes beyond SHN_LORESERVE live in SHT_SYMTAB_SHNDX. If that table is broken,
    // LLVM finds no section for any symbol (so no STT_NOTYPE label counts as code).
    llvm::ArrayRef<Word> shndx;
    bool shndx_broken = false;
    if (shndx_section != nullptr) {
        if (llvm::Expected<llvm::ArrayRef<Word>> table = file.getSHNDXTable(*shndx_section)) {
            shndx = *table;
        } else {
            llvm::consumeError(table.takeError());
            shndx_broken = true;
        }
    }

    const std::size_t before = out.size();
    for (const Sym& symbol : symbols->drop_front()) {
        const unsigned binding = symbol.getBinding();
        const unsigned type = symbol.getType();
        if (binding == ELF::STB_LOCAL)
            continue;
        if (type == ELF::STT_FILE || type == ELF::STT_SECTION || &symbol == dynamic_null)
            continue;
        // An undefined symbol is a reference even when its type is STT_COMMON.
        if (symbol.st_shndx == ELF::SHN_UNDEF)
            continue;
        const bool common = type == ELF::STT_COMMON || symbol.st_shndx == ELF::SHN_COMMON;

        if (!strtab_error.empty()) {
            out.resize(before);
            ObjectOutcome failed;
            failed.status = ObjectOutcome::kFailed;
            failed.error = strtab_error;
            return failed;
        }
        llvm::Expected<llvm::StringRef> name = symbol.getName(strtab);
        if (!name) {
            out.resize(before); // a half-read member would look like missing symbols
            return failure(name.takeError());
        }
        if (machine_specific_name(file, *name))
            continue;

        // An IFUNC is a function to its callers (its resolver picks the code), as nm's `i` says.
        bool code = type == ELF::STT_FUNC || type == ELF::STT_GNU_IFUNC;
        if (type == ELF::STT_NOTYPE && !shndx_broken) {
            // A label in an executable section (hand-written assembly) is code too.
            llvm::Expected<const Shdr*> section = file.getSection(symbol, *symbols, shndx);
            if (section) {
                code = *section != nullptr && ((*section)->sh_flags & ELF::SHF_EXECINSTR) != 0;
            } else {
                llvm::consumeError(section.takeError());
            }
        }
        DefinedSymbol defined;
        defined.raw_name = std::string_view(name->data(), name->size());
        defined.member = member;
        defined.kind = common                           ? SymbolKind::Common
                       : binding == ELF::STB_WEAK       ? SymbolKind::Weak
                       : binding == ELF::STB_GNU_UNIQUE ? SymbolKind::Unique
                       : code                           ? SymbolKind::Function
                                                        : SymbolKind::Data;
        defined.format = ObjectFormat::Elf;
        defined.code = code;
        out.push_back(defined);
    }
    return outcome;
}

} // namespace

ObjectOutcome read_elf_symbols(std::string_view bytes, std::uint32_t member,
                               std::vector<DefinedSymbol>& out) {
    // ObjectFile::createELFObjectFile refuses a buffer at an odd address before anything else.
    if ((reinterpret_cast<std::uintptr_t>(bytes.data()) & 1) != 0) {
        ObjectOutcome outcome;
        outcome.status = ObjectOutcome::kFailed;
        outcome.error = "Insufficient alignment";
        return outcome;
    }
    const bool is64 = bytes[ELF::EI_CLASS] == ELF::ELFCLASS64;
    const bool big_endian = bytes[ELF::EI_DATA] == ELF::ELFDATA2MSB;
    if (is64) {
        return big_endian ? read_symbols_of<llvm::object::ELF64BE>(bytes, member, out)
                          : read_symbols_of<llvm::object::ELF64LE>(bytes, member, out);
    }
    return big_endian ? read_symbols_of<llvm::object::ELF32BE>(bytes, member, out)
                      : read_symbols_of<llvm::object::ELF32LE>(bytes, member, out);
}

} // namespace perry::linker::detail
