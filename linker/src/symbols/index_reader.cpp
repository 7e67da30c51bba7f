#include "index_reader.h"

#include "member_reader.h"
#include "object_symbols.h"

#include <algorithm>
#include <functional>
#include <unordered_set>
#include <utility>

namespace perry::linker::detail {
namespace {

// Whether a member's defined globals are exactly the names the index gave it. ar writes the
// index in each object's symbol order, so the names are compared in order first and sorted only
// when that fails.
bool matches_index(const std::vector<DefinedSymbol>& symbols, const MemberOutput& read,
                   const IndexedMember& indexed) {
    if (read.count != indexed.count)
        return false;
    bool in_order = true;
    std::size_t i = read.first;
    indexed.for_each_name(
        [&](std::string_view name) { in_order = in_order && symbols[i++].raw_name == name; });
    if (in_order)
        return true;
    std::vector<std::string_view> found;
    std::vector<std::string_view> expected;
    found.reserve(read.count);
    expected.reserve(read.count);
    for (std::size_t k = read.first; k < read.first + read.count; ++k) {
        found.push_back(symbols[k].raw_name);
    }
    indexed.for_each_name([&](std::string_view name) { expected.push_back(name); });
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    return found == expected;
}

// The C name of an index entry of a member with this format.
std::string_view c_name(std::string_view raw, ObjectFormat format) {
    return format == ObjectFormat::MachO && !raw.empty() && raw[0] == '_' ? raw.substr(1) : raw;
}

// For ReadOptions::kinds_only_for: which indexed members define a name the index also gives to
// another member (duplicate candidates, whose kinds validate needs), by position in `index`.
// Names are compared by a 64-bit hash only: a collision would merely make the reader parse a
// member it could have taken from the index, which changes nothing validate reports.
std::vector<bool> members_sharing_a_name(const ArchiveIndex& index) {
    const std::vector<IndexedMember>& indexed = index.members();
    std::vector<std::pair<std::uint64_t, std::uint32_t>> names; // hash, member
    names.reserve(index.name_count());
    const std::hash<std::string_view> hash;
    for (std::size_t m = 0; m < indexed.size(); ++m) {
        indexed[m].for_each_name([&](std::string_view name) {
            names.emplace_back(hash(name), static_cast<std::uint32_t>(m));
        });
    }
    std::sort(names.begin(), names.end());
    std::vector<bool> sharing(indexed.size(), false);
    for (std::size_t run = 0; run < names.size();) {
        std::size_t end = run + 1;
        while (end < names.size() && names[end].first == names[run].first)
            ++end;
        // Sorted by member within the run: two members differ at its ends.
        if (names[end - 1].second != names[run].second) {
            for (std::size_t k = run; k < end; ++k)
                sharing[names[k].second] = true;
        }
        run = end;
    }
    return sharing;
}

// Whether a member defines one of the names validate asks kinds for.
bool defines_wanted(const IndexedMember& indexed, ObjectFormat format,
                    const std::unordered_set<std::string_view>& wanted) {
    bool found = false;
    indexed.for_each_name(
        [&](std::string_view name) { found = found || wanted.count(c_name(name, format)) != 0; });
    return found;
}

// Symbols of a member known from the index alone (kinds not read).
void add_from_index(ObjectFormat format, const ArchiveMember& member, const IndexedMember& indexed,
                    SymbolListing& listing) {
    add_format(listing, format);
    const auto index = static_cast<std::uint32_t>(listing.members.size());
    listing.members.push_back(member.name);
    listing.member_bytes.push_back(member.bytes);
    indexed.for_each_name([&](std::string_view raw) {
        DefinedSymbol symbol;
        symbol.raw_name = raw;
        symbol.member = index;
        symbol.format = format;
        symbol.kind_known = false;
        listing.symbols.push_back(symbol);
    });
}

} // namespace

bool read_through_index(const std::vector<ArchiveMember>& members, const ArchiveIndex& index,
                        const ReadOptions& options, SymbolListing& listing,
                        ListingStorage& storage) {
    const std::vector<IndexedMember>& indexed = index.members();
    const std::size_t start = listing.symbols.size();
    const std::size_t problems_before = listing.problems.size();
    const std::size_t members_before = listing.members.size();
    const std::size_t skipped_before = listing.skipped_members.size();
    listing.symbols.reserve(start + index.name_count());

    std::vector<bool> needs_kinds;
    std::unordered_set<std::string_view> wanted;
    if (options.kinds_only_for != nullptr) {
        needs_kinds = members_sharing_a_name(index);
        wanted.reserve(options.kinds_only_for->size());
        for (const std::string& name : *options.kinds_only_for)
            wanted.insert(name);
    }

    // Members and index groups both come by ascending offset: match them in one pass.
    MemberBatch batch;
    std::vector<const IndexedMember*> expected;
    batch.reserve(indexed.size());
    expected.reserve(indexed.size());
    std::size_t matched = 0;
    std::size_t next = 0;
    for (const ArchiveMember& member : members) {
        while (next < indexed.size() && indexed[next].offset < member.offset)
            ++next;
        if (next == indexed.size() || indexed[next].offset != member.offset)
            continue;
        const IndexedMember& names = indexed[next];
        ++matched;
        if (options.kinds_only_for != nullptr && !needs_kinds[next]) {
            ObjectFormat format = ObjectFormat::Elf;
            // Not an object: let the reader report it.
            if (member_format(member, format) && !defines_wanted(names, format, wanted)) {
                add_from_index(format, member, names, listing);
                continue;
            }
        }
        batch.push_back({member.bytes, member.name});
        expected.push_back(&names);
    }
    const std::vector<MemberOutput> outputs = read_members(batch, listing, storage);
    bool consistent = matched == indexed.size();
    for (std::size_t i = 0; consistent && i < outputs.size(); ++i) {
        if (outputs[i].outcome.status == ObjectOutcome::kFailed)
            continue;
        consistent = matches_index(listing.symbols, outputs[i], *expected[i]);
    }
    if (consistent) {
        listing.used_index = true;
        return true;
    }
    // Unreadable members are reported by the walk; only a disagreement is a stale index.
    listing.index_stale = listing.problems.size() == problems_before;
    listing.symbols.resize(start);
    listing.members.resize(members_before);
    listing.member_bytes.resize(members_before);
    listing.problems.resize(problems_before);
    listing.skipped_members.resize(skipped_before);
    return false;
}

} // namespace perry::linker::detail
