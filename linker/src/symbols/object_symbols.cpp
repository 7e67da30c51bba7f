// Defined globals of one object file, through llvm::object::SymbolicFile. Every LLVM error is
// turned into text here; nothing throws while LLVM frames are on the stack.
#include "object_symbols.h"

#include "elf_precheck.h"
#include "listing_storage.h"

#include <llvm/ADT/Triple.h>
#include <llvm/BinaryFormat/Magic.h>
#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Object/COFFImportFile.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Object/SymbolicFile.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBufferRef.h>
#include <llvm/Support/TargetSelect.h>

#include <mutex>

extern "C" {
void LLVMInitializeX86TargetInfo();
void LLVMInitializeX86TargetMC();
void LLVMInitializeX86AsmParser();
}

namespace perry::linker::detail {
namespace {

std::string error_text(llvm::Error error) {
    return llvm::toString(std::move(error));
}

// LLVM 14 crashes on module-level inline asm in bitcode unless the target is registered; like
// llvm-nm we register X86 once. Foreign bitcode with inline asm is refused (see read_bitcode).
void register_targets_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        LLVMInitializeX86TargetInfo();
        LLVMInitializeX86TargetMC();
        LLVMInitializeX86AsmParser();
    });
}

bool is_macho(llvm::file_magic magic) {
    switch (magic) {
    case llvm::file_magic::macho_object:
    case llvm::file_magic::macho_executable:
    case llvm::file_magic::macho_fixed_virtual_memory_shared_lib:
    case llvm::file_magic::macho_core:
    case llvm::file_magic::macho_preload_executable:
    case llvm::file_magic::macho_dynamically_linked_shared_lib:
    case llvm::file_magic::macho_dynamic_linker:
    case llvm::file_magic::macho_bundle:
    case llvm::file_magic::macho_dynamically_linked_shared_lib_stub:
    case llvm::file_magic::macho_dsym_companion:
    case llvm::file_magic::macho_kext_bundle:
        return true;
    default:
        return false;
    }
}

// nullopt-like: returns false when the magic is no object format we read.
bool format_of(llvm::file_magic magic, ObjectFormat& format) {
    if (is_macho(magic)) {
        format = ObjectFormat::MachO;
        return true;
    }
    switch (magic) {
    case llvm::file_magic::elf: // an e_type beyond REL/EXEC/DYN/CORE (OS or processor specific)
    case llvm::file_magic::elf_relocatable:
    case llvm::file_magic::elf_executable:
    case llvm::file_magic::elf_shared_object:
    case llvm::file_magic::elf_core:
        format = ObjectFormat::Elf;
        return true;
    case llvm::file_magic::coff_object:
    case llvm::file_magic::coff_cl_gl_object:
    case llvm::file_magic::pecoff_executable:
        format = ObjectFormat::Coff;
        return true;
    case llvm::file_magic::coff_import_library:
        format = ObjectFormat::CoffImport;
        return true;
    case llvm::file_magic::wasm_object:
        format = ObjectFormat::Wasm;
        return true;
    case llvm::file_magic::bitcode:
        format = ObjectFormat::Bitcode;
        return true;
    default:
        return false;
    }
}

// Whether a symbol of a real object file points at code. ELF `STT_NOTYPE` labels in .text
// (hand-written assembly) count as code too.
bool points_at_code(const llvm::object::SymbolRef& symbol) {
    llvm::Expected<llvm::object::SymbolRef::Type> type = symbol.getType();
    if (!type) {
        llvm::consumeError(type.takeError());
        return false;
    }
    if (*type == llvm::object::SymbolRef::ST_Function)
        return true;
    // LLVM gives an ELF IFUNC no type of its own; its callers call it as a function.
    if (*type == llvm::object::SymbolRef::ST_Other &&
        llvm::isa<llvm::object::ELFObjectFileBase>(symbol.getObject())) {
        return llvm::object::ELFSymbolRef(symbol).getELFType() == llvm::ELF::STT_GNU_IFUNC;
    }
    if (*type != llvm::object::SymbolRef::ST_Unknown)
        return false;
    llvm::Expected<llvm::object::section_iterator> section = symbol.getSection();
    if (!section) {
        llvm::consumeError(section.takeError());
        return false;
    }
    const llvm::object::ObjectFile* object = symbol.getObject();
    return *section != object->section_end() && (*section)->isText();
}

SymbolKind kind_of(uint32_t flags, bool code, bool unique) {
    if (flags & llvm::object::SymbolRef::SF_Common)
        return SymbolKind::Common;
    if (flags & llvm::object::SymbolRef::SF_Weak)
        return SymbolKind::Weak;
    if (unique)
        return SymbolKind::Unique;
    return code ? SymbolKind::Function : SymbolKind::Data;
}

