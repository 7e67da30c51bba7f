// The keys of one object shape, ready to write: each already quoted and followed by ':' (and
// the space an indent adds), in JavaScript's enumeration order. Built once per shape per
// stringify call, so a document of many same-shaped objects escapes each key once.
#pragma once

#include "json_output.h"

#include "perry/ffi.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace perry::json {

struct ShapeKeys {
    std::string text;              // every `"key":` back to back, in enumeration order
    std::vector<uint32_t> ends;    // where each position's text ends in `text`
    std::vector<uint32_t> field;   // field index per enumeration position
    std::vector<PerryValue> names; // key string per enumeration position (for messages)

    std::string_view rendered(size_t position) const {
        uint32_t begin = position == 0 ? 0 : ends[position - 1];
        return std::string_view(text).substr(begin, ends[position] - begin);
    }
};

class KeyCache {
  public:
    explicit KeyCache(bool space_after_colon) : space_after_colon_(space_after_colon) {}
    // The keys of `object` (a plain object). Valid for the whole stringify call: no allocation
    // on the heap happens during it, so shapes neither die nor move.
    const ShapeKeys& of(PerryValue object);

  private:
    // A few recent shapes in front of the map: documents nest objects of a handful of shapes
    // (a record, its sub-objects), which alternate and would defeat a single last-hit entry.
    static constexpr size_t kRecent = 8;
    struct Recent {
        const PerryShape* shape = nullptr;
        const ShapeKeys* keys = nullptr;
    };
    bool space_after_colon_;
    Recent recent_[kRecent];
    std::unordered_map<const PerryShape*, ShapeKeys> shapes_;
};

} // namespace perry::json
