#include "dwarf_signatures.h"

#include "dwarf_entries.h"
#include "dwarf_object.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace perry::linker::detail {
namespace {

namespace dw = llvm::dwarf;

// Type chains in real code are a few links long; a cap keeps a cyclic chain in a corrupt file
// from recursing without end.
constexpr int kMaxDepth = 24;

bool is_parameter(dw::Tag tag) {
    return tag == dw::DW_TAG_formal_parameter || tag == dw::DW_TAG_unspecified_parameters;
}

bool is_template_parameter(dw::Tag tag) {
    return tag == dw::DW_TAG_template_type_parameter || tag == dw::DW_TAG_template_value_parameter;
}

// Reads signatures from one compile unit's entries.
class Reader {
  public:
    explicit Reader(const UnitEntries& entries) : u_(entries) {}

    // The entry a definition completes: an out-of-line instance names its abstract origin, a
    // C++ definition the declaration it specifies.
    Entry origin(const Entry& entry) const {
        const Entry found = u_.referenced(entry, dw::DW_AT_abstract_origin);
        return found ? found : u_.referenced(entry, dw::DW_AT_specification);
    }

    // The entry's DW_AT_type, looked up through its origins; an invalid entry means `void`.
    Entry type_of(Entry entry) const {
        for (int depth = 0; entry && depth < kMaxDepth; ++depth) {
            if (entry.declares(dw::DW_AT_type))
                return u_.referenced(entry, dw::DW_AT_type);
            entry = origin(entry);
        }
        return Entry();
    }

    // The C name of a subprogram: its DW_AT_name, or that of what it completes; nullptr when it
    // has a linkage name (a mangled C++ or Rust symbol, never one of the manifest's C names) or
    // no name. A linkage name is told from the abbreviation alone, without reading the string:
    // a C++ compile unit has hundreds of such functions (template instances), and each string
    // read is a relocation lookup.
    const char* c_name(Entry entry) const {
        for (int depth = 0; entry && depth < kMaxDepth; ++depth) {
            if (entry.declares(dw::DW_AT_linkage_name) ||
                entry.declares(dw::DW_AT_MIPS_linkage_name)) {
                return nullptr;
            }
            if (entry.declares(dw::DW_AT_name))
                return u_.name(entry);
            entry = origin(entry);
        }
        return nullptr;
    }

    // Whether a subprogram's own entries show that its signature was described: a return type,
    // a parameter, or C's DW_AT_prototyped. Minimal debug information (GCC's -g1, Rust's
    // `debug = 1`) names functions but describes no types; a `void f(void)` in C++ looks the
    // same, and is told apart by the types its compile unit describes elsewhere.
    bool signature_evident(Entry entry) const {
        for (int depth = 0; entry && depth < kMaxDepth; ++depth) {
            if (entry.declares(dw::DW_AT_type) || entry.declares(dw::DW_AT_prototyped))
                return true;
            bool parameters = false;
            u_.children(entry, [&](const Entry& child) {
                parameters = is_parameter(child.tag());
                return !parameters && is_template_parameter(child.tag());
            });
            if (parameters)
                return true;
            entry = origin(entry);
        }
        return false;
    }

    // The formal parameters of a subprogram, from its own children or, when it has none (a C++
    // definition whose declaration lists them), its origin's.
    CodeSignature signature_of(const Entry& subprogram) const {
        CodeSignature signature;
        signature.returns = classify(type_of(subprogram));
        Entry holder = subprogram;
        for (int depth = 0; holder && depth < kMaxDepth; ++depth) {
            bool any = false;
            // Parameters come first among a subprogram's children (after any template
            // parameters); its body (variables, blocks, inlined calls) is not read.
            u_.children(holder, [&](const Entry& child) {
                if (child.tag() == dw::DW_TAG_formal_parameter) {
                    signature.params.push_back(classify(type_of(child)));
                    any = true;
                } else if (child.tag() == dw::DW_TAG_unspecified_parameters) {
                    signature.variadic = true;
                    any = true;
                } else {
                    return is_template_parameter(child.tag());
                }
                return true;
            });
            if (any)
                break;
            holder = origin(holder);
        }
        return signature;
    }

  private:
    unsigned byte_bits(const Entry& entry) const {
        return static_cast<unsigned>(u_.number(entry, dw::DW_AT_byte_size) * 8);
    }

    std::string name_or(const Entry& entry, const char* fallback) const {
        const char* found = u_.name(entry);
        return found != nullptr && *found != '\0' ? found : fallback;
    }

