// Which of thousands of names are equal (internal to the linker library). Used for the names an
// archive index gives to several members, and by validate for every name of a listing. A map
// keyed by name would cost a node per name, and sorting walks the long common prefixes of mangled
// names; here one open-addressing table of group numbers, keyed by a 64-bit hash, groups them in
// one pass, and only equal hashes compare the names themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace perry::linker::detail {

class NameGroups {
public:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};

    // The names are views; what they view must outlive this object.
    explicit NameGroups(std::vector<std::string_view> names);

    std::size_t group_count() const { return starts_.size() - 1; }
    // The group of names[i]: equal names, and only they, share a group. Groups are numbered in
    // the order of their first name.
    std::uint32_t group_of(std::size_t i) const { return group_of_[i]; }
    // The indexes (into the constructor's names) of a group, ascending.
    std::pair<const std::uint32_t*, const std::uint32_t*> members(std::uint32_t group) const {
        return {order_.data() + starts_[group], order_.data() + starts_[group + 1]};
    }
    std::size_t size_of(std::uint32_t group) const { return starts_[group + 1] - starts_[group]; }
    // The group of a name, or kNone when no name equals it.
    std::uint32_t find(std::string_view name) const;

private:
    // The table slot of `name` (with hash `hash`): its group's, or the empty one it would take.
    std::size_t slot_of(std::string_view name, std::uint64_t hash) const;

    std::vector<std::string_view> names_;
    std::vector<std::uint32_t> slots_;      // group number, or kNone; a power of two in size
    std::vector<std::uint64_t> group_hash_; // by group
    std::vector<std::uint32_t> first_;      // by group: its first name
    std::vector<std::uint32_t> order_;      // name indexes, group after group, ascending within
    std::vector<std::uint32_t> starts_;     // group g is order_[starts_[g], starts_[g + 1])
    std::vector<std::uint32_t> group_of_;   // by name index
};

} // namespace perry::linker::detail