// Walks a SymbolicFile's symbols and appends the defined globals.
std::string collect(const llvm::object::SymbolicFile& file, ObjectFormat format,
                    std::uint32_t member, std::vector<DefinedSymbol>& out,
                    ListingStorage& storage) {
    const auto* object = llvm::dyn_cast<llvm::object::ObjectFile>(&file);
    const auto* import = llvm::dyn_cast<llvm::object::COFFImportFile>(&file);
    for (const llvm::object::BasicSymbolRef& symbol : file.symbols()) {
        llvm::Expected<uint32_t> flags = symbol.getFlags();
        if (!flags)
            return error_text(flags.takeError());
        using llvm::object::SymbolRef;
        // Mach-O common symbols are N_UNDF entries with a size: LLVM flags them undefined too.
        // Elsewhere an undefined symbol stays undefined, whatever its type says (an ELF
        // STT_COMMON symbol in SHN_UNDEF is a reference, as llvm-nm shows it).
        const bool undefined = (*flags & SymbolRef::SF_Undefined) &&
                               !(format == ObjectFormat::MachO && (*flags & SymbolRef::SF_Common));
        if (!(*flags & SymbolRef::SF_Global) || undefined ||
            (*flags & SymbolRef::SF_FormatSpecific)) {
            continue;
        }
        std::string_view raw;
        if (object != nullptr) {
            // Object files hand out a view of their string table: no stream, no copy.
            llvm::Expected<llvm::StringRef> name =
                SymbolRef(symbol.getRawDataRefImpl(), object).getName();
            if (!name)
                return error_text(name.takeError());
            raw = std::string_view(name->data(), name->size());
        } else {
            std::string printed;
            llvm::raw_string_ostream stream(printed);
            if (llvm::Error error = symbol.printName(stream))
                return error_text(std::move(error));
            stream.flush();
            raw = storage.keep(std::move(printed));
        }

        bool code = false;
        if (object != nullptr) {
            code = points_at_code(SymbolRef(symbol.getRawDataRefImpl(), object));
        } else if (import != nullptr) {
            code = import->getCOFFImportHeader()->getType() == llvm::COFF::IMPORT_CODE &&
                   raw.rfind("__imp_", 0) != 0;
        } else {
            code = (*flags & SymbolRef::SF_Executable) != 0; // bitcode: a function
        }
        DefinedSymbol defined;
        defined.raw_name = raw;
        defined.member = member;
        // LLVM's flags do not tell GNU unique definitions from plain globals; ELF's binding does.
        bool unique = false;
        if (const auto* elf = llvm::dyn_cast_or_null<llvm::object::ELFObjectFileBase>(object)) {
            unique = llvm::object::ELFSymbolRef(SymbolRef(symbol.getRawDataRefImpl(), elf))
                         .getBinding() == llvm::ELF::STB_GNU_UNIQUE;
        }
        defined.kind = kind_of(*flags, code, unique);
        defined.format = format;
        defined.code = code;
        out.push_back(defined);
    }
    return {};
}

// Bitcode needs a context and, for module-level inline asm, a registered target. The triple is
// checked first so foreign bitcode with inline asm is refused instead of crashing LLVM 14.
ObjectOutcome read_bitcode(llvm::MemoryBufferRef buffer, std::uint32_t member,
                           std::vector<DefinedSymbol>& out, ListingStorage& storage) {
    ObjectOutcome outcome;
    outcome.format = ObjectFormat::Bitcode;
    register_targets_once();
    llvm::Expected<std::string> triple = llvm::getBitcodeTargetTriple(buffer);
    if (!triple) {
        outcome.status = ObjectOutcome::kFailed;
        outcome.error = "unreadable LLVM bitcode (" + error_text(triple.takeError()) +
                        "); it may come from a newer LLVM than 14";
        return outcome;
    }
    llvm::LLVMContext context;
    std::string lookup_error;
    if (llvm::TargetRegistry::lookupTarget(*triple, lookup_error) == nullptr) {
        // Without the target, inline asm would crash LLVM: look at the module first.
        llvm::Expected<std::unique_ptr<llvm::Module>> module =
            llvm::getLazyBitcodeModule(buffer, context);
        if (!module) {
            outcome.status = ObjectOutcome::kFailed;
            outcome.error = "unreadable LLVM bitcode: " + error_text(module.takeError());
            return outcome;
        }
        if (!(*module)->getModuleInlineAsm().empty()) {
            outcome.status = ObjectOutcome::kFailed;
            outcome.error = "LLVM bitcode for `" + *triple +
                            "` has module-level inline assembly, which this build (X86 only) "
                            "cannot read";
            return outcome;
        }
    }
    llvm::Expected<std::unique_ptr<llvm::object::SymbolicFile>> file =
        llvm::object::SymbolicFile::createSymbolicFile(buffer, llvm::file_magic::bitcode, &context);
    if (!file) {
        outcome.status = ObjectOutcome::kFailed;
        outcome.error = "unreadable LLVM bitcode: " + error_text(file.takeError());
        return outcome;
    }
    const std::size_t before = out.size();
    std::string error = collect(**file, ObjectFormat::Bitcode, member, out, storage);
    if (!error.empty()) {
        out.resize(before);
        outcome.status = ObjectOutcome::kFailed;
        outcome.error = std::move(error);
    }
    return outcome;
}

