// Which of thousands of names are equal (internal to the linker library; validate groups every
// name of a listing with it). A map keyed by name would cost a node per name, and sorting walks
// the long common prefixes of mangled names; here one open-addressing table of group numbers,
// keyed by hash, groups them in one pass, and only equal hashes compare the names themselves.
// The names are not copied: they are read through `name_of`. Fresh memory is what costs most on
// this project's VMs (docs/design-notes.md), so the groups are chains through one array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

class NameGroups {
  public:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    using NameOf = std::function<std::string_view(std::uint32_t)>;

    // Groups names 0 .. count - 1; `name_of(i)` gives name i, and it and what it views must
    // outlive this object.
    NameGroups(std::size_t count, NameOf name_of);

    std::size_t group_count() const { return first_.size(); }
    // The group of name i: equal names, and only they, share a group.
    std::uint32_t group_of(std::size_t i) const { return group_of_[i]; }
    // The smallest index in a group, and the index after `i` in i's group (kNone after the
    // last): for (i = first(g); i != kNone; i = next(i)) visits a group in ascending order.
    std::uint32_t first(std::uint32_t group) const { return first_[group]; }
    std::uint32_t next(std::uint32_t i) const { return next_[i]; }
    // The group of a name, or kNone when no name equals it.
    std::uint32_t find(std::string_view name) const;

  private:
    // The table slot of `name` (with hash `hash`): its group's, or the empty one it would take.
    std::size_t slot_of(std::string_view name, std::uint32_t hash) const;

    NameOf name_of_;
    std::vector<std::uint32_t> slots_;      // group number, or kNone; a power of two in size
    std::vector<std::uint32_t> group_hash_; // by group
    std::vector<std::uint32_t> first_;      // by group
    std::vector<std::uint32_t> next_;       // by name
    std::vector<std::uint32_t> group_of_;   // by name
};

} // namespace perry::linker::detail
