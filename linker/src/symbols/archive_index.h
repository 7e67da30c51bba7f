// The symbol index (armap) of an archive, parsed by our own bounds-checked code (internal to the
// symbol reader). LLVM 14's Archive::Symbol does not check the string offsets of BSD/Darwin
// indexes (the fuzz target made it read out of bounds), and its getMember re-parses a member
// header for every entry, which dominated the read of big archives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::detail {

enum class IndexFormat { Gnu, Gnu64, Bsd, Bsd64 };

// The names the index gives one member: `count` NUL-terminated names, one after the other, in
// index order.
struct IndexedMember {
    std::uint64_t offset = 0; // of the member's header, as the index counts
    std::uint32_t count = 0;
    std::string_view names;

    // Calls fn(name) for each name, in index order.
    template <class Fn> void for_each_name(Fn&& fn) const {
        std::string_view rest = names;
        for (std::uint32_t i = 0; i < count; ++i) {
            const std::size_t end = rest.find('\0');
            fn(rest.substr(0, end));
            rest.remove_prefix(end + 1);
        }
    }
};

// The index, grouped by member. GNU ar lists each member's names together, in member order, so
// the groups view the table itself: nothing is stored per name (a big archive has tens of
// thousands, and fresh memory is what costs most on this project's VMs). An index in any other
// order, and every BSD index, is regrouped into a buffer of its own.
class ArchiveIndex {
  public:
    // Parses a table (the index member's contents), which must outlive this object. Returns
    // false when it is malformed.
    bool parse(std::string_view table, IndexFormat format);

    // One entry per member, by ascending offset.
    const std::vector<IndexedMember>& members() const { return members_; }
    std::size_t name_count() const { return name_count_; }
    // What the groups view besides the table: the regrouped names, or null. A listing that keeps
    // names from the index must keep this too.
    std::shared_ptr<const std::string> regrouped_names() const { return regrouped_; }

  private:
    struct Entry {
        std::uint64_t member_offset;
        std::string_view name;
    };
    bool parse_gnu(std::string_view table, int width);
    bool parse_bsd(std::string_view table, int width);
    void regroup(std::vector<Entry> entries);

    std::vector<IndexedMember> members_;
    std::size_t name_count_ = 0;
    std::shared_ptr<std::string> regrouped_;
};

} // namespace perry::linker::detail
