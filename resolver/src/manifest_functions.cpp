// `perry.nativeLibrary.functions`: symbols and their ABI types.
#include "manifest_checker.h"

#include <unordered_map>

namespace perry::resolver::detail {
namespace {

constexpr std::string_view kFunctionKeys = "name, params, returns";

bool is_c_identifier(std::string_view name) {
    if (name.empty()) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!alpha(name[0])) return false;
    for (char c : name) {
        if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
    }
    return true;
}

std::string type_names(bool params) {
    std::string out;
    if (params) {
        for (ParamType t : all_param_types()) out += (out.empty() ? "" : ", ") + std::string(info(t).name);
    } else {
        for (ReturnType t : all_return_types()) out += (out.empty() ? "" : ", ") + std::string(info(t).name);
    }
    return out;
}

void parse_params(Checker& checker, const Json& params, const std::string& pointer, Function& fn) {
    if (!checker.expect_array(params, pointer, "write the parameter types as a list, e.g. [\"string\", \"i64\"]")) {
        return;
    }
    fn.params.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Json& param = params[i];
        if (!param.is_string()) {
            checker.error(child_pointer(pointer, i), "expected a parameter type name, found " + describe(param),
                          "use one of: " + type_names(true));
            continue;
        }
        const std::string& spelled = param.get_ref<const std::string&>();
        if (auto type = find_param_type(spelled)) {
            fn.params.push_back(*type);
        } else {
            checker.error(child_pointer(pointer, i), "unknown parameter type \"" + spelled + "\"",
                          "use one of: " + type_names(true));
        }
    }
}

void parse_returns(Checker& checker, const Json& returns, const std::string& pointer, Function& fn) {
    if (!returns.is_string()) {
        checker.error(pointer, "expected a return type name, found " + describe(returns),
                      "use one of: " + type_names(false));
        return;
    }
    fn.returns_as_written = returns.get<std::string>();
    if (auto type = find_return_type(fn.returns_as_written)) {
        fn.returns = *type;
        return;
    }
    if (fn.returns_as_written.empty()) {
        checker.error(pointer, "the return type is empty", "use one of: " + type_names(false));
        return;
    }
    // Spec v1: "anything else -> f64". Kept so old packages load, but never silently.
    fn.returns = ReturnType::F64;
    fn.returns_legacy_f64 = true;
    checker.warning(pointer,
                    "unknown return type \"" + fn.returns_as_written +
                        "\" is read as f64 (spec v1's legacy rule)",
                    "use one of: " + type_names(false));
}

} // namespace

void parse_functions(Checker& checker, const Json& functions, NativeLibrary& out) {
    const std::string pointer = child_pointer(kNativeLibraryPointer, "functions");
    if (!checker.expect_array(functions, pointer,
                              "write `functions` as a list of { \"name\", \"params\", \"returns\" } objects")) {
        return;
    }
    out.functions.reserve(functions.size());
    std::unordered_map<std::string, std::size_t> first_index;
    for (std::size_t i = 0; i < functions.size(); ++i) {
        const Json& entry = functions[i];
        const std::string at = child_pointer(pointer, i);
        if (!checker.expect_object(entry, at, "write the function as { \"name\": ..., \"params\": [...], \"returns\": ... }")) {
            continue;
        }
        Function fn;
        fn.index = i;
        bool has_name = false, has_params = false, has_returns = false;
        for (auto it = entry.begin(); it != entry.end(); ++it) {
            const std::string& key = it.key();
            if (key == "name") {
                has_name = true;
                const std::string name_at = child_pointer(at, "name");
                if (!checker.expect_string(*it, name_at, "write the symbol name as a string, e.g. \"js_my_fn\"")) continue;
                fn.name = it->get<std::string>();
                if (!is_c_identifier(fn.name)) {
                    checker.error(name_at, "\"" + fn.name + "\" is not a valid C symbol name",
                                  "use letters, digits and underscores, not starting with a digit");
                }
            } else if (key == "params") {
                has_params = true;
                parse_params(checker, *it, child_pointer(at, "params"), fn);
            } else if (key == "returns") {
                has_returns = true;
                parse_returns(checker, *it, child_pointer(at, "returns"), fn);
            } else {
                checker.unknown_key(at, key, kFunctionKeys);
            }
        }
        if (!has_name) checker.error(at, "missing `name`", "add \"name\": the extern \"C\" symbol of the function");
        if (!has_params) checker.error(at, "missing `params`", "add \"params\": [] (a list of parameter types)");
        if (!has_returns) checker.error(at, "missing `returns`", "add \"returns\": \"void\" (or the return type)");
        if (!fn.name.empty()) {
            auto [found, inserted] = first_index.emplace(fn.name, i);
            if (!inserted) {
                checker.warning(child_pointer(at, "name"),
                                "duplicate function `" + fn.name + "` (first declared at " +
                                    child_pointer(pointer, found->second) + ")",
                                "remove one of the two entries");
            }
        }
        out.functions.push_back(std::move(fn));
    }
}

} // namespace perry::resolver::detail
