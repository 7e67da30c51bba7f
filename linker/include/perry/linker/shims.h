// Call shims: the compiler's call-site coercion as generated C.
//
// For each manifest function, generate_shims writes a thunk that takes the call's arguments as
// PerryValues, converts each as the type table (resolver/include/perry/resolver/type_table.def)
// says, calls the binding's symbol through its exact C prototype and boxes the result; a wrong
// argument type or count throws a TypeError naming the function and the argument. The source
// includes only perry/ffi.h and perry/run/shims.h and defines the table `perry_run_shims` the
// `perry native run` host reads. docs/linker/shims.md has the details.
#pragma once

#include "perry/resolver/manifest.h"
#include "perry/resolver/types.h"

#include <string>
#include <vector>

namespace perry::linker {

struct ShimFunction {
    std::string symbol; // the extern "C" name; also the name calls use
    std::vector<resolver::ParamType> params;
    resolver::ReturnType returns = resolver::ReturnType::Void;
};

// The functions of a manifest, in its order.
std::vector<ShimFunction> shim_functions(const std::vector<resolver::Function>& functions);

// "js_pkg_add(number, number) -> number".
std::string shim_signature(const ShimFunction& function);

// The C source. Throws std::invalid_argument when a symbol is not a C identifier or two
// functions share a symbol (the manifest validator reports both first; this is the last guard).
std::string generate_shims(const std::vector<ShimFunction>& functions);

} // namespace perry::linker
