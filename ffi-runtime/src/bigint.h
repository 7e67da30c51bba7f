// BigInt internals shared by the BigInt surface and JSON stringify. The heap object is private:
// the ABI moves BigInts as limbs (perry/ffi/bigint.h).
#pragma once

#include "heap.h"

#include <cstdint>
#include <string>
#include <vector>

namespace perry::bigint {

// The payload of a BigInt: a canonical sign-magnitude integer. `count` limbs follow the struct,
// least significant first, the last one nonzero; 0n has count 0 and is never negative.
struct Payload {
    uint32_t negative;
    uint32_t count;
};
static_assert(sizeof(Payload) == 8, "limbs start 8-byte aligned right after the payload");

extern const heap::KindOps kOps;

inline const uint64_t* limbs_of(const Payload* payload) {
    return reinterpret_cast<const uint64_t*>(payload + 1);
}

// The payload of a BigInt value; nullptr for any other value.
const Payload* payload_of(PerryValue value);

// A magnitude under construction or being printed: limbs, least significant first.
using Magnitude = std::vector<uint64_t>;

// Allocates a BigInt of a sign and a magnitude (high zero limbs dropped; zero is never
// negative). PERRY_UNDEFINED with the last status set on failure.
PerryValue make(bool negative, const uint64_t* limbs, size_t count);

// Parses JavaScript BigInt() text (see perry_bigint_from_string) into a sign and magnitude.
PerryStatus parse(const char* text, size_t length, bool& negative, Magnitude& magnitude);

// Appends the digits of value.toString(radix) (radix 2..36) to `out`.
void append_text(const Payload* payload, uint32_t radix, std::string& out);

} // namespace perry::bigint
