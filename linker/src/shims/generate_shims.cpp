// The C source of the call shims: prototypes, one thunk per function, the table.
#include "perry/linker/shims.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string_view>

namespace perry::linker {
namespace {

using resolver::ParamType;
using resolver::ReturnType;

bool is_c_identifier(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9');
    });
}

std::string param_list(const ShimFunction& function) {
    std::string out;
    for (size_t i = 0; i < function.params.size(); ++i) {
        out += (i ? ", " : "") + std::string(resolver::info(function.params[i]).name);
    }
    return out;
}

std::string prototype(const ShimFunction& function) {
    std::string out = "extern " + std::string(resolver::info(function.returns).c_type) + " " +
                      function.symbol + "(";
    if (function.params.empty()) {
        out += "void";
    }
    for (size_t i = 0; i < function.params.size(); ++i) {
        out += (i ? ", " : "") + std::string(resolver::info(function.params[i]).c_type);
    }
    return out + ");\n";
}

// The statement converting args[i] into the local `a<i>`: a declaration and a check that
// returns from the thunk when the conversion threw.
std::string conversion(const ShimFunction& function, size_t i) {
    const std::string index = std::to_string(i);
    const std::string local = "a" + index;
    const std::string name = "\"" + function.symbol + "\"";
    const std::string c_type(resolver::info(function.params[i]).c_type);
    const std::string declare = "    " + c_type + " " + local + ";\n";
    auto checked = [&](const std::string& call) {
        return declare + "    if (!PERRY_SHIM_LIKELY(" + call +
               ")) {\n        return PERRY_UNDEFINED;\n    }\n";
    };
    switch (function.params[i]) {
    case ParamType::Number:
        return checked("perry_shim_number(args[" + index + "], " + name + ", " + index +
                       ", \"number\", &" + local + ")");
    case ParamType::F64:
        return checked("perry_shim_number(args[" + index + "], " + name + ", " + index +
                       ", \"f64\", &" + local + ")");
    case ParamType::I32:
        return checked("perry_shim_i32(args[" + index + "], " + name + ", " + index + ", &" +
                       local + ")");
    case ParamType::I64:
        return checked("perry_shim_i64(args[" + index + "], " + name + ", " + index + ", &" +
                       local + ")");
    case ParamType::Bool:
        return "    " + c_type + " " + local + " = perry_shim_bool(args[" + index + "]);\n";
    case ParamType::Ptr:
        return checked("perry_shim_ptr(args[" + index + "], " + name + ", " + index + ", &" +
                       local + ")");
    case ParamType::Buffer:
        return checked("perry_shim_buffer(args[" + index + "], " + name + ", " + index + ", &" +
                       local + ")");
    case ParamType::String:
        return checked("perry_shim_string(&args[" + index + "], " + name + ", " + index + ", &" +
                       local + ")");
    case ParamType::Json:
        return checked("perry_shim_json(&args[" + index + "], " + name + ", " + index + ", &" +
                       local + ")");
    case ParamType::JsValue:
        return "    " + c_type + " " + local + " = perry_value_to_abi(args[" + index + "]);\n";
    }
    throw std::logic_error("a parameter type without a conversion");
}

// The return statement boxing `call` (the binding call expression).
std::string boxing(ReturnType type, const std::string& call) {
    switch (type) {
    case ReturnType::String:
    case ReturnType::Ptr:
        return "    return perry_shim_box_string(" + call + ");\n";
    case ReturnType::I64Str:
        return "    return perry_shim_box_i64_str(" + call + ");\n";
    case ReturnType::I64:
        return "    return perry_value_from_number((double)" + call + ");\n";
    case ReturnType::Number:
    case ReturnType::F64:
        return "    return perry_value_from_number(" + call + ");\n";
    case ReturnType::Void:
        return "    " + call + ";\n    return PERRY_UNDEFINED;\n";
    case ReturnType::I32:
        return "    return perry_value_from_int32(" + call + ");\n";
    case ReturnType::Bool:
        return "    return perry_value_from_bool(" + call + ");\n";
    case ReturnType::Promise:
        return "    return " + call + ";\n";
    case ReturnType::JsValue:
        return "    return perry_value_from_abi(" + call + ");\n";
    case ReturnType::Buffer:
        return "    return perry_shim_box_buffer(" + call + ");\n";
    }
    throw std::logic_error("a return type without a boxing");
}

std::string thunk(const ShimFunction& function) {
    const size_t arity = function.params.size();
    std::string out =
        "static PerryValue perry_shim__" + function.symbol + "(PerryValue* args, size_t count) {\n";
    out += "    if (!PERRY_SHIM_LIKELY(count == " + std::to_string(arity) +
           ")) {\n        return perry_shim_arity_error(\"" + function.symbol + "\", \"" +
           param_list(function) + "\", " + std::to_string(arity) + ", count);\n    }\n";
    if (arity == 0) {
        out += "    (void)args;\n";
    }
    std::string call = function.symbol + "(";
    for (size_t i = 0; i < arity; ++i) {
        out += conversion(function, i);
        call += (i ? ", a" : "a") + std::to_string(i);
    }
    call += ")";
    return out + boxing(function.returns, call) + "}\n\n";
}

} // namespace

std::vector<ShimFunction> shim_functions(const std::vector<resolver::Function>& functions) {
    std::vector<ShimFunction> out;
    out.reserve(functions.size());
    for (const resolver::Function& function : functions) {
        out.push_back({std::string(function.name), function.params.to_vector(), function.returns});
    }
    return out;
}

std::string shim_signature(const ShimFunction& function) {
    return function.symbol + "(" + param_list(function) + ") -> " +
           std::string(resolver::info(function.returns).name);
}

std::string generate_shims(const std::vector<ShimFunction>& functions) {
    std::vector<const ShimFunction*> sorted;
    std::set<std::string_view> seen;
    for (const ShimFunction& function : functions) {
        if (!is_c_identifier(function.symbol)) {
            throw std::invalid_argument("call shims: \"" + function.symbol +
                                        "\" is not a C identifier");
        }
        if (!seen.insert(function.symbol).second) {
            throw std::invalid_argument("call shims: \"" + function.symbol + "\" appears twice");
        }
        sorted.push_back(&function);
    }
    // Sorted by name, so the host can look calls up by binary search.
    std::sort(sorted.begin(), sorted.end(),
              [](const ShimFunction* a, const ShimFunction* b) { return a->symbol < b->symbol; });

    std::string out = "/* Call shims generated by perry (perry::linker::generate_shims). Do not "
                      "edit. */\n#include \"perry/ffi.h\"\n#include \"perry/run/shims.h\"\n\n";
    for (const ShimFunction* function : sorted) {
        out += prototype(*function);
    }
    out += "\n";
    for (const ShimFunction* function : sorted) {
        out += thunk(*function);
    }
    // C99 has no empty initialiser lists: an empty table holds one unused row.
    out += "const PerryShim perry_run_shims[] = {\n";
    for (const ShimFunction* function : sorted) {
        out += "    {\"" + function->symbol + "\", " + std::to_string(function->params.size()) +
               ", perry_shim__" + function->symbol + ", \"" + shim_signature(*function) + "\"},\n";
    }
    if (sorted.empty()) {
        out += "    {NULL, 0, NULL, NULL},\n";
    }
    out += "};\nconst size_t perry_run_shim_count = " + std::to_string(sorted.size()) + ";\n";
    return out;
}

} // namespace perry::linker
