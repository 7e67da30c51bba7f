// Archives and universal binaries: which members to read (the symbol index, or every member),
// in which order, and what to report when a member cannot be read.
#include "archive_bytes.h"
#include "archive_index.h"
#include "elf_symbols.h"
#include "gnu_members.h"
#include "isolated_read.h"
#include "listing_storage.h"
#include "mapped_file.h"
#include "name_groups.h"
#include "object_symbols.h"
#include "perry/linker/symbols.h"

#include <llvm/BinaryFormat/Magic.h>
#include <llvm/Object/Archive.h>
#include <llvm/Object/MachOUniversal.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <memory>
#include <unordered_set>

namespace perry::linker {
namespace {

using detail::ArchiveMember;
using detail::IndexedMember;
using detail::IndexEntry;
using detail::ListingStorage;
using llvm::object::Archive;

// What reading one input needs besides the listing: where names are kept, and how to read
// member headers without the map (archive_bytes.h).
struct ReadContext {
    ListingStorage& storage;
    const detail::ArchiveBytes* input = nullptr;
};

std::string error_text(llvm::Error error) { return llvm::toString(std::move(error)); }

ReadProblem problem(const std::string& file, std::string member, std::string what,
                    std::string how_to_fix) {
    return ReadProblem{file, std::move(member), std::move(what), std::move(how_to_fix)};
}

const char* const kCorruptFix = "rebuild the archive (or the object) and check the copy is complete";

void add_format(SymbolListing& listing, ObjectFormat format) {
    if (std::find(listing.formats.begin(), listing.formats.end(), format) ==
        listing.formats.end()) {
        listing.formats.push_back(format);
    }
}

// A member to read: its bytes and its name.
struct MemberToRead {
    std::string_view bytes;
    std::string name;
};
using MemberBatch = std::vector<MemberToRead>;

// Reads members and records them in the listing: their names, symbols, formats, and problems.
// Well-formed ELF objects are read here; runs of other objects go to one child process each
// (isolated_read.h), keeping member order in the listing. Returns where each member's symbols
// went.
std::vector<detail::MemberOutput> read_members(const MemberBatch& members, SymbolListing& listing,
                                               ReadContext& context) {
    std::vector<detail::MemberInput> inputs;
    inputs.reserve(members.size());
    for (const MemberToRead& member : members) {
        const auto index = static_cast<std::uint32_t>(listing.members.size());
        listing.members.push_back(member.name);
        inputs.push_back({member.bytes, member.name.empty() ? listing.file : member.name, index});
    }
    std::vector<detail::MemberOutput> outputs(inputs.size());
    std::size_t run_start = 0;
    auto flush_run = [&](std::size_t end) {
        if (run_start == end) return;
        std::vector<detail::MemberInput> run(inputs.begin() + run_start, inputs.begin() + end);
        std::vector<detail::MemberOutput> done =
            detail::read_members_isolated(run, listing.symbols, context.storage);
        std::move(done.begin(), done.end(), outputs.begin() + run_start);
    };
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const detail::ReadPath path = detail::read_path(inputs[i].bytes);
        if (path == detail::ReadPath::kIsolated) continue;
        flush_run(i);
        run_start = i + 1;
        detail::MemberOutput& output = outputs[i];
        output.first = listing.symbols.size();
        if (path == detail::ReadPath::kNotAnObject) {
            output.outcome.status = detail::ObjectOutcome::kNotAnObject;
        } else {
            output.outcome =
                detail::read_elf_symbols(inputs[i].bytes, inputs[i].index, listing.symbols);
        }
        output.count = listing.symbols.size() - output.first;
    }
    flush_run(inputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const detail::ObjectOutcome& outcome = outputs[i].outcome;
        switch (outcome.status) {
        case detail::ObjectOutcome::kRead:
            add_format(listing, outcome.format);
            break;
        case detail::ObjectOutcome::kNotAnObject:
            listing.skipped_members.push_back(members[i].name);
            break;
        case detail::ObjectOutcome::kFailed:
            listing.problems.push_back(
                problem(listing.file, members[i].name, outcome.error, kCorruptFix));
            break;
        }
    }
    return outputs;
}

// Lists the members through LLVM's Archive (headers only, but each through the map). A corrupt
// header ends the walk with a problem that names the last good member, since the broken one has
// no trustworthy name.
std::vector<ArchiveMember> list_members_with_llvm(const Archive& archive, const std::string& prefix,
                                                  SymbolListing& listing) {
    std::vector<ArchiveMember> members;
    llvm::Error error = llvm::Error::success();
    for (const Archive::Child& child : archive.children(error)) {
        ArchiveMember member;
        member.offset = child.getChildOffset();
        llvm::Expected<llvm::StringRef> name = child.getName();
        if (!name) {
            listing.problems.push_back(problem(listing.file,
                                               prefix + "member at offset " +
                                                   std::to_string(member.offset),
                                               error_text(name.takeError()), kCorruptFix));
            continue;
        }
        member.name = prefix + name->str();
        llvm::Expected<llvm::StringRef> bytes = child.getBuffer();
        if (!bytes) {
            listing.problems.push_back(
                problem(listing.file, member.name, error_text(bytes.takeError()),
                        archive.isThin() ? "a thin archive refers to its members by path: "
                                           "keep them next to the archive"
                                         : kCorruptFix));
            continue;
        }
        // LLVM 14 hands out a member's bytes as its header claims them, even when they run
        // past the end of a truncated archive: never let anything read beyond the file.
        const llvm::StringRef whole = archive.getData();
        if (!archive.isThin() &&
            (bytes->begin() < whole.begin() || bytes->end() > whole.end())) {
            listing.problems.push_back(problem(listing.file, member.name,
                                               "truncated archive: the member runs past the "
                                               "end of the file",
                                               kCorruptFix));
            continue;
        }
        member.bytes = std::string_view(bytes->data(), bytes->size());
        member.size = bytes->size();
        members.push_back(std::move(member));
    }
    if (error) {
        // LLVM's message names the member whose header or size is broken.
        listing.problems.push_back(problem(listing.file, members.empty() ? prefix : members.back().name,
                                           "truncated or corrupt archive: " +
                                               error_text(std::move(error)),
                                           kCorruptFix));
    }
    return members;
}

// Lists the members of a GNU archive with pread (gnu_members.h), or returns false when the
// archive is of another kind or the walk declines it.
bool list_gnu_members(const Archive& archive, const ReadContext& context,
                      std::vector<ArchiveMember>& members) {
    if (context.input == nullptr || archive.isThin() ||
        (archive.kind() != Archive::K_GNU && archive.kind() != Archive::K_GNU64)) {
        return false;
    }
    const llvm::StringRef whole = archive.getData();
    if (whole.size() != context.input->size()) return false; // the walk reads the whole input
    llvm::Error error = llvm::Error::success();
    const Archive::child_iterator first = archive.child_begin(error);
    if (error) {
        llvm::consumeError(std::move(error));
        return false;
    }
    const std::uint64_t start = first == archive.child_end()
                                    ? whole.size()
                                    : static_cast<std::uint64_t>(first->getChildOffset());
    const llvm::StringRef long_names = archive.getStringTable();
    if (!detail::walk_gnu_members(*context.input, start,
                                  std::string_view(long_names.data(), long_names.size()),
                                  members)) {
        members.clear();
        return false;
    }
    for (ArchiveMember& member : members) {
        member.bytes = std::string_view(whole.data() + member.data_offset, member.size);
    }
    return true;
}

// Lists the members. LLVM's walk touches every member header through the map, which costs
// nothing extra when every member is read next (the object's first bytes share that page). With
// ReadOptions::kinds_only_for most members are never read, and headers read with pread cost a
// quarter as much (archive_bytes.h).
std::vector<ArchiveMember> list_members(const Archive& archive, const std::string& prefix,
                                        const ReadOptions& options, const ReadContext& context,
                                        SymbolListing& listing) {
    std::vector<ArchiveMember> members;
    if (options.kinds_only_for != nullptr && prefix.empty() &&
        list_gnu_members(archive, context, members)) {
        return members;
    }
    return list_members_with_llvm(archive, prefix, listing);
}

// The object format of a member from its magic. A walked member's first bytes were read with
// its header, so an ELF member is not touched through the map for this.
bool member_format(const ArchiveMember& member, ObjectFormat& format) {
    if (member.readable && member.size >= 18 &&
        std::string_view(member.head.data(), 4) == "\x7f" "ELF") {
        return detail::peek_format(std::string_view(member.head.data(), member.head.size()).substr(
                                       0, static_cast<std::size_t>(std::min<std::uint64_t>(
                                              member.size, member.head.size()))),
                                   format);
    }
    return detail::peek_format(member.bytes, format);
}

// The index entries of an archive. Returns false when there is no index we can use (COFF and
// AIX archives are walked) or it is malformed.
bool index_entries(const Archive& archive, std::vector<IndexEntry>& entries) {
    const llvm::StringRef table = archive.getSymbolTable();
    const std::string_view bytes(table.data(), table.size());
    switch (archive.kind()) {
    case Archive::K_GNU: return detail::parse_index(bytes, detail::IndexFormat::kGnu, entries);
    case Archive::K_GNU64: return detail::parse_index(bytes, detail::IndexFormat::kGnu64, entries);
    case Archive::K_BSD:
    case Archive::K_DARWIN: return detail::parse_index(bytes, detail::IndexFormat::kBsd, entries);
    case Archive::K_DARWIN64:
        return detail::parse_index(bytes, detail::IndexFormat::kBsd64, entries);
    default: return false;
    }
}

// Whether a member's defined globals are exactly the names the index gave it. ar writes the
// index in each object's symbol order, so the names are compared in order first and sorted only
// when that fails.
bool matches_index(const std::vector<DefinedSymbol>& symbols, const detail::MemberOutput& read,
                   const std::vector<IndexEntry>& entries, const IndexedMember& indexed) {
    if (read.count != indexed.count) return false;
    bool in_order = true;
    for (std::size_t i = 0; in_order && i < read.count; ++i) {
        in_order = symbols[read.first + i].raw_name == entries[indexed.first + i].name;
    }
    if (in_order) return true;
    std::vector<std::string_view> found;
    std::vector<std::string_view> expected;
    found.reserve(read.count);
    expected.reserve(read.count);
    for (std::size_t i = 0; i < read.count; ++i) {
        found.push_back(symbols[read.first + i].raw_name);
        expected.push_back(entries[indexed.first + i].name);
    }
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    return found == expected;
}

// The C name of an index entry of a member with this format.
std::string_view c_name(std::string_view raw, ObjectFormat format) {
    return format == ObjectFormat::kMachO && !raw.empty() && raw[0] == '_' ? raw.substr(1) : raw;
}

// For ReadOptions::kinds_only_for: which indexed members define a name the index also gives to
// another member (duplicate candidates, whose kinds validate needs), by IndexedMember position.
std::vector<bool> members_sharing_a_name(const std::vector<IndexEntry>& entries,
                                         const std::vector<IndexedMember>& indexed) {
    std::vector<std::uint32_t> member_of_entry(entries.size());
    std::vector<std::string_view> names(entries.size());
    for (std::size_t m = 0; m < indexed.size(); ++m) {
        for (std::size_t i = indexed[m].first; i < indexed[m].first + indexed[m].count; ++i) {
            member_of_entry[i] = static_cast<std::uint32_t>(m);
            names[i] = entries[i].name;
        }
    }
    const detail::NameGroups groups(std::move(names));
    std::vector<bool> sharing(indexed.size(), false);
    for (std::uint32_t g = 0; g < groups.group_count(); ++g) {
        if (groups.size_of(g) < 2) continue;
        const auto [begin, end] = groups.members(g);
        const bool in_two = std::any_of(begin, end, [&](std::uint32_t i) {
            return member_of_entry[i] != member_of_entry[*begin];
        });
        if (!in_two) continue;
        for (const std::uint32_t* i = begin; i != end; ++i) sharing[member_of_entry[*i]] = true;
    }
    return sharing;
}

// Whether a member defines one of the names validate asks kinds for.
bool defines_wanted(const std::vector<IndexEntry>& entries, const IndexedMember& indexed,
                    ObjectFormat format, const std::unordered_set<std::string_view>& wanted) {
    for (std::size_t i = indexed.first; i < indexed.first + indexed.count; ++i) {
        if (wanted.count(c_name(entries[i].name, format)) != 0) return true;
    }
    return false;
}

// Symbols of a member known from the index alone (kinds not read).
void add_from_index(ObjectFormat format, const std::string& member,
                    const std::vector<IndexEntry>& entries, const IndexedMember& indexed,
                    SymbolListing& listing) {
    add_format(listing, format);
    const auto index = static_cast<std::uint32_t>(listing.members.size());
    listing.members.push_back(member);
    for (std::size_t i = indexed.first; i < indexed.first + indexed.count; ++i) {
        const std::string_view raw = entries[i].name;
        DefinedSymbol symbol;
        symbol.raw_name = raw;
        symbol.name_offset = c_name(raw, format).size() != raw.size();
        symbol.member = index;
        symbol.format = format;
        symbol.kind_known = false;
        listing.symbols.push_back(symbol);
    }
}

// Reads the members the index names, checking each against the index. Returns false, with the
// listing as it was, when the index disagrees with the members (it is stale) or names a member
// that is not there: the caller then walks every member.
bool read_through_index(const std::vector<ArchiveMember>& members,
                        std::vector<IndexEntry>& entries, const ReadOptions& options,
                        SymbolListing& listing, ReadContext& context) {
    const std::vector<IndexedMember> indexed = detail::group_by_member(entries);
    const std::size_t start = listing.symbols.size();
    const std::size_t problems_before = listing.problems.size();
    const std::size_t members_before = listing.members.size();
    const std::size_t skipped_before = listing.skipped_members.size();
    listing.symbols.reserve(start + entries.size());

    std::vector<bool> needs_kinds;
    std::unordered_set<std::string_view> wanted;
    if (options.kinds_only_for != nullptr) {
        needs_kinds = members_sharing_a_name(entries, indexed);
        wanted.reserve(options.kinds_only_for->size());
        for (const std::string& name : *options.kinds_only_for) wanted.insert(name);
    }

    // Members and index groups both come by ascending offset: match them in one pass.
    MemberBatch batch;
    std::vector<const IndexedMember*> expected;
    std::size_t matched = 0;
    std::size_t next = 0;
    for (const ArchiveMember& member : members) {
        while (next < indexed.size() && indexed[next].offset < member.offset) ++next;
        if (next == indexed.size() || indexed[next].offset != member.offset) continue;
        const IndexedMember& names = indexed[next];
        ++matched;
        if (options.kinds_only_for != nullptr && !needs_kinds[next]) {
            ObjectFormat format = ObjectFormat::kElf;
            // Not an object: let the reader report it.
            if (member_format(member, format) && !defines_wanted(entries, names, format, wanted)) {
                add_from_index(format, member.name, entries, names, listing);
                continue;
            }
        }
        batch.push_back({member.bytes, member.name});
        expected.push_back(&names);
    }
    const std::vector<detail::MemberOutput> outputs = read_members(batch, listing, context);
    bool consistent = matched == indexed.size();
    for (std::size_t i = 0; consistent && i < outputs.size(); ++i) {
        if (outputs[i].outcome.status == detail::ObjectOutcome::kFailed) continue;
        consistent = matches_index(listing.symbols, outputs[i], entries, *expected[i]);
    }
    if (consistent) {
        listing.used_index = true;
        return true;
    }
    // Unreadable members are reported by the walk; only a disagreement is a stale index.
    listing.index_stale = listing.problems.size() == problems_before;
    listing.symbols.resize(start);
    listing.members.resize(members_before);
    listing.problems.resize(problems_before);
    listing.skipped_members.resize(skipped_before);
    return false;
}

void read_archive(const Archive& archive, const std::string& prefix, const ReadOptions& options,
                  SymbolListing& listing, ReadContext& context) {
    listing.is_archive = true;
    const std::vector<ArchiveMember> members =
        list_members(archive, prefix, options, context, listing);
    listing.member_count += members.size();

    // The index is what a linker searches, so a member it does not name cannot satisfy a
    // reference: with a consistent index only the members it names are read.
    std::vector<IndexEntry> entries;
    if (!options.walk && archive.hasSymbolTable() && index_entries(archive, entries) &&
        !entries.empty() && read_through_index(members, entries, options, listing, context)) {
        return;
    }
    MemberBatch batch;
    batch.reserve(members.size());
    for (const ArchiveMember& member : members) batch.push_back({member.bytes, member.name});
    read_members(batch, listing, context);
}

void read_universal(llvm::MemoryBufferRef buffer, const ReadOptions& options,
                    SymbolListing& listing, ReadContext& context) {
    auto universal = llvm::object::MachOUniversalBinary::create(buffer);
    if (!universal) {
        throw SymbolReadError(problem(listing.file, "",
                                      "corrupt Mach-O universal binary: " +
                                          error_text(universal.takeError()),
                                      kCorruptFix));
    }
    for (const auto& slice : (*universal)->objects()) {
        const std::string prefix = "[" + slice.getArchFlagName() + "] ";
        llvm::Expected<std::unique_ptr<Archive>> archive = slice.getAsArchive();
        if (archive) {
            std::shared_ptr<const Archive> owned = std::move(*archive);
            context.storage.own(owned); // it owns the buffers of thin members
            read_archive(*owned, prefix, options, listing, context);
            continue;
        }
        llvm::consumeError(archive.takeError());
        const uint64_t offset = slice.getOffset();
        const uint64_t size = slice.getSize();
        if (offset > buffer.getBufferSize() || size > buffer.getBufferSize() - offset) {
            listing.problems.push_back(problem(listing.file, prefix, "slice past end of file",
                                               kCorruptFix));
            continue;
        }
        read_members({{std::string_view(buffer.getBufferStart() + offset, size), prefix + "object"}},
                     listing, context);
    }
}

[[noreturn]] void throw_not_symbolic(const std::string& file, std::string_view bytes) {
    std::vector<std::string> inputs;
    if (detail::looks_like_linker_script(bytes, inputs)) {
        std::string names;
        for (const std::string& input : inputs) names += (names.empty() ? "" : " ") + input;
        throw SymbolReadError(problem(
            file, "", "a GNU ld text linker script, not an archive or object file",
            names.empty() ? "read the files the script names instead"
                          : "read the files the script names instead: " + names));
    }
    if (bytes.empty()) {
        throw SymbolReadError(problem(file, "", "empty file, not an archive or object file",
                                      "rebuild it; the build that wrote it may have failed"));
    }
    throw SymbolReadError(problem(file, "",
                                  "not an archive or object file this reader knows (ELF, "
                                  "Mach-O, COFF, wasm, LLVM bitcode, ar archives)",
                                  "pass a static library (.a/.lib) or an object file"));
}

SymbolListing read_buffer(std::string_view bytes, const std::string& name,
                          const ReadOptions& options, const detail::ArchiveBytes& input,
                          std::shared_ptr<ListingStorage> storage) {
    SymbolListing listing;
    listing.file = name;
    listing.storage = storage;
    ReadContext context{*storage, &input};
    const llvm::MemoryBufferRef buffer(llvm::StringRef(bytes.data(), bytes.size()), name);
    const llvm::file_magic magic = llvm::identify_magic(buffer.getBuffer());
    if (magic == llvm::file_magic::archive) {
        llvm::Expected<std::unique_ptr<Archive>> archive = Archive::create(buffer);
        if (!archive) {
            throw SymbolReadError(problem(name, "",
                                          "corrupt archive: " +
                                              error_text(archive.takeError()),
                                          kCorruptFix));
        }
        std::shared_ptr<const Archive> owned = std::move(*archive);
        storage->own(owned); // it owns the buffers of thin members
        read_archive(*owned, "", options, listing, context);
        return listing;
    }
    if (magic == llvm::file_magic::macho_universal_binary) {
        read_universal(buffer, options, listing, context);
        return listing;
    }
    const std::vector<detail::MemberOutput> outputs =
        read_members({{bytes, ""}}, listing, context);
    const detail::ObjectOutcome& outcome = outputs.front().outcome;
    if (outcome.status == detail::ObjectOutcome::kNotAnObject) throw_not_symbolic(name, bytes);
    if (outcome.status == detail::ObjectOutcome::kFailed) {
        throw SymbolReadError(problem(name, "", outcome.error, kCorruptFix));
    }
    listing.member_count = 1;
    return listing;
}

} // namespace

SymbolListing read_symbols(const std::string& path, const ReadOptions& options) {
    // Members are read through the map; in validate's mode, member headers are read with pread
    // (archive_bytes.h). The descriptor is closed when the read is done; the map stays with the
    // listing, whose names view it.
    const detail::OpenFile file(path);
    auto mapped = std::make_shared<const detail::MappedFile>(file, path);
    auto storage = std::make_shared<ListingStorage>();
    storage->own(mapped);
    return read_buffer(mapped->bytes(), path, options,
                       detail::ArchiveBytes::file(file.fd(), file.size()), std::move(storage));
}

SymbolListing read_symbols_from_memory(std::string_view bytes, const std::string& name,
                                       const ReadOptions& options) {
    return read_buffer(bytes, name, options, detail::ArchiveBytes::memory(bytes),
                       std::make_shared<ListingStorage>());
}

} // namespace perry::linker
