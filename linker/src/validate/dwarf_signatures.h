// The signatures of functions as an object's DWARF describes them (internal to validate): how
// many parameters each takes and what class of value each parameter and the return value is.
// LLVM-free; the LLVM DebugInfo code is in dwarf_signatures.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perry::linker::detail {

// What travels in a parameter's or return value's place, as far as the calling convention cares.
enum class ValueKind : std::uint8_t {
    None,    // no value: a `void` return
    Integer, // an integer or an enumeration (`bits` wide)
    Bool,    // C's _Bool, C++'s and Rust's bool
    Float,   // a floating-point number (`bits` wide)
    Pointer, // a pointer or a C++ reference
    Other,   // anything else: a struct, union or array by value, a member pointer, ...
};

struct ValueClass {
    ValueKind kind = ValueKind::None;
    unsigned bits = 0;
    std::string spelled; // the type as the code spells it ("int64_t", "const char*", "void")
};

struct CodeSignature {
    std::vector<ValueClass> params;
    ValueClass returns;
    bool variadic = false; // ends in `...`
};

struct ObjectSignatures {
    bool has_debug_info = false; // the object has a .debug_info section
    // The functions of `wanted` found as subprograms, by their symbol name.
    std::unordered_map<std::string, CodeSignature> found;
};

// Reads the DWARF of one ELF object for the functions named in `wanted` (C names: a subprogram
// with a linkage name, a mangled C++ or Rust symbol, is never one of them). Only the compile
// units' top level and namespaces are searched: that is where every exported function is
// defined. `bytes` must have passed elf_is_well_formed(). Problems in the debug information are
// not errors: a function whose DWARF cannot be read is simply not found.
ObjectSignatures read_dwarf_signatures(std::string_view bytes,
                                       const std::vector<std::string_view>& wanted);

} // namespace perry::linker::detail
