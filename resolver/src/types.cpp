// Typed access to type_table.def, and its Markdown rendering for docs/resolver/types.md.
#include "perry/resolver/types.h"

#include "type_index.h"

#include <array>

namespace perry::resolver {
namespace {

constexpr std::array kParamRows = {
#define PERRY_PARAM_TYPE(id, name, c_type, reg, ts_type, coercion)                                 \
    TypeInfo{name, c_type, RegisterClass::reg, ts_type, coercion},
#include "perry/resolver/type_table.def"
#undef PERRY_PARAM_TYPE
};

constexpr std::array kReturnRows = {
#define PERRY_RETURN_TYPE(id, name, c_type, reg, ts_type, coercion)                                \
    TypeInfo{name, c_type, RegisterClass::reg, ts_type, coercion},
#include "perry/resolver/type_table.def"
#undef PERRY_RETURN_TYPE
};

template <typename Enum, std::size_t N> std::vector<Enum> enumerate() {
    std::vector<Enum> all;
    for (std::size_t i = 0; i < N; ++i) {
        all.push_back(static_cast<Enum>(i));
    }
    return all;
}

// The manifest spellings of a table, indexed: a 500-function manifest looks up ~2,000 types.
template <std::size_t N>
constexpr detail::NameIndex<N> index_names(const std::array<TypeInfo, N>& rows) {
    std::array<std::string_view, N> names{};
    for (std::size_t i = 0; i < N; ++i)
        names[i] = rows[i].name;
    return detail::NameIndex<N>(names);
}
constexpr auto kParamIndex = index_names(kParamRows);
constexpr auto kReturnIndex = index_names(kReturnRows);
static_assert(kParamRows.size() == detail::kParamTypeCount &&
              kReturnRows.size() == detail::kReturnTypeCount);

template <typename Enum, std::size_t N>
std::optional<Enum> find_row(const detail::NameIndex<N>& index, std::string_view name) {
    const int found = index.find(name);
    if (found == detail::NameIndex<N>::kUnknown)
        return std::nullopt;
    return static_cast<Enum>(found);
}

// Table cells may not hold a bare `|` (the TypeScript union `number | bigint`).
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += '\\';
        out += c;
    }
    return out;
}

void append_markdown_table(std::string& out, const TypeInfo* rows, std::size_t count,
                           std::string_view coercion_heading) {
    out += "| manifest value | C type | register class | TypeScript type | ";
    out += coercion_heading;
    out += " |\n|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < count; ++i) {
        const TypeInfo& row = rows[i];
        out += "| `";
        out += cell(row.name);
        out += "` | `";
        out += cell(row.c_type);
        out += "` | ";
        out += register_class_name(row.register_class);
        out += " | `";
        out += cell(row.ts_type);
        out += "` | ";
        out += cell(row.coercion);
        out += " |\n";
    }
}

} // namespace

const TypeInfo& info(ParamType type) {
    return kParamRows.at(static_cast<std::size_t>(type));
}
const TypeInfo& info(ReturnType type) {
    return kReturnRows.at(static_cast<std::size_t>(type));
}

const std::vector<ParamType>& all_param_types() {
    static const std::vector<ParamType> all = enumerate<ParamType, kParamRows.size()>();
    return all;
}

const std::vector<ReturnType>& all_return_types() {
    static const std::vector<ReturnType> all = enumerate<ReturnType, kReturnRows.size()>();
    return all;
}

const detail::NameIndex<detail::kParamTypeCount>& detail::param_type_index() {
    return kParamIndex;
}

const detail::NameIndex<detail::kReturnTypeCount>& detail::return_type_index() {
    return kReturnIndex;
}

std::optional<ParamType> find_param_type(std::string_view name) {
    return find_row<ParamType>(kParamIndex, name);
}

std::optional<ReturnType> find_return_type(std::string_view name) {
    return find_row<ReturnType>(kReturnIndex, name);
}

std::string_view register_class_name(RegisterClass register_class) {
    switch (register_class) {
    case RegisterClass::Integer:
        return "integer";
    case RegisterClass::Float:
        return "float";
    case RegisterClass::None:
        return "none";
    }
    return "none";
}

std::string type_table_markdown() {
    std::string out = "### Parameter types\n\n";
    append_markdown_table(out, kParamRows.data(), kParamRows.size(), "coercion at the call site");
    out += "\n### Return types\n\n";
    append_markdown_table(out, kReturnRows.data(), kReturnRows.size(), "what JavaScript sees");
    out += "\nAny other return value is read as `f64` (spec v1's legacy rule) and always warns.\n";
    return out;
}

} // namespace perry::resolver
