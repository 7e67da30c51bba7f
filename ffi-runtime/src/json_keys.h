// The keys of one object shape, ready to write: each already quoted and followed by ':' (and
// the space an indent adds), in JavaScript's enumeration order. Built once per shape per
// stringify call, so a document of many same-shaped objects escapes each key once.
#pragma once

#include "json_output.h"

#include "perry/ffi.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace perry::json {

struct ShapeKeys {
    std::vector<std::string> rendered; // `"key":` per enumeration position
    std::vector<uint32_t> field;       // field index per enumeration position
    std::vector<PerryValue> names;     // key string per enumeration position (for messages)
};

class KeyCache {
  public:
    explicit KeyCache(bool space_after_colon) : space_after_colon_(space_after_colon) {}
    // The keys of `object` (a plain object). Valid for the whole stringify call: no allocation
    // on the heap happens during it, so shapes neither die nor move.
    const ShapeKeys& of(PerryValue object);

  private:
    bool space_after_colon_;
    const PerryShape* last_shape_ = nullptr;
    const ShapeKeys* last_keys_ = nullptr;
    std::unordered_map<const PerryShape*, ShapeKeys> shapes_;
};

} // namespace perry::json
