#include "archive_members.h"

#include "mapped_file.h"
#include "member_reader.h"

#include <llvm/Support/Error.h>

#include <algorithm>

namespace perry::linker::detail {
namespace {

using llvm::object::Archive;

std::string error_text(llvm::Error error) {
    return llvm::toString(std::move(error));
}

// Lists the members through LLVM's Archive (headers only, but each through the map). A corrupt
// header ends the walk with a problem that names the last good member, since the broken one has
// no trustworthy name.
void list_members_with_llvm(const Archive& archive, const std::string& prefix,
                            std::vector<ArchiveMember>& members, SymbolListing& listing) {
    llvm::Error error = llvm::Error::success();
    for (const Archive::Child& child : archive.children(error)) {
        ArchiveMember member;
        member.offset = child.getChildOffset();
        llvm::Expected<llvm::StringRef> name = child.getName();
        if (!name) {
            listing.problems.push_back(
                problem(listing.file, prefix + "member at offset " + std::to_string(member.offset),
                        error_text(name.takeError()), kCorruptFix));
            continue;
        }
        member.name = prefix + name->str();
        if (archive.isThin()) {
            // LLVM opens and reads a thin member's file itself: a FIFO or a device there would
            // block or never end, so the file is checked first.
            llvm::Expected<std::string> path = child.getFullName();
            std::string wrong = path ? input_file_problem(*path) : error_text(path.takeError());
            if (!wrong.empty()) {
                listing.problems.push_back(
                    problem(listing.file, member.name, std::move(wrong),
                            "a thin archive refers to its members by path: keep the member "
                            "files, as regular files, next to the archive"));
                continue;
            }
        }
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
        if (!archive.isThin() && (bytes->begin() < whole.begin() || bytes->end() > whole.end())) {
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
        listing.problems.push_back(
            problem(listing.file, members.empty() ? prefix : members.back().name,
                    "truncated or corrupt archive: " + error_text(std::move(error)), kCorruptFix));
    }
}

// Lists the members of a GNU archive with pread (gnu_members.h), or returns false when the
// archive is of another kind or the walk declines it.
bool list_gnu_members(const Archive& archive, const ArchiveBytes* input,
                      std::vector<ArchiveMember>& members) {
    if (input == nullptr || archive.isThin() ||
        (archive.kind() != Archive::K_GNU && archive.kind() != Archive::K_GNU64)) {
        return false;
    }
    const llvm::StringRef whole = archive.getData();
    if (whole.size() != input->size())
        return false; // the walk reads the whole input
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
    if (!walk_gnu_members(*input, start, std::string_view(long_names.data(), long_names.size()),
                          members)) {
        return false;
    }
    for (ArchiveMember& member : members) {
        member.bytes = std::string_view(whole.data() + member.data_offset, member.size);
    }
    return true;
}

} // namespace

std::vector<ArchiveMember> list_members(const Archive& archive, const std::string& prefix,
                                        const ArchiveBytes* pread_headers, std::size_t expected,
                                        SymbolListing& listing) {
    // Members the index does not name (rare) need room too; room never written costs nothing.
    std::vector<ArchiveMember> members;
    members.reserve(expected + expected / 4 + 16);
    if (prefix.empty() && list_gnu_members(archive, pread_headers, members))
        return members;
    members.clear();
    list_members_with_llvm(archive, prefix, members, listing);
    return members;
}

} // namespace perry::linker::detail
