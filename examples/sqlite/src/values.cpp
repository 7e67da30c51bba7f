#include "values.h"

#include <cmath>
#include <string>

namespace sqlite_example {
namespace {

// Integers that a double holds exactly become numbers; larger ones become BigInts so that no
// row silently loses digits.
constexpr int64_t kMaxSafeInteger = (INT64_C(1) << 53) - 1;

Cell cell_from_value(PerryValue value, size_t index) {
    Cell cell;
    if (perry_value_is_nullish(value))
        return cell;
    if (perry_value_is_bool(value)) {
        cell.type = Cell::Type::Integer;
        cell.integer = perry_value_to_bool(value) ? 1 : 0;
        return cell;
    }
    if (perry_value_is_number(value)) {
        const double number = perry_value_to_number(value);
        if (std::trunc(number) == number && std::fabs(number) <= kMaxSafeInteger) {
            cell.type = Cell::Type::Integer;
            cell.integer = static_cast<int64_t>(number);
        } else {
            cell.type = Cell::Type::Real;
            cell.real = number;
        }
        return cell;
    }
    if (perry_value_is_string(value)) {
        cell.type = Cell::Type::Text;
        cell.bytes = *perry::read_string(value);
        return cell;
    }
    if (perry_value_is_bigint(value)) {
        const std::optional<int64_t> integer = perry::bigint_to_i64(value);
        if (!integer) {
            throw perry::RangeError("parameter " + std::to_string(index + 1) +
                                        ": BigInt outside SQLite's 64-bit integer range",
                                    "ERR_OUT_OF_RANGE");
        }
        cell.type = Cell::Type::Integer;
        cell.integer = *integer;
        return cell;
    }
    if (perry_value_is_buffer(value)) {
        uint8_t* data = nullptr;
        size_t length = 0;
        perry::check(perry_buffer_bytes(value, &data, &length));
        cell.type = Cell::Type::Blob;
        cell.bytes.assign(reinterpret_cast<const char*>(data), length);
        return cell;
    }
    throw perry::TypeError("parameter " + std::to_string(index + 1) +
                               ": cannot bind a value of type " + perry_value_typeof(value),
                           "ERR_INVALID_ARG_TYPE");
}

PerryValue cell_to_value(const Cell& cell) {
    switch (cell.type) {
    case Cell::Type::Null:
        return PERRY_NULL;
    case Cell::Type::Integer:
        if (cell.integer > kMaxSafeInteger || cell.integer < -kMaxSafeInteger) {
            return perry::alloc_bigint_from_i64(cell.integer);
        }
        return perry_value_from_number(static_cast<double>(cell.integer));
    case Cell::Type::Real:
        return perry_value_from_number(cell.real);
    case Cell::Type::Text:
        return perry::alloc_string(cell.bytes);
    case Cell::Type::Blob:
        return perry::alloc_buffer(cell.bytes.data(), cell.bytes.size());
    }
    return PERRY_UNDEFINED;
}

} // namespace

std::vector<Cell> params_from_value(PerryValue params) {
    std::vector<Cell> cells;
    if (perry_value_is_nullish(params))
        return cells;
    if (!perry_value_is_array(params)) {
        throw perry::TypeError("the parameters must be an array (or undefined)",
                               "ERR_INVALID_ARG_TYPE");
    }
    const size_t count = perry::array_length(params);
    for (size_t i = 0; i < count; ++i)
        cells.push_back(cell_from_value(perry::array_get(params, i), i));
    return cells;
}

PerryValue rows_to_value(const QueryResult& result) {
    // Every value built here is reachable from `rows` (on this stack) as soon as it is made;
    // the collector scans the stack conservatively, so nothing needs a pin.
    PerryValue rows = perry::alloc_array(result.rows.size());
    for (const std::vector<Cell>& cells : result.rows) {
        PerryValue row = perry::alloc_object();
        perry::array_push(rows, row);
        for (size_t i = 0; i < cells.size(); ++i) {
            perry::object_set(row, result.columns[i], cell_to_value(cells[i]));
        }
    }
    return rows;
}

perry::Error sql_error(const SqlError& error) {
    return perry::Error(error.message, result_code_name(error.code));
}

} // namespace sqlite_example
