// Internal: the type table's manifest spellings as NameIndex tables, for the manifest parser,
// which looks up a type for every parameter and return value (find_param_type and
// find_return_type in types.h use the same tables).
#pragma once

#include "name_index.h"

#include <cstddef>

namespace perry::resolver::detail {

inline constexpr std::size_t kParamTypeCount = 0
#define PERRY_PARAM_TYPE(id, name, c_type, reg, ts_type, coercion) +1
#include "perry/resolver/type_table.def"
#undef PERRY_PARAM_TYPE
    ;

inline constexpr std::size_t kReturnTypeCount = 0
#define PERRY_RETURN_TYPE(id, name, c_type, reg, ts_type, coercion) +1
#include "perry/resolver/type_table.def"
#undef PERRY_RETURN_TYPE
    ;

// Positions are the enumerators' values (ParamType, ReturnType).
const NameIndex<kParamTypeCount>& param_type_index();
const NameIndex<kReturnTypeCount>& return_type_index();

} // namespace perry::resolver::detail
