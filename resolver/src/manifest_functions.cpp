// `perry.nativeLibrary.functions`: symbols and their ABI types.
//
// A manifest can declare hundreds of functions, so this file keeps the clean path cheap: names
// and parameter lists go into one ByteArena (no allocation per function), JSON pointers are
// only formatted for a diagnostic, and member names are matched once per member.
#include "byte_arena.h"
#include "manifest_checker.h"
#include "symbol_names.h"
#include "type_index.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace perry::resolver::detail {
namespace {

constexpr std::string_view kFunctionKeyList = "name, params, returns";
enum FunctionKey { kName, kParams, kReturns };
constexpr NameIndex<3> kFunctionKeys{{"name", "params", "returns"}};

// What a typical entry stores (a name of ~20 bytes and a few parameter types), to size the
// arena's first block; a longer list just takes another block.
constexpr std::size_t kBytesPerFunction = 24;

std::string type_names(bool params) {
    std::string out;
    if (params) {
        for (ParamType t : all_param_types())
            out += (out.empty() ? "" : ", ") + std::string(info(t).name);
    } else {
        for (ReturnType t : all_return_types())
            out += (out.empty() ? "" : ", ") + std::string(info(t).name);
    }
    return out;
}

// Returns the name's check_symbol hash (0 when there is no name).
std::uint64_t parse_name(Checker& checker, const Json& name, const LazyPointer& pointer,
                         ByteArena& arena, Function& fn) {
    if (!name.is_string()) {
        checker.expect_string(name, pointer,
                              "write the symbol name as a string, e.g. \"js_my_fn\"");
        return 0;
    }
    fn.name = arena.copy(name.str());
    const SymbolCheck symbol = check_symbol(fn.name);
    if (!symbol.is_identifier) {
        checker.error(pointer, "\"" + std::string(fn.name) + "\" is not a valid C symbol name",
                      "use letters, digits and underscores, not starting with a digit");
    }
    return symbol.hash;
}

void parse_params(Checker& checker, const Json& params, const LazyPointer& pointer,
                  ByteArena& arena, Function& fn) {
    if (!params.is_array()) {
        checker.expect_array(params, pointer,
                             "write the parameter types as a list, e.g. [\"string\", \"i64\"]");
        return;
    }
    static_assert(sizeof(ParamType) == 1, "parameter lists are stored as bytes");
    auto* types = reinterpret_cast<ParamType*>(arena.allocate(params.size()));
    std::size_t count = 0, i = 0;
    for (Json param : params) {
        const std::size_t at = i++;
        if (!param.is_string()) {
            checker.error(LazyPointer(pointer, at),
                          "expected a parameter type name, found " + describe(param),
                          "use one of: " + type_names(true));
            continue;
        }
        const int type = param_type_index().find(param.headed_str());
        if (type != NameIndex<kParamTypeCount>::kUnknown) {
            types[count++] = static_cast<ParamType>(type);
        } else {
            checker.error(LazyPointer(pointer, at),
                          "unknown parameter type \"" + std::string(param.str()) + "\"",
                          "use one of: " + type_names(true));
        }
    }
    fn.params = ParamTypes(types, count);
}

void parse_returns(Checker& checker, const Json& returns, const LazyPointer& pointer,
                   ByteArena& arena, Function& fn) {
    fn.returns_as_written = {};
    fn.returns_legacy_f64 = false;
    if (!returns.is_string()) {
        checker.error(pointer, "expected a return type name, found " + describe(returns),
                      "use one of: " + type_names(false));
        return;
    }
    const HeadedText written = returns.headed_str();
    const int type = return_type_index().find(written);
    if (type != NameIndex<kReturnTypeCount>::kUnknown) {
        fn.returns = static_cast<ReturnType>(type);
        fn.returns_as_written = info(fn.returns).name; // the same text, in the table's storage
        return;
    }
    if (written.text.empty()) {
        checker.error(pointer, "the return type is empty", "use one of: " + type_names(false));
        return;
    }
    // Spec v1: "anything else -> f64". Kept so old packages load, but never silently.
    fn.returns = ReturnType::F64;
    fn.returns_legacy_f64 = true;
    fn.returns_as_written = arena.copy(written.text);
    checker.warning(pointer,
                    "unknown return type \"" + std::string(written.text) +
                        "\" is read as f64 (spec v1's legacy rule)",
                    "use one of: " + type_names(false));
}

} // namespace

void parse_functions(Checker& checker, const Json& functions, NativeLibrary& out) {
    const LazyPointer library(kNativeLibraryPointer);
    const LazyPointer pointer(library, "functions");
    if (!checker.expect_array(
            functions, pointer,
            "write `functions` as a list of { \"name\", \"params\", \"returns\" } objects")) {
        return;
    }
    auto arena = std::make_shared<ByteArena>(functions.size() * kBytesPerFunction);
    out.functions.reserve(functions.size());
    FirstDeclarations first_declarations(functions.size());
    struct Duplicate {
        std::size_t index, first;
        std::string_view name;
    };
    std::vector<Duplicate> duplicates;
    std::size_t i = 0;
    for (Json entry : functions) {
        const std::size_t index = i++;
        const LazyPointer at(pointer, index);
        if (!entry.is_object()) {
            checker.expect_object(
                entry, at,
                "write the function as { \"name\": ..., \"params\": [...], \"returns\": ... }");
            continue;
        }
        Function& fn = out.functions.emplace_back(); // filled in place: a Function is 64 bytes
        fn.index = index;
        bool has_name = false, has_params = false, has_returns = false;
        std::uint64_t name_hash = 0;
        for_each_member(entry, kFunctionKeys, [&](const Json& field, int key) {
            switch (key) {
            case kName:
                has_name = true;
                name_hash = parse_name(checker, field, LazyPointer(at, "name"), *arena, fn);
                return;
            case kParams:
                has_params = true;
                parse_params(checker, field, LazyPointer(at, "params"), *arena, fn);
                return;
            case kReturns:
                has_returns = true;
                parse_returns(checker, field, LazyPointer(at, "returns"), *arena, fn);
                return;
            default:
                checker.unknown_key(at, field.key(), kFunctionKeyList);
            }
        });
        if (!has_name)
            checker.error(at, "missing `name`",
                          "add \"name\": the extern \"C\" symbol of the function");
        if (!has_params)
            checker.error(at, "missing `params`", "add \"params\": [] (a list of parameter types)");
        if (!has_returns)
            checker.error(at, "missing `returns`",
                          "add \"returns\": \"void\" (or the return type)");
        if (!fn.name.empty()) {
            const auto position = static_cast<std::uint32_t>(out.functions.size() - 1);
            const std::uint32_t first =
                first_declarations.first(out.functions, position, name_hash);
            if (first != position)
                duplicates.push_back({index, out.functions[first].index, fn.name});
        }
    }
    out.storage = std::move(arena);
    // Reported after the other diagnostics of `functions`, in index order.
    for (const Duplicate& d : duplicates) {
        const LazyPointer entry(pointer, d.index);
        checker.warning(LazyPointer(entry, "name"),
                        "duplicate function `" + std::string(d.name) + "` (first declared at " +
                            LazyPointer(pointer, d.first).str() + ")",
                        "remove one of the two entries");
    }
}

} // namespace perry::resolver::detail
