#include "dwarf_signatures.h"

#include "dwarf_object.h"

#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/DebugInfo/DWARF/DWARFAbbreviationDeclaration.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFDie.h>
#include <llvm/DebugInfo/DWARF/DWARFFormValue.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <unordered_set>
#include <utility>
#include <vector>

namespace perry::linker::detail {
namespace {

using llvm::DWARFDie;
namespace dw = llvm::dwarf;

// Type chains in real code are a few links long; a cap keeps a cyclic chain in a corrupt file
// from recursing without end.
constexpr int kMaxDepth = 24;

// The DIE an attribute refers to; invalid when the DIE has no such attribute. (Each attribute
// read is one relocation lookup, so it is read once.)
DWARFDie referenced(const DWARFDie& die, dw::Attribute attribute) {
    const llvm::Optional<llvm::DWARFFormValue> value = die.find(attribute);
    return value ? die.getAttributeValueAsReferencedDie(*value) : DWARFDie();
}

// The DIE a definition completes: an out-of-line instance names its abstract origin, a C++
// definition the declaration it specifies.
DWARFDie origin(const DWARFDie& die) {
    DWARFDie found = referenced(die, dw::DW_AT_abstract_origin);
    return found ? found : referenced(die, dw::DW_AT_specification);
}

// The DIE's DW_AT_type, looked up through its origins; an invalid DIE means `void`.
DWARFDie type_of(DWARFDie die) {
    for (int depth = 0; die && depth < kMaxDepth; ++depth) {
        if (const llvm::Optional<llvm::DWARFFormValue> type = die.find(dw::DW_AT_type))
            return die.getAttributeValueAsReferencedDie(*type);
        die = origin(die);
    }
    return DWARFDie();
}

unsigned byte_bits(const DWARFDie& die) {
    return static_cast<unsigned>(dw::toUnsigned(die.find(dw::DW_AT_byte_size), 0) * 8);
}

std::string name_or(const DWARFDie& die, const char* fallback) {
    const char* name = die.getShortName();
    return name != nullptr && *name != '\0' ? name : fallback;
}

// How the code spells a type, for messages: "int64_t", "const char*", "Point".
std::string spell(const DWARFDie& type, int depth = 0) {
    if (!type)
        return "void";
    if (depth >= kMaxDepth)
        return "...";
    const DWARFDie inner = referenced(type, dw::DW_AT_type);
    switch (type.getTag()) {
    case dw::DW_TAG_const_type:
        return inner && inner.getTag() == dw::DW_TAG_pointer_type
                   ? spell(inner, depth + 1) + " const"
                   : "const " + spell(inner, depth + 1);
    case dw::DW_TAG_volatile_type:
        return "volatile " + spell(inner, depth + 1);
    case dw::DW_TAG_restrict_type:
        return spell(inner, depth + 1) + " restrict";
    case dw::DW_TAG_atomic_type:
        return "_Atomic " + spell(inner, depth + 1);
    case dw::DW_TAG_pointer_type:
        // Rust names its pointer types ("*const u8"); C and C++ leave them unnamed.
        return type.getShortName() != nullptr ? type.getShortName() : spell(inner, depth + 1) + "*";
    case dw::DW_TAG_reference_type:
        return spell(inner, depth + 1) + "&";
    case dw::DW_TAG_rvalue_reference_type:
        return spell(inner, depth + 1) + "&&";
    case dw::DW_TAG_structure_type:
        return name_or(type, "(anonymous struct)");
    case dw::DW_TAG_class_type:
        return name_or(type, "(anonymous class)");
    case dw::DW_TAG_union_type:
        return name_or(type, "(anonymous union)");
    case dw::DW_TAG_enumeration_type:
        return name_or(type, "(anonymous enum)");
    case dw::DW_TAG_array_type:
        return spell(inner, depth + 1) + "[]";
    case dw::DW_TAG_subroutine_type:
        return "(function)";
    default:
        return name_or(type, "(unnamed type)");
    }
}

ValueClass base_type_class(const DWARFDie& type) {
    const unsigned bits = byte_bits(type);
    switch (dw::toUnsigned(type.find(dw::DW_AT_encoding), 0)) {
    case dw::DW_ATE_float:
        return {ValueKind::Float, bits, {}};
    case dw::DW_ATE_boolean:
        return {ValueKind::Bool, bits, {}};
    case dw::DW_ATE_signed:
    case dw::DW_ATE_unsigned:
    case dw::DW_ATE_signed_char:
    case dw::DW_ATE_unsigned_char:
    case dw::DW_ATE_UTF:
        return {ValueKind::Integer, bits, {}};
    default:
        return {ValueKind::Other, bits, {}};
    }
}

// The class of a value of this type, through typedefs and qualifiers.
ValueClass classify(const DWARFDie& declared) {
    DWARFDie type = declared;
    for (int depth = 0; depth < kMaxDepth; ++depth) {
        if (!type)
            return {ValueKind::None, 0, spell(declared)};
        ValueClass found{ValueKind::Other, 0, {}};
        switch (type.getTag()) {
        case dw::DW_TAG_typedef:
        case dw::DW_TAG_const_type:
        case dw::DW_TAG_volatile_type:
        case dw::DW_TAG_restrict_type:
        case dw::DW_TAG_atomic_type:
            type = referenced(type, dw::DW_AT_type);
            continue;
        case dw::DW_TAG_base_type:
            found = base_type_class(type);
            break;
        case dw::DW_TAG_pointer_type:
        case dw::DW_TAG_reference_type:
        case dw::DW_TAG_rvalue_reference_type:
            found = {ValueKind::Pointer, byte_bits(type), {}};
            break;
        case dw::DW_TAG_enumeration_type:
            found = {ValueKind::Integer, byte_bits(type), {}};
            break;
        default:
            found = {ValueKind::Other, byte_bits(type), {}};
            break;
        }
        found.spelled = spell(declared);
        return found;
    }
    return {ValueKind::Other, 0, spell(declared)};
}

// The formal parameters of a subprogram, from its own children or, when it has none (a C++
// definition whose declaration lists them), its origin's.
CodeSignature signature_of(const DWARFDie& subprogram) {
    CodeSignature signature;
    signature.returns = classify(type_of(subprogram));
    DWARFDie holder = subprogram;
    for (int depth = 0; holder && depth < kMaxDepth; ++depth) {
        bool any = false;
        for (const DWARFDie& child : holder.children()) {
            if (child.getTag() == dw::DW_TAG_formal_parameter) {
                signature.params.push_back(classify(type_of(child)));
                any = true;
            } else if (child.getTag() == dw::DW_TAG_unspecified_parameters) {
                signature.variadic = true;
                any = true;
            }
        }
        if (any)
            break;
        holder = origin(holder);
    }
    return signature;
}

bool declares(const DWARFDie& die, dw::Attribute attribute) {
    const llvm::DWARFAbbreviationDeclaration* abbreviation = die.getAbbreviationDeclarationPtr();
    return abbreviation != nullptr && abbreviation->findAttributeIndex(attribute).hasValue();
}

// Whether the subprogram (or what it completes) has a linkage name: a mangled C++ or Rust
// symbol, never one of the manifest's C names. Told from the abbreviation alone, without reading
// the string: a C++ compile unit has hundreds of such functions (template instances), and
// reading a name costs a relocation lookup.
bool mangled(DWARFDie die) {
    for (int depth = 0; die && depth < kMaxDepth; ++depth) {
        if (declares(die, dw::DW_AT_linkage_name) || declares(die, dw::DW_AT_MIPS_linkage_name))
            return true;
        die = origin(die);
    }
    return false;
}

bool is_type(dw::Tag tag) {
    switch (tag) {
    case dw::DW_TAG_base_type:
    case dw::DW_TAG_pointer_type:
    case dw::DW_TAG_typedef:
    case dw::DW_TAG_structure_type:
    case dw::DW_TAG_class_type:
    case dw::DW_TAG_union_type:
    case dw::DW_TAG_enumeration_type:
        return true;
    default:
        return false;
    }
}

// Whether a subprogram's own DIEs show that its signature was described: a return type, a
// parameter, or C's DW_AT_prototyped. Minimal debug information (GCC's -g1, Rust's
// `debug = 1`) names functions but describes no types; a `void f(void)` in C++ looks the same,
// and is told apart by the types its compile unit describes elsewhere.
bool signature_evident(const DWARFDie& subprogram) {
    DWARFDie die = subprogram;
    for (int depth = 0; die && depth < kMaxDepth; ++depth) {
        if (die.find(dw::DW_AT_type) || dw::toUnsigned(die.find(dw::DW_AT_prototyped), 0))
            return true;
        for (const DWARFDie& child : die.children()) {
            if (child.getTag() == dw::DW_TAG_formal_parameter ||
                child.getTag() == dw::DW_TAG_unspecified_parameters) {
                return true;
            }
        }
        die = origin(die);
    }
    return false;
}

struct Search {
    const std::unordered_set<std::string_view>& wanted;
    ObjectSignatures& out;
    bool unit_has_types = false;
    std::vector<std::pair<const char*, DWARFDie>> candidates; // of the current compile unit

