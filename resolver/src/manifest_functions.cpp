// `perry.nativeLibrary.functions`: symbols and their ABI types.
//
// A manifest can declare hundreds of functions, so this file keeps the clean path cheap: names
// and parameter lists go into one ByteArena (no allocation per function), JSON pointers are
// only formatted for a diagnostic, and member names are matched once per member.
#include "byte_arena.h"
#include "manifest_checker.h"
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

// Which bytes a C identifier may hold: 1 anywhere, 2 also first.
constexpr std::array<std::uint8_t, 256> kIdentifierBytes = [] {
    std::array<std::uint8_t, 256> table{};
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        table[c] = alpha ? 2 : (c >= '0' && c <= '9') ? 1 : 0;
    }
    return table;
}();

bool is_c_identifier(std::string_view name) {
    if (name.empty() || kIdentifierBytes[static_cast<unsigned char>(name[0])] != 2)
        return false;
    bool ok = true; // no early exit: the loop's one branch is its end
    for (char c : name)
        ok &= kIdentifierBytes[static_cast<unsigned char>(c)] != 0;
    return ok;
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

// A quick hash of a symbol name: eight bytes at a time (the last word overlapping), each
// multiplied in. Only the top bits of the result depend on every input bit: take those.
std::uint64_t name_hash(std::string_view name) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = name.size() * kMultiplier;
    auto mix = [&](std::uint64_t word) { h = (h ^ word) * kMultiplier; };
    std::size_t i = 0;
    for (; i + 8 <= name.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, name.data() + i, 8);
        mix(word);
    }
    if (i < name.size()) {
        std::uint64_t word = 0;
        if (name.size() >= 8) {
            std::memcpy(&word, name.data() + name.size() - 8, 8);
        } else {
            for (std::size_t j = i; j < name.size(); ++j)
                word = (word << 8) | static_cast<unsigned char>(name[j]);
        }
        mix(word);
    }
    return h;
}

// The first declaration of each function name, to report later ones: an open-addressing table
// of positions in `functions`, sized once for the whole list.
class FirstDeclarations {
  public:
    explicit FirstDeclarations(std::size_t count) {
        std::size_t capacity = 16;
        int shift = 64 - 4;
        while (capacity < count * 2) {
            capacity *= 2;
            --shift;
        }
        shift_ = shift;
        slots_.assign(capacity, kEmpty);
    }

    // The position of the first function named like functions[position], or `position` itself.
    std::uint32_t first(const std::vector<Function>& functions, std::uint32_t position) {
        const std::string_view name = functions[position].name;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t slot = name_hash(name) >> shift_;; slot = (slot + 1) & mask) {
            if (slots_[slot] == kEmpty) {
                slots_[slot] = position;
                return position;
            }
            if (functions[slots_[slot]].name == name)
                return slots_[slot];
        }
    }

  private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    std::vector<std::uint32_t> slots_;
    int shift_; // 64 - log2(slots_.size())
};

// `pointer()` builds the JSON pointer of the value; only diagnostics need it, so the common,
// clean path never formats one (a 500-function manifest would otherwise build 2,000 strings).
template <typename PointerFn>
void parse_params(Checker& checker, const Json& params, const PointerFn& pointer, ByteArena& arena,
                  Function& fn) {
    if (!params.is_array()) {
        checker.expect_array(params, pointer(),
                             "write the parameter types as a list, e.g. [\"string\", \"i64\"]");
        return;
    }
    static_assert(sizeof(ParamType) == 1, "parameter lists are stored as bytes");
    auto* types = reinterpret_cast<ParamType*>(arena.allocate(params.size()));
    std::size_t count = 0, i = 0;
    for (Json param : params) {
        const std::size_t at = i++;
        if (!param.is_string()) {
            checker.error(child_pointer(pointer(), at),
                          "expected a parameter type name, found " + describe(param),
                          "use one of: " + type_names(true));
            continue;
        }
        const int type = param_type_index().find(param.headed_str());
        if (type != NameIndex<kParamTypeCount>::kUnknown) {
            types[count++] = static_cast<ParamType>(type);
        } else {
            checker.error(child_pointer(pointer(), at),
                          "unknown parameter type \"" + std::string(param.str()) + "\"",
                          "use one of: " + type_names(true));
        }
    }
    fn.params = ParamTypes(types, count);
}

template <typename PointerFn>
void parse_returns(Checker& checker, const Json& returns, const PointerFn& pointer,
                   ByteArena& arena, Function& fn) {
    fn.returns_as_written = {};
    fn.returns_legacy_f64 = false;
    if (!returns.is_string()) {
        checker.error(pointer(), "expected a return type name, found " + describe(returns),
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
        checker.error(pointer(), "the return type is empty", "use one of: " + type_names(false));
        return;
    }
    // Spec v1: "anything else -> f64". Kept so old packages load, but never silently.
    fn.returns = ReturnType::F64;
    fn.returns_legacy_f64 = true;
    fn.returns_as_written = arena.copy(written.text);
    checker.warning(pointer(),
                    "unknown return type \"" + std::string(written.text) +
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
        auto at = [&] { return child_pointer(pointer, index); };
        if (!entry.is_object()) {
            checker.expect_object(
                entry, at(),
                "write the function as { \"name\": ..., \"params\": [...], \"returns\": ... }");
            continue;
        }
        Function& fn = out.functions.emplace_back(); // filled in place: a Function is 64 bytes
        fn.index = index;
        bool has_name = false, has_params = false, has_returns = false;
        for_each_member(entry, kFunctionKeys, [&](const Json& field, int key) {
            switch (key) {
            case kName:
                has_name = true;
                if (!field.is_string()) {
                    checker.expect_string(field, child_pointer(at(), "name"),
                                          "write the symbol name as a string, e.g. \"js_my_fn\"");
                    return;
                }
                fn.name = arena->copy(field.str());
                if (!is_c_identifier(fn.name)) {
                    checker.error(child_pointer(at(), "name"),
                                  "\"" + std::string(fn.name) + "\" is not a valid C symbol name",
                                  "use letters, digits and underscores, not starting with a digit");
                }
                return;
            case kParams:
                has_params = true;
                parse_params(
                    checker, field, [&] { return child_pointer(at(), "params"); }, *arena, fn);
                return;
            case kReturns:
                has_returns = true;
                parse_returns(
                    checker, field, [&] { return child_pointer(at(), "returns"); }, *arena, fn);
                return;
            default:
                checker.unknown_key(at(), field.key(), kFunctionKeyList);
            }
        });
        if (!has_name)
            checker.error(at(), "missing `name`",
                          "add \"name\": the extern \"C\" symbol of the function");
        if (!has_params)
            checker.error(at(), "missing `params`",
                          "add \"params\": [] (a list of parameter types)");
        if (!has_returns)
            checker.error(at(), "missing `returns`",
                          "add \"returns\": \"void\" (or the return type)");
        if (!fn.name.empty()) {
            const auto position = static_cast<std::uint32_t>(out.functions.size() - 1);
            const std::uint32_t first = first_declarations.first(out.functions, position);
            if (first != position)
                duplicates.push_back({index, out.functions[first].index, fn.name});
        }
    }
    out.storage = std::move(arena);
    // Reported after the other diagnostics of `functions`, in index order.
    for (const Duplicate& d : duplicates) {
        checker.warning(child_pointer(child_pointer(pointer, d.index), "name"),
                        "duplicate function `" + std::string(d.name) + "` (first declared at " +
                            child_pointer(pointer, d.first) + ")",
                        "remove one of the two entries");
    }
}

} // namespace perry::resolver::detail
