// Between SQL values (connection.h) and JavaScript values. Main thread only: these read and
// build values on the Perry heap.
#pragma once

#include "connection.h"

#include <perry/ffi.hpp>

#include <vector>

namespace sqlite_example {

// The parameters of a query: undefined or null (none) or an array of numbers, strings,
// booleans, BigInts, Buffers and nulls. Throws perry::TypeError / perry::RangeError otherwise.
std::vector<Cell> params_from_value(PerryValue params);

// An array with one object per row, keyed by column name: INTEGER as a number (a BigInt beyond
// 2^53), REAL a number, TEXT a string, BLOB a Buffer, NULL null.
PerryValue rows_to_value(const QueryResult& result);

// The JavaScript error for a SQLite failure: an Error with SQLite's message, code the name of
// the primary result code ("SQLITE_CONSTRAINT").
perry::Error sql_error(const SqlError& error);

} // namespace sqlite_example