    // How the code spells a type, for messages: "int64_t", "const char*", "Point".
    std::string spell(const Entry& type, int depth = 0) const {
        if (!type)
            return "void";
        if (depth >= kMaxDepth)
            return "...";
        const Entry inner = u_.referenced(type, dw::DW_AT_type);
        switch (type.tag()) {
        case dw::DW_TAG_const_type:
            return inner && inner.tag() == dw::DW_TAG_pointer_type
                       ? spell(inner, depth + 1) + " const"
                       : "const " + spell(inner, depth + 1);
        case dw::DW_TAG_volatile_type:
            return "volatile " + spell(inner, depth + 1);
        case dw::DW_TAG_restrict_type:
            return spell(inner, depth + 1) + " restrict";
        case dw::DW_TAG_atomic_type:
            return "_Atomic " + spell(inner, depth + 1);
        case dw::DW_TAG_pointer_type: {
            // Rust names its pointer types ("*const u8"); C and C++ leave them unnamed.
            const char* named = u_.name(type);
            return named != nullptr ? named : spell(inner, depth + 1) + "*";
        }
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

    ValueClass base_type_class(const Entry& type) const {
        const unsigned bits = byte_bits(type);
        switch (u_.number(type, dw::DW_AT_encoding)) {
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

    // The class of a value of this type, through typedefs and qualifiers. Functions share a few
    // types, and each name read is a relocation lookup: classes are kept by type entry.
    ValueClass classify(const Entry& declared) const {
        const std::uint64_t key = declared ? declared.offset : 0;
        const auto known = classes_.find(key);
        if (known != classes_.end())
            return known->second;
        ValueClass found = classify_uncached(declared);
        classes_.emplace(key, found);
        return found;
    }

    ValueClass classify_uncached(const Entry& declared) const {
        Entry type = declared;
        for (int depth = 0; depth < kMaxDepth; ++depth) {
            if (!type)
                return {ValueKind::None, 0, spell(declared)};
            ValueClass found{ValueKind::Other, 0, {}};
            switch (type.tag()) {
            case dw::DW_TAG_typedef:
            case dw::DW_TAG_const_type:
            case dw::DW_TAG_volatile_type:
            case dw::DW_TAG_restrict_type:
            case dw::DW_TAG_atomic_type:
                type = u_.referenced(type, dw::DW_AT_type);
                continue;
            case dw::DW_TAG_base_type:
                found = base_type_class(type);
                break;
            case dw::DW_TAG_pointer_type:
            case dw::DW_TAG_reference_type:
            case dw::DW_TAG_rvalue_reference_type:
                // clang gives references no size: they are the size of an address.
                found = {ValueKind::Pointer, byte_bits(type), {}};
                if (found.bits == 0)
                    found.bits = u_.address_bits();
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

    const UnitEntries& u_;
    mutable std::unordered_map<std::uint64_t, ValueClass> classes_;
};

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

// The wanted functions of one compile unit. Only the unit's top level and its namespaces are
// searched: that is where every exported function is defined.
struct Search {
    const std::unordered_set<std::string_view>& wanted;
    ObjectSignatures& out;
    bool unit_has_types = false;
    std::vector<std::pair<const char*, Entry>> candidates; // of the current compile unit

    void unit(const UnitEntries& entries) {
        const Reader reader(entries);
        unit_has_types = false;
        candidates.clear();
        scope(entries, reader, entries.root(), 0);
        for (const auto& [name, subprogram] : candidates) {
            if (out.found.count(name) == 0 &&
                (unit_has_types || reader.signature_evident(subprogram))) {
                out.found.emplace(name, reader.signature_of(subprogram));
            }
        }
    }

    void scope(const UnitEntries& entries, const Reader& reader, const Entry& parent, int depth) {
        if (depth >= kMaxDepth)
            return;
        entries.children(parent, [&](const Entry& child) {
            const dw::Tag tag = child.tag();
            if (tag == dw::DW_TAG_namespace) {
                scope(entries, reader, child, depth + 1);
            } else if (tag == dw::DW_TAG_subprogram && !child.declares(dw::DW_AT_declaration)) {
                const char* name = reader.c_name(child);
                if (name != nullptr && wanted.count(name) != 0)
                    candidates.emplace_back(name, child);
            } else if (is_type(tag)) {
                unit_has_types = true;
            }
            return true;
        });
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
        search.unit(UnitEntries(*unit));
        if (out.found.size() == names.size())
            break;
    }
    return out;
}

} // namespace perry::linker::detail