    void unit(const DWARFDie& root) {
        unit_has_types = false;
        candidates.clear();
        scope(root, 0);
        for (const auto& [name, subprogram] : candidates) {
            if (out.found.count(name) == 0 && (unit_has_types || signature_evident(subprogram)))
                out.found.emplace(name, signature_of(subprogram));
        }
    }

    void scope(const DWARFDie& parent, int depth) {
        if (depth >= kMaxDepth)
            return;
        for (const DWARFDie& child : parent.children()) {
            const dw::Tag tag = child.getTag();
            if (tag == dw::DW_TAG_namespace) {
                scope(child, depth + 1);
            } else if (tag == dw::DW_TAG_subprogram &&
                       !dw::toUnsigned(child.find(dw::DW_AT_declaration), 0)) {
                const char* name = mangled(child) ? nullptr : child.getShortName();
                if (name != nullptr && wanted.count(name) != 0)
                    candidates.emplace_back(name, child);
            } else if (is_type(tag)) {
                unit_has_types = true;
            }
        }
    }
};

bool has_debug_info(const llvm::object::ObjectFile& object) {
    for (const llvm::object::SectionRef& section : object.sections()) {
        llvm::Expected<llvm::StringRef> name = section.getName();
        if (!name) {
            llvm::consumeError(name.takeError());
            continue;
        }
        if (*name == ".debug_info" || *name == ".zdebug_info")
            return true;
    }
    return false;
}

} // namespace

ObjectSignatures read_dwarf_signatures(std::string_view bytes,
                                       const std::vector<std::string_view>& wanted) {
    ObjectSignatures out;
    llvm::Expected<std::unique_ptr<llvm::object::ObjectFile>> object =
        llvm::object::ObjectFile::createObjectFile(
            llvm::MemoryBufferRef(llvm::StringRef(bytes.data(), bytes.size()), ""));
    if (!object) {
        llvm::consumeError(object.takeError());
        return out;
    }
    out.has_debug_info = has_debug_info(**object);
    if (!out.has_debug_info)
        return out;
    // LLVM would print what it cannot read to stderr; a function it cannot read is reported as
    // one without debug information instead.
    auto ignore = [](llvm::Error error) { llvm::consumeError(std::move(error)); };
    std::unique_ptr<LazyRelocatedDwarf> sections = LazyRelocatedDwarf::open(**object);
    std::unique_ptr<llvm::DWARFContext> context =
        sections ? std::make_unique<llvm::DWARFContext>(std::move(sections), "", ignore, ignore)
                 : llvm::DWARFContext::create(**object,
                                              llvm::DWARFContext::ProcessDebugRelocations::Process,
                                              nullptr, "", ignore, ignore);
    const std::unordered_set<std::string_view> names(wanted.begin(), wanted.end());
    Search search{names, out, false, {}};
    for (const std::unique_ptr<llvm::DWARFUnit>& unit : context->compile_units()) {
        search.unit(unit->getUnitDIE(false));
        if (out.found.size() == names.size())
            break;
    }
    return out;
}

} // namespace perry::linker::detail
