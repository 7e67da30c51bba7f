#include "name_groups.h"

#include <functional>

namespace perry::linker::detail {

NameGroups::NameGroups(std::vector<std::string_view> names) : names_(std::move(names)) {
    std::size_t capacity = 16;
    while (capacity < names_.size() + names_.size() / 2) capacity *= 2; // at most 2/3 full
    slots_.assign(capacity, kNone);
    group_of_.resize(names_.size());
    std::vector<std::uint32_t> sizes;
    const std::hash<std::string_view> hash;
    for (std::size_t i = 0; i < names_.size(); ++i) {
        const std::uint64_t h = hash(names_[i]);
        const std::size_t slot = slot_of(names_[i], h);
        if (slots_[slot] == kNone) {
            slots_[slot] = static_cast<std::uint32_t>(group_hash_.size());
            group_hash_.push_back(h);
            first_.push_back(static_cast<std::uint32_t>(i));
            sizes.push_back(0);
        }
        group_of_[i] = slots_[slot];
        ++sizes[slots_[slot]];
    }
    // Lay the groups out one after the other in order_.
    starts_.reserve(sizes.size() + 1);
    std::uint32_t offset = 0;
    for (const std::uint32_t size : sizes) {
        starts_.push_back(offset);
        offset += size;
    }
    starts_.push_back(offset);
    order_.resize(names_.size());
    std::vector<std::uint32_t> next(starts_.begin(), starts_.end() - 1);
    for (std::size_t i = 0; i < names_.size(); ++i) {
        order_[next[group_of_[i]]++] = static_cast<std::uint32_t>(i);
    }
}

std::size_t NameGroups::slot_of(std::string_view name, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t group = slots_[slot];
        if (group == kNone) return slot;
        if (group_hash_[group] == hash && names_[first_[group]] == name) return slot;
    }
}

std::uint32_t NameGroups::find(std::string_view name) const {
    return slots_[slot_of(name, std::hash<std::string_view>()(name))];
}

} // namespace perry::linker::detail
