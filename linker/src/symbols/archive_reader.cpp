// Archives and universal binaries: which members to read (the symbol index, or every member),
// in which order, and what to report when a member cannot be read.
#include "archive_bytes.h"
#include "archive_index.h"
#include "archive_members.h"
#include "index_reader.h"
#include "listing_storage.h"
#include "mapped_file.h"
#include "member_reader.h"
#include "object_symbols.h"
#include "perry/linker/symbols.h"

#include <llvm/BinaryFormat/Magic.h>
#include <llvm/Object/Archive.h>
#include <llvm/Object/MachOUniversal.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <memory>

namespace perry::linker {
namespace {

using detail::ArchiveMember;
using detail::kCorruptFix;
using detail::ListingStorage;
using detail::problem;
using llvm::object::Archive;

// What reading one input needs besides the listing: where names are kept, and how to read
// member headers without the map (archive_bytes.h).
struct ReadContext {
    ListingStorage& storage;
    const detail::ArchiveBytes* input = nullptr;
};

std::string error_text(llvm::Error error) {
    return llvm::toString(std::move(error));
}

// Parses the archive's symbol index. Returns false when there is no index we can use (COFF and
// AIX archives are walked) or it is malformed.
bool parse_index(const Archive& archive, detail::ArchiveIndex& index) {
    const llvm::StringRef table = archive.getSymbolTable();
    const std::string_view bytes(table.data(), table.size());
    switch (archive.kind()) {
    case Archive::K_GNU:
        return index.parse(bytes, detail::IndexFormat::Gnu);
    case Archive::K_GNU64:
        return index.parse(bytes, detail::IndexFormat::Gnu64);
    case Archive::K_BSD:
    case Archive::K_DARWIN:
        return index.parse(bytes, detail::IndexFormat::Bsd);
    case Archive::K_DARWIN64:
        return index.parse(bytes, detail::IndexFormat::Bsd64);
    default:
        return false;
    }
}

void read_archive(const Archive& archive, const std::string& prefix, const ReadOptions& options,
                  SymbolListing& listing, ReadContext& context) {
    listing.is_archive = true;
    detail::ArchiveIndex index;
    const bool indexed = !options.walk && archive.hasSymbolTable() && parse_index(archive, index) &&
                         index.name_count() != 0;
    // LLVM's walk touches every member header through the map, which costs nothing extra when
    // every member is read next (an object's first bytes share its header's page). In validate's
    // mode most members are never read, and headers read with pread cost a quarter as much.
    const std::size_t problems_before = listing.problems.size();
    const std::vector<ArchiveMember> members = detail::list_members(
        archive, prefix, options.kinds_only_for != nullptr ? context.input : nullptr,
        index.members().size(), listing);
    listing.member_count += members.size();

    // The index is what a linker searches, so a member it does not name cannot satisfy a
    // reference: with a consistent index only the members it names are read.
    if (indexed && detail::read_through_index(members, index, options, listing, context.storage)) {
        // In validate's mode, symbols taken from the index alone view its names.
        if (index.regrouped_names() != nullptr)
            context.storage.own(index.regrouped_names());
        return;
    }
    // A member left out for a problem already reported makes the index look stale; it is not.
    if (listing.problems.size() != problems_before)
        listing.index_stale = false;
    detail::MemberBatch batch;
    batch.reserve(members.size());
    for (const ArchiveMember& member : members)
        batch.push_back({member.bytes, member.name});
    detail::read_members(batch, listing, context.storage);
}

void read_universal(llvm::MemoryBufferRef buffer, const ReadOptions& options,
                    SymbolListing& listing, ReadContext& context) {
    auto universal = llvm::object::MachOUniversalBinary::create(buffer);
    if (!universal) {
        throw SymbolReadError(problem(
            listing.file, "",
            "corrupt Mach-O universal binary: " + error_text(universal.takeError()), kCorruptFix));
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
            listing.problems.push_back(
                problem(listing.file, prefix, "slice past end of file", kCorruptFix));
            continue;
        }
        detail::read_members(
            {{std::string_view(buffer.getBufferStart() + offset, size), prefix + "object"}},
            listing, context.storage);
    }
}

[[noreturn]] void throw_not_symbolic(const std::string& file, std::string_view bytes) {
    std::vector<std::string> inputs;
    if (detail::looks_like_linker_script(bytes, inputs)) {
        std::string names;
        for (const std::string& input : inputs)
            names += (names.empty() ? "" : " ") + input;
        throw SymbolReadError(
            problem(file, "", "a GNU ld text linker script, not an archive or object file",
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
            throw SymbolReadError(problem(
                name, "", "corrupt archive: " + error_text(archive.takeError()), kCorruptFix));
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
        detail::read_members({{bytes, ""}}, listing, *storage);
    const detail::ObjectOutcome& outcome = outputs.front().outcome;
    if (outcome.status == detail::ObjectOutcome::kNotAnObject)
        throw_not_symbolic(name, bytes);
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
                       detail::ArchiveBytes::file(file.input(), file.size()), std::move(storage));
}

SymbolListing read_symbols_from_memory(std::string_view bytes, const std::string& name,
                                       const ReadOptions& options) {
    return read_buffer(bytes, name, options, detail::ArchiveBytes::memory(bytes),
                       std::make_shared<ListingStorage>());
}

} // namespace perry::linker
