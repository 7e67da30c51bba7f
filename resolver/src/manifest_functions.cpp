// `perry.nativeLibrary.functions`: symbols and their ABI types.
#include "manifest_checker.h"
#include "type_index.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
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
    static const auto kIdentifierByte = [] {
        std::array<bool, 256> table{};
        for (int c = 0; c < 256; ++c)
            table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_';
        return table;
    }();
    if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
        return false;
    bool ok = true;
    for (const char c : name)
        ok &= kIdentifierByte[static_cast<unsigned char>(c)];
    return ok;
}

// The names of a list's functions, kept in one block that every Function shares: a name is
// placed there as it is read and viewed once the block is complete (appending may move it).
struct NameBlock {
    std::shared_ptr<std::string> bytes = std::make_shared<std::string>();
    std::vector<std::pair<std::size_t, std::size_t>> places; // by position in the list

    void add(std::size_t position, std::string_view name) {
        if (places.size() <= position)
            places.resize(position + 1, {0, 0});
        places[position] = {bytes->size(), name.size()};
        bytes->append(name);
    }
    void hand_out(std::vector<Function>& functions) const {
        for (std::size_t i = 0; i < functions.size(); ++i) {
            functions[i].storage = bytes;
            if (i < places.size())
                functions[i].name =
                    std::string_view(*bytes).substr(places[i].first, places[i].second);
        }
    }
};

void parse_name(Checker& checker, const Json& name, const LazyPointer& pointer,
                std::size_t position, NameBlock& names) {
    if (!name.is_string()) {
        checker.expect_string(name, pointer,
                              "write the symbol name as a string, e.g. \"js_my_fn\"");
        return;
    }
    names.add(position, name.str());
    if (!is_c_identifier(name.str())) {
        checker.error(pointer, "\"" + std::string(name.str()) + "\" is not a valid C symbol name",
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
    std::size_t i = 0;
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
    const HeadedText headed = returns.headed_str();
    const std::string_view written = headed.text;
    const int type = return_type_index().find(headed);
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
// the name of an earlier one. One open-addressing table of positions, sized once.
void report_duplicate_names(Checker& checker, const LazyPointer& pointer,
                            const std::vector<Function>& functions) {
    constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    std::size_t size = 16;
    while (size < functions.size() * 2)
        size *= 2;
    std::vector<std::uint32_t> slots(size, kEmpty);
    for (std::uint32_t i = 0; i < functions.size(); ++i) {
        const Function& fn = functions[i];
        if (fn.name.empty())
            continue;
        std::size_t slot = std::hash<std::string_view>{}(fn.name) & (size - 1);
        while (slots[slot] != kEmpty && functions[slots[slot]].name != fn.name)
            slot = (slot + 1) & (size - 1);
        if (slots[slot] == kEmpty) {
            slots[slot] = i;
            continue;
        }
        const Function& first = functions[slots[slot]];
        const LazyPointer entry(pointer, fn.index);
        checker.warning(LazyPointer(entry, "name"),
                        "duplicate function `" + std::string(fn.name) + "` (first declared at " +
                            LazyPointer(pointer, first.index).str() + ")",
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
    NameBlock names;
    names.bytes->reserve(functions.size() * 24);
    names.places.reserve(functions.size());
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
                parse_name(checker, field, LazyPointer(at, "name"), out.functions.size() - 1,
                           names);
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
    names.hand_out(out.functions);
    report_duplicate_names(checker, pointer, out.functions);
}

} // namespace perry::resolver::detail
