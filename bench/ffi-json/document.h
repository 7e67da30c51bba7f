// The benchmark document (document.js builds the same one in JavaScript).
#pragma once

#include "perry/ffi.h"

#include <cstdint>

namespace perry::bench {

// A new document of `records` records; about 1 MB of JSON at 4000 records.
PerryValue make_document(uint32_t records);

} // namespace perry::bench
