// Internal: byte equality of two short strings without a call to memcmp. Member names and type
// names are a few bytes long, and the call costs more than the compare.
#pragma once

#include <cstddef>
#include <string_view>

namespace perry::resolver::detail {

inline bool same_text(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}

} // namespace perry::resolver::detail
