// The manifest's ABI types: each `params` and `returns` value with its C type, register class,
// TypeScript type and coercion. The data is in type_table.def; this header gives it typed access.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

enum class RegisterClass { Integer, Float, None };

enum class ParamType : std::uint8_t {
#define PERRY_PARAM_TYPE(id, name, c_type, reg, ts_type, coercion) id,
#include "perry/resolver/type_table.def"
#undef PERRY_PARAM_TYPE
};

enum class ReturnType : std::uint8_t {
#define PERRY_RETURN_TYPE(id, name, c_type, reg, ts_type, coercion) id,
#include "perry/resolver/type_table.def"
#undef PERRY_RETURN_TYPE
};

// One row of the table. `name` is the manifest spelling.
struct TypeInfo {
    std::string_view name;
    std::string_view c_type;
    RegisterClass register_class;
    std::string_view ts_type;
    std::string_view coercion;
};

const TypeInfo& info(ParamType type);
const TypeInfo& info(ReturnType type);

// All rows in table order.
const std::vector<ParamType>& all_param_types();
const std::vector<ReturnType>& all_return_types();

// Lookup by manifest spelling (exact, case-sensitive). Unknown spellings give nullopt; for
// returns the caller applies spec v1's legacy rule (read as f64, with a warning).
std::optional<ParamType> find_param_type(std::string_view name);
std::optional<ReturnType> find_return_type(std::string_view name);

std::string_view register_class_name(RegisterClass register_class); // "integer", "float", "none"

// The table as Markdown (two tables, params then returns): docs/resolver/types.md embeds it and
// a test keeps the two equal.
std::string type_table_markdown();

} // namespace perry::resolver