ObjectOutcome read_with_llvm(std::string_view bytes, std::string_view name, std::uint32_t member,
                             llvm::file_magic magic, ObjectFormat format,
                             std::vector<DefinedSymbol>& out, ListingStorage& storage) {
    ObjectOutcome outcome;
    outcome.format = format;
    llvm::StringRef data(bytes.data(), bytes.size());
    llvm::MemoryBufferRef buffer(data, llvm::StringRef(name.data(), name.size()));
    if (outcome.format == ObjectFormat::Bitcode)
        return read_bitcode(buffer, member, out, storage);

    // No LLVMContext here on purpose: given one, LLVM would read the embedded `.llvmbc` section
    // of ELF objects instead of their symbol table (Rust's std carries bitcode LLVM 14 rejects).
    llvm::Expected<std::unique_ptr<llvm::object::SymbolicFile>> file =
        llvm::object::SymbolicFile::createSymbolicFile(buffer, magic, nullptr);
    if (!file) {
        outcome.status = ObjectOutcome::kFailed;
        outcome.error = error_text(file.takeError());
        return outcome;
    }
    const std::size_t before = out.size();
    std::string error = collect(**file, outcome.format, member, out, storage);
    if (!error.empty()) {
        out.resize(before); // a half-read member would look like missing symbols
        outcome.status = ObjectOutcome::kFailed;
        outcome.error = std::move(error);
    }
    return outcome;
}

// LLVM takes any file that starts with two zero bytes for a COFF object of unknown machine, so
// an all-zero file would read as an empty object. A COFF header that names no machine, no
// section and no symbol describes nothing: such bytes are no object.
bool is_empty_anonymous_coff(std::string_view bytes) {
    constexpr std::size_t kCoffHeaderSize = 20;
    if (bytes.size() < kCoffHeaderSize)
        return bytes.size() >= 2 && bytes[0] == 0 && bytes[1] == 0;
    auto field = [&](std::size_t at, std::size_t width) {
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i]))
                     << (8 * i);
        }
        return value;
    };
    const std::uint32_t machine = field(0, 2), sections = field(2, 2), symbols = field(12, 4);
    return machine == 0 && sections == 0 && symbols == 0;
}

llvm::file_magic magic_of(std::string_view bytes) {
    const llvm::file_magic magic =
        llvm::identify_magic(llvm::StringRef(bytes.data(), bytes.size()));
    if (magic == llvm::file_magic::coff_object && is_empty_anonymous_coff(bytes)) {
        return llvm::file_magic::unknown;
    }
    return magic;
}

} // namespace

bool peek_format(std::string_view bytes, ObjectFormat& format) {
    return format_of(magic_of(bytes), format);
}

ReadPath read_path(std::string_view bytes) {
    ObjectFormat format = ObjectFormat::Elf;
    if (!peek_format(bytes, format))
        return ReadPath::NotAnObject;
    // ELF, the format of every big archive here, stays in-process when its tables check out.
    return format == ObjectFormat::Elf && elf_is_well_formed(bytes) ? ReadPath::ElfInProcess
                                                                    : ReadPath::Isolated;
}

ObjectOutcome read_object_symbols(std::string_view bytes, std::string_view name,
                                  std::uint32_t member, std::vector<DefinedSymbol>& out,
                                  ListingStorage& storage) {
    ObjectOutcome outcome;
    const llvm::file_magic magic = magic_of(bytes);
    if (!format_of(magic, outcome.format)) {
        outcome.status = ObjectOutcome::kNotAnObject;
        return outcome;
    }
    return read_with_llvm(bytes, name, member, magic, outcome.format, out, storage);
}

} // namespace perry::linker::detail
