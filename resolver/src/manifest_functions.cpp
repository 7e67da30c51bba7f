// `perry.nativeLibrary.functions`: symbols and their ABI types.
#include "manifest_checker.h"

#include <functional>
#include <utility>
#include <vector>

namespace perry::resolver::detail {
namespace {

constexpr std::string_view kFunctionKeys = "name, params, returns";

bool is_c_identifier(std::string_view name) {
    if (name.empty())
        return false;
    auto alpha = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (!alpha(name[0]))
        return false;
    for (char c : name) {
        if (!alpha(c) && !(c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

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

// `pointer()` builds the JSON pointer of the value; only diagnostics need it, so the common,
// clean path never formats one (a 500-function manifest would otherwise build 2,000 strings).
template <typename PointerFn>
void parse_params(Checker& checker, const Json& params, const PointerFn& pointer, Function& fn) {
    if (!params.is_array()) {
        checker.expect_array(params, pointer(),
                             "write the parameter types as a list, e.g. [\"string\", \"i64\"]");
        return;
    }
    fn.params.reserve(params.size());
    std::size_t i = 0;
    for (Json param : params) {
        const std::size_t at = i++;
        if (!param.is_string()) {
            checker.error(child_pointer(pointer(), at),
                          "expected a parameter type name, found " + describe(param),
                          "use one of: " + type_names(true));
            continue;
        }
        const std::string_view spelled = param.str();
        if (auto type = find_param_type(spelled)) {
            fn.params.push_back(*type);
        } else {
            checker.error(child_pointer(pointer(), at),
                          "unknown parameter type \"" + std::string(spelled) + "\"",
                          "use one of: " + type_names(true));
        }
    }
}

template <typename PointerFn>
void parse_returns(Checker& checker, const Json& returns, const PointerFn& pointer, Function& fn) {
    if (!returns.is_string()) {
        checker.error(pointer(), "expected a return type name, found " + describe(returns),
                      "use one of: " + type_names(false));
        return;
    }
    fn.returns_as_written = std::string(returns.str());
    fn.returns_legacy_f64 = false;
    if (auto type = find_return_type(fn.returns_as_written)) {
        fn.returns = *type;
        return;
    }
    if (fn.returns_as_written.empty()) {
        checker.error(pointer(), "the return type is empty", "use one of: " + type_names(false));
        return;
    }
    // Spec v1: "anything else -> f64". Kept so old packages load, but never silently.
    fn.returns = ReturnType::F64;
    fn.returns_legacy_f64 = true;
    checker.warning(pointer(),
                    "unknown return type \"" + fn.returns_as_written +
                        "\" is read as f64 (spec v1's legacy rule)",
                    "use one of: " + type_names(false));
}

} // namespace

void parse_functions(Checker& checker, const Json& functions, NativeLibrary& out) {
    const std::string pointer = child_pointer(kNativeLibraryPointer, "functions");
    if (!checker.expect_array(
            functions, pointer,
            "write `functions` as a list of { \"name\", \"params\", \"returns\" } objects")) {
        return;
    }
    out.functions.reserve(functions.size());
    // (name, index) of every named function, as views into the JSON document (which outlives
    // this function, unlike Function::name's buffer), in an open-addressing table: one
    // allocation for the whole list, however many functions.
    std::vector<std::pair<std::string_view, std::size_t>> first_of;
    std::size_t capacity = 16;
    while (capacity < functions.size() * 2)
        capacity *= 2;
    first_of.assign(capacity, {std::string_view(), 0});
    struct Duplicate {
        std::size_t index, first;
        std::string_view name;
    };
    std::vector<Duplicate> duplicates;
    std::size_t i = 0;
    for (Json entry : functions) {
        const std::size_t index = i++;
        std::string_view name_in_document;
        auto at = [&] { return child_pointer(pointer, index); };
        if (!entry.is_object()) {
            checker.expect_object(
                entry, at(),
                "write the function as { \"name\": ..., \"params\": [...], \"returns\": ... }");
            continue;
        }
        Function fn;
        fn.index = index;
        bool has_name = false, has_params = false, has_returns = false;
        static constexpr std::string_view kKnown[] = {"name", "params", "returns"};
        const LastMembers last(entry, kKnown);
        for (Json field : entry) {
            if (!last.wins(field))
                continue;
            const std::string_view key = field.key();
            if (key == "name") {
                has_name = true;
                if (!field.is_string()) {
                    checker.expect_string(field, child_pointer(at(), "name"),
                                          "write the symbol name as a string, e.g. \"js_my_fn\"");
                    continue;
                }
                name_in_document = field.str();
                fn.name = std::string(name_in_document);
                if (!is_c_identifier(fn.name)) {
                    checker.error(child_pointer(at(), "name"),
                                  "\"" + fn.name + "\" is not a valid C symbol name",
                                  "use letters, digits and underscores, not starting with a digit");
                }
            } else if (key == "params") {
                has_params = true;
                parse_params(
                    checker, field, [&] { return child_pointer(at(), "params"); }, fn);
            } else if (key == "returns") {
                has_returns = true;
                parse_returns(
                    checker, field, [&] { return child_pointer(at(), "returns"); }, fn);
            } else {
                checker.unknown_key(at(), key, kFunctionKeys);
            }
        }
        if (!has_name)
            checker.error(at(), "missing `name`",
                          "add \"name\": the extern \"C\" symbol of the function");
        if (!has_params)
            checker.error(at(), "missing `params`",
                          "add \"params\": [] (a list of parameter types)");
        if (!has_returns)
            checker.error(at(), "missing `returns`",
                          "add \"returns\": \"void\" (or the return type)");
        if (!name_in_document.empty()) {
            std::size_t slot = std::hash<std::string_view>()(name_in_document) & (capacity - 1);
            while (!first_of[slot].first.empty() && first_of[slot].first != name_in_document) {
                slot = (slot + 1) & (capacity - 1);
            }
            if (first_of[slot].first.empty())
                first_of[slot] = {name_in_document, index};
            else
                duplicates.push_back({index, first_of[slot].second, name_in_document});
        }
        out.functions.push_back(std::move(fn));
    }
    // Reported after the other diagnostics of `functions`, in index order.
    for (const Duplicate& d : duplicates) {
        checker.warning(child_pointer(child_pointer(pointer, d.index), "name"),
                        "duplicate function `" + std::string(d.name) + "` (first declared at " +
                            child_pointer(pointer, d.first) + ")",
                        "remove one of the two entries");
    }
}

} // namespace perry::resolver::detail
