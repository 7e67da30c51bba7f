#include "name_groups.h"

namespace perry::linker::detail {
namespace {

std::uint32_t hash_of(std::string_view name) {
    const std::uint64_t h = std::hash<std::string_view>()(name);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

} // namespace

NameGroups::NameGroups(std::size_t count, NameOf name_of) : name_of_(std::move(name_of)) {
    std::size_t capacity = 16;
    while (capacity < count + count / 2)
        capacity *= 2; // at most 2/3 full
    slots_.assign(capacity, kNone);
    next_.assign(count, kNone);
    group_of_.resize(count);
    // At most one group per name. Reserving that much costs nothing: pages never written are
    // never touched, and growing by copies would touch fresh ones.
    group_hash_.reserve(count);
    first_.reserve(count);
    std::vector<std::uint32_t> last; // by group, while building: where its chain ends
    last.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::string_view name = name_of_(i);
        const std::uint32_t h = hash_of(name);
        const std::size_t slot = slot_of(name, h);
        std::uint32_t& group = slots_[slot];
        if (group == kNone) {
            group = static_cast<std::uint32_t>(first_.size());
            group_hash_.push_back(h);
            first_.push_back(i);
            last.push_back(i);
        } else {
            next_[last[group]] = i;
            last[group] = i;
        }
        group_of_[i] = group;
    }
}

std::size_t NameGroups::slot_of(std::string_view name, std::uint32_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t group = slots_[slot];
        if (group == kNone)
            return slot;
        if (group_hash_[group] == hash && name_of_(first_[group]) == name)
            return slot;
    }
}

std::uint32_t NameGroups::find(std::string_view name) const {
    return slots_[slot_of(name, hash_of(name))];
}

} // namespace perry::linker::detail
