// `perry.nativeLibrary.functions`: symbols and their ABI types.
#include "manifest_checker.h"
#include "type_index.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace perry::resolver::detail {
namespace {

constexpr std::string_view kFunctionKeyList = "name, params, returns";
enum FunctionKey { kName, kParams, kReturns };
constexpr NameIndex<3> kFunctionKeys{{"name", "params", "returns"}};

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

// Letters, digits and `_`, not starting with a digit.
bool is_c_identifier(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (const char c : name) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!letter && !(c >= '0' && c <= '9') && c != '_')
            return false;
    }
    return true;
}

void parse_name(Checker& checker, const Json& name, const LazyPointer& pointer, Function& fn) {
    if (!name.is_string()) {
        checker.expect_string(name, pointer,
                              "write the symbol name as a string, e.g. \"js_my_fn\"");
        return;
    }
    fn.name = std::string(name.str());
    if (!is_c_identifier(fn.name)) {
        checker.error(pointer, "\"" + fn.name + "\" is not a valid C symbol name",
                      "use letters, digits and underscores, not starting with a digit");
    }
}

void parse_params(Checker& checker, const Json& params, const LazyPointer& pointer, Function& fn) {
    if (!params.is_array()) {
        checker.expect_array(params, pointer,
                             "write the parameter types as a list, e.g. [\"string\", \"i64\"]");
        return;
    }
    fn.params.clear();
    fn.params.reserve(params.size());
    std::size_t i = 0;
    for (Json param : params) {
        const std::size_t at = i++;
        if (!param.is_string()) {
            checker.error(LazyPointer(pointer, at),
                          "expected a parameter type name, found " + describe(param),
                          "use one of: " + type_names(true));
            continue;
        }
        const int type = param_type_index().find(param.str());
        if (type != NameIndex<kParamTypeCount>::kUnknown) {
            fn.params.push_back(static_cast<ParamType>(type));
        } else {
            checker.error(LazyPointer(pointer, at),
                          "unknown parameter type \"" + std::string(param.str()) + "\"",
                          "use one of: " + type_names(true));
        }
    }
}

void parse_returns(Checker& checker, const Json& returns, const LazyPointer& pointer,
                   Function& fn) {
    fn.returns_as_written = {};
    fn.returns_legacy_f64 = false;
    if (!returns.is_string()) {
        checker.error(pointer, "expected a return type name, found " + describe(returns),
                      "use one of: " + type_names(false));
        return;
    }
    const std::string_view written = returns.str();
    const int type = return_type_index().find(written);
    if (type != NameIndex<kReturnTypeCount>::kUnknown) {
        fn.returns = static_cast<ReturnType>(type);
        fn.returns_as_written = std::string(written);
        return;
    }
    if (written.empty()) {
        checker.error(pointer, "the return type is empty", "use one of: " + type_names(false));
        return;
    }
    // Spec v1: "anything else -> f64". Kept so old packages load, but never silently.
    fn.returns = ReturnType::F64;
    fn.returns_legacy_f64 = true;
    fn.returns_as_written = std::string(written);
    checker.warning(pointer,
                    "unknown return type \"" + std::string(written) +
                        "\" is read as f64 (spec v1's legacy rule)",
                    "use one of: " + type_names(false));
}

// Reported after the other diagnostics of `functions`, in index order: each later entry with
// the name of an earlier one.
void report_duplicate_names(Checker& checker, const LazyPointer& pointer,
                            const std::vector<Function>& functions) {
    // Sorted by name, then position (a stable sort of positions): each run of one name starts
    // with its first declaration.
    std::vector<const Function*> by_name;
    by_name.reserve(functions.size());
    for (const Function& fn : functions) {
        if (!fn.name.empty())
            by_name.push_back(&fn);
    }
    std::stable_sort(by_name.begin(), by_name.end(),
                     [](const Function* a, const Function* b) { return a->name < b->name; });
    struct Duplicate {
        const Function* later;
        const Function* first;
    };
    std::vector<Duplicate> duplicates;
    std::size_t run = 0; // where the current name's run starts
    for (std::size_t i = 1; i < by_name.size(); ++i) {
        if (by_name[i]->name == by_name[run]->name)
            duplicates.push_back({by_name[i], by_name[run]});
        else
            run = i;
    }
    std::sort(duplicates.begin(), duplicates.end(),
              [](const Duplicate& a, const Duplicate& b) { return a.later->index < b.later->index; });
    for (const Duplicate& d : duplicates) {
        const LazyPointer entry(pointer, d.later->index);
        checker.warning(LazyPointer(entry, "name"),
                        "duplicate function `" + d.later->name + "` (first declared at " +
                            LazyPointer(pointer, d.first->index).str() + ")",
                        "remove one of the two entries");
    }
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
    out.functions.reserve(functions.size());
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
        Function& fn = out.functions.emplace_back();
        fn.index = index;
        bool has_name = false, has_params = false, has_returns = false;
        checker.for_each_member(entry, at, kFunctionKeys, [&](const Json& field, int key) {
            switch (key) {
            case kName:
                has_name = true;
                parse_name(checker, field, LazyPointer(at, "name"), fn);
                return;
            case kParams:
                has_params = true;
                parse_params(checker, field, LazyPointer(at, "params"), fn);
                return;
            case kReturns:
                has_returns = true;
                parse_returns(checker, field, LazyPointer(at, "returns"), fn);
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
    }
    report_duplicate_names(checker, pointer, out.functions);
}

} // namespace perry::resolver::detail
