// The size classes of the small-object space (small_space.h): which slot a block of a given size
// gets. A block is an object's 16-byte Header followed by its payload.
#pragma once

#include <cstddef>
#include <cstdint>

namespace perry::heap::small {

// Slot sizes are multiples of 16 (payloads stay 16-byte aligned): every one up to 128 bytes,
// then four per doubling up to 8 KiB, so a block wastes less than 16 bytes of its slot up to
// 128 and at most a fifth above (a 129-byte block in a 160-byte slot). A 16-byte string (53-byte
// block) takes 64 bytes; a 4 KiB one (4133 bytes) takes 5120.
inline constexpr uint32_t kSlotBytes[] = {
    16,  32,  48,  64,   80,   96,   112,  128,  160,  192,  224,  256,  320,  384,  448,  512,
    640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
};
inline constexpr size_t kClassCount = sizeof kSlotBytes / sizeof kSlotBytes[0];
inline constexpr size_t kGranule = 16;
// The largest block (header included) the small-object space holds; larger ones are malloc'd.
inline constexpr size_t kMaxSmallBlock = kSlotBytes[kClassCount - 1];

// The class of each block size, by 16-byte granules.
struct ClassTable {
    uint8_t by_granules[kMaxSmallBlock / kGranule + 1];
};

constexpr ClassTable make_class_table() {
    ClassTable table{};
    size_t size_class = 0;
    for (size_t granules = 0; granules <= kMaxSmallBlock / kGranule; ++granules) {
        while (kSlotBytes[size_class] < granules * kGranule) {
            ++size_class;
        }
        table.by_granules[granules] = static_cast<uint8_t>(size_class);
    }
    return table;
}

inline constexpr ClassTable kClassTable = make_class_table();

// The class of the smallest slot that holds a block of `block_bytes` (1..kMaxSmallBlock).
constexpr size_t class_of(size_t block_bytes) {
    return kClassTable.by_granules[(block_bytes + kGranule - 1) / kGranule];
}

static_assert(kClassCount < 256, "class indexes are stored in a byte");
static_assert(class_of(1) == 0 && class_of(16) == 0 && class_of(17) == 1, "first classes");
static_assert(kSlotBytes[class_of(4133)] == 5120 && class_of(kMaxSmallBlock) == kClassCount - 1,
              "last classes");

} // namespace perry::heap::small
