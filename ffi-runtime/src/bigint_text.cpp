// BigInt text: JavaScript's StringToBigInt (the `BigInt(string)` grammar) and toString(radix).
#include "bigint.h"

#include <algorithm>
#include <new>

namespace perry::bigint {
namespace {

// The byte length of the JS WhiteSpace or LineTerminator code point (UTF-8) at `p`, or 0.
// WhiteSpace: TAB VT FF ZWNBSP (U+FEFF) and every Zs code point; LineTerminator: LF CR LS PS.
size_t space_length(const unsigned char* p, const unsigned char* end) {
    size_t left = static_cast<size_t>(end - p);
    switch (p[0]) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
        return 1;
    case 0xC2: // U+00A0
        return left >= 2 && p[1] == 0xA0 ? 2 : 0;
    case 0xE1: // U+1680
        return left >= 3 && p[1] == 0x9A && p[2] == 0x80 ? 3 : 0;
    case 0xE2:
        if (left < 3) {
            return 0;
        }
        if (p[1] == 0x80) { // U+2000..U+200A, U+2028, U+2029, U+202F
            return (p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF
                       ? 3
                       : 0;
        }
        return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0; // U+205F
    case 0xE3:                                       // U+3000
        return left >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
    case 0xEF: // U+FEFF
        return left >= 3 && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
    default:
        return 0;
    }
}

// The value of a digit character in `radix`, or -1.
int digit_value(unsigned char c, uint32_t radix) {
    int value = -1;
    if (c >= '0' && c <= '9') {
        value = c - '0';
    } else if (c >= 'a' && c <= 'z') {
        value = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'Z') {
        value = c - 'A' + 10;
    }
    return value >= 0 && static_cast<uint32_t>(value) < radix ? value : -1;
}

// magnitude = magnitude * factor + addend.
void multiply_add(Magnitude& magnitude, uint64_t factor, uint64_t addend) {
    uint64_t carry = addend;
    for (uint64_t& limb : magnitude) {
        unsigned __int128 product = static_cast<unsigned __int128>(limb) * factor + carry;
        limb = static_cast<uint64_t>(product);
        carry = static_cast<uint64_t>(product >> 64);
    }
    if (carry != 0) {
        magnitude.push_back(carry);
    }
}

// magnitude /= divisor (high zero limbs dropped); returns the remainder.
uint64_t divide(Magnitude& magnitude, uint64_t divisor) {
    unsigned __int128 remainder = 0;
    for (size_t i = magnitude.size(); i-- > 0;) {
        unsigned __int128 current = (remainder << 64) | magnitude[i];
        magnitude[i] = static_cast<uint64_t>(current / divisor);
        remainder = current % divisor;
    }
    while (!magnitude.empty() && magnitude.back() == 0) {
        magnitude.pop_back();
    }
    return static_cast<uint64_t>(remainder);
}

// The largest power of `radix` that fits 64 bits, and its exponent: digits are converted that
// many at a time.
struct Chunk {
    uint64_t power;
    unsigned digits;
};
Chunk chunk_for(uint32_t radix) {
    Chunk chunk{radix, 1};
    while (chunk.power <= UINT64_MAX / radix) {
        chunk.power *= radix;
        chunk.digits++;
    }
    return chunk;
}

// Packs the digits of a power-of-two radix straight into limbs: linear, unlike multiply_add.
void pack_bits(const unsigned char* digits, size_t count, unsigned bits_per_digit,
               Magnitude& magnitude) {
    size_t total_bits = count * bits_per_digit;
    magnitude.assign((total_bits + 63) / 64, 0);
    size_t position = 0;
    for (size_t i = count; i-- > 0; position += bits_per_digit) {
        uint64_t digit = static_cast<uint64_t>(digit_value(digits[i], 1u << bits_per_digit));
        size_t limb = position / 64;
        unsigned shift = position % 64;
        magnitude[limb] |= digit << shift;
        if (shift + bits_per_digit > 64) {
            magnitude[limb + 1] |= digit >> (64 - shift);
        }
    }
}

PerryStatus parse_digits(const unsigned char* digits, size_t count, uint32_t radix,
                         Magnitude& magnitude) {
    // Leading zeros add nothing; dropping them first keeps the size check exact for radix 2^k.
    while (count > 0 && digits[0] == '0') {
        digits++;
        count--;
    }
    unsigned bits_per_digit = radix == 2 ? 1 : radix == 8 ? 3 : radix == 16 ? 4 : 0;
    // Every decimal digit adds under 3.33 bits: a cheap bound that rejects absurd input early.
    size_t bits_bound = bits_per_digit != 0 ? count * bits_per_digit : count / 3 * 10 + 4;
    if (bits_bound / 64 > PERRY_BIGINT_MAX_LIMBS) {
        return PERRY_STATUS_TOO_LARGE;
    }
    if (bits_per_digit != 0) {
        pack_bits(digits, count, bits_per_digit, magnitude);
        return PERRY_OK;
    }
    Chunk chunk = chunk_for(radix);
    size_t first = count % chunk.digits != 0 ? count % chunk.digits : chunk.digits;
    for (size_t at = 0; at < count;) {
        size_t take = at == 0 ? std::min(first, count) : chunk.digits;
        uint64_t value = 0;
        uint64_t factor = 1;
        for (size_t i = 0; i < take; ++i) {
            value = value * radix + static_cast<uint64_t>(digit_value(digits[at + i], radix));
            factor *= radix;
        }
        multiply_add(magnitude, factor, value);
        at += take;
    }
    return PERRY_OK;
}

} // namespace

PerryStatus parse(const char* text, size_t length, bool& negative, Magnitude& magnitude) {
    const auto* p = reinterpret_cast<const unsigned char*>(text);
    const unsigned char* end = p + length;
    while (p < end) {
        size_t space = space_length(p, end);
        if (space == 0) {
            break;
        }
        p += space;
    }
    negative = false;
    magnitude.clear();
    if (p == end) {
        return PERRY_OK; // empty or only white space: 0n
    }
    uint32_t radix = 10;
    if (end - p >= 2 && p[0] == '0') {
        unsigned char prefix = static_cast<unsigned char>(p[1] | 0x20);
        radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 10;
        if (radix != 10) {
            p += 2;
        }
    }
    if (radix == 10 && (*p == '+' || *p == '-')) {
        negative = *p == '-';
        p++;
    }
    const unsigned char* digits = p;
    while (p < end && digit_value(*p, radix) >= 0) {
        p++;
    }
    size_t count = static_cast<size_t>(p - digits);
    while (p < end) {
        size_t space = space_length(p, end);
        if (space == 0) {
            return PERRY_STATUS_INVALID_SYNTAX; // a stray character, separator, `n`, `.`, ...
        }
        p += space;
    }
    if (count == 0) {
        return PERRY_STATUS_INVALID_SYNTAX; // a sign or prefix without digits
    }
    try {
        PerryStatus status = parse_digits(digits, count, radix, magnitude);
        if (magnitude.size() > PERRY_BIGINT_MAX_LIMBS) {
            status = PERRY_STATUS_TOO_LARGE;
        }
        return status;
    } catch (...) { // only std::bad_alloc can come this far (no typeinfo reference)
        return PERRY_STATUS_OUT_OF_MEMORY;
    }
}

void append_text(const Payload* payload, uint32_t radix, std::string& out) {
    static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    if (payload->count == 0) {
        out.push_back('0');
        return;
    }
    Magnitude rest(limbs_of(payload), limbs_of(payload) + payload->count);
    Chunk chunk = chunk_for(radix);
    std::string reversed;
    while (!rest.empty()) {
        uint64_t part = divide(rest, chunk.power);
        // Every chunk but the most significant one prints all its digits, zeros included.
        for (unsigned i = 0; i < chunk.digits && (part != 0 || !rest.empty()); ++i) {
            reversed.push_back(kDigits[part % radix]);
            part /= radix;
        }
    }
    if (payload->negative) {
        reversed.push_back('-');
    }
    out.append(reversed.rbegin(), reversed.rend());
}

} // namespace perry::bigint
