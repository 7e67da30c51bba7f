// Telling the Rust standard library's symbols from a binding's own: two Rust staticlibs each
// bundle std, core, alloc, compiler_builtins and their dependencies, and so define thousands of
// the same globals. The conflict check reports that once instead of once per symbol.
#pragma once

#include <string_view>

namespace perry::linker::detail {

// A name Rust mangled (v0 `_R...`, legacy `_ZN...17h<hash>E`) or one of the runtime's
// unmangled entry points (rust_begin_unwind, __rust_alloc, __rdl_alloc, ...).
bool is_rust_symbol_name(std::string_view name);

// An object of the Rust sysroot inside a staticlib: a codegen unit of std, core, alloc,
// compiler_builtins, ... (`std-<hash>.std.<hash>-cgu.0.rcgu.o`), or one of compiler-rt's C
// objects that compiler_builtins bundles (`<16 hex>-absvdi2.o`).
bool is_rust_sysroot_member(std::string_view member);

} // namespace perry::linker::detail
