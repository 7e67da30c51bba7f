#include "support/self_check.h"

#include "symbols/archive_bytes.h"
#include "symbols/elf_precheck.h"
#include "symbols/elf_symbols.h"
#include "symbols/gnu_members.h"
#include "symbols/listing_storage.h"
#include "symbols/object_symbols.h"

#include <llvm/Object/Archive.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <memory>
#include <vector>

namespace perry::linker::detail {
namespace {

using llvm::object::Archive;

std::unique_ptr<Archive> open_archive(std::string_view bytes) {
    llvm::Expected<std::unique_ptr<Archive>> archive =
        Archive::create(llvm::MemoryBufferRef(llvm::StringRef(bytes.data(), bytes.size()), ""));
    if (!archive) {
        llvm::consumeError(archive.takeError());
        return nullptr;
    }
    return std::move(*archive);
}

std::string describe(const DefinedSymbol& s) {
    return std::string(s.raw_name) + " " + std::string(to_string(s.kind)) + " " +
           std::string(to_string(s.format)) + (s.code ? " code" : "");
}

std::string compare_object(std::string_view bytes, const std::string& where) {
    ObjectFormat format = ObjectFormat::Elf;
    if (!peek_format(bytes, format) || format != ObjectFormat::Elf || !elf_is_well_formed(bytes)) {
        return {};
    }
    std::vector<DefinedSymbol> fast;
    std::vector<DefinedSymbol> generic;
    ListingStorage storage;
    const ObjectOutcome a = read_elf_symbols(bytes, 0, fast);
    const ObjectOutcome b = read_object_symbols(bytes, where, 0, generic, storage);
    if (a.status != b.status || a.error != b.error || a.format != b.format) {
        return where + ": outcome " + a.error + " | " + b.error;
    }
    if (fast.size() != generic.size()) {
        return where + ": " + std::to_string(fast.size()) + " symbols against " +
               std::to_string(generic.size());
    }
    for (std::size_t i = 0; i < fast.size(); ++i) {
        if (describe(fast[i]) != describe(generic[i])) {
            return where + ": symbol " + std::to_string(i) + ": " + describe(fast[i]) + " | " +
                   describe(generic[i]);
        }
    }
    return {};
}

} // namespace

std::string gnu_walk_disagreement(std::string_view bytes) {
    const std::unique_ptr<Archive> archive = open_archive(bytes);
    if (archive == nullptr || archive->isThin() ||
        (archive->kind() != Archive::K_GNU && archive->kind() != Archive::K_GNU64)) {
        return {};
    }
    llvm::Error error = llvm::Error::success();
    const Archive::child_iterator first = archive->child_begin(error);
    if (error) {
        llvm::consumeError(std::move(error));
        return {};
    }
    const std::uint64_t start =
        first == archive->child_end() ? bytes.size() : first->getChildOffset();
    std::vector<ArchiveMember> walked;
    const llvm::StringRef long_names = archive->getStringTable();
    if (!walk_gnu_members(ArchiveBytes::memory(bytes), start,
                          std::string_view(long_names.data(), long_names.size()), walked)) {
        return {};
    }
    std::size_t i = 0;
    for (const Archive::Child& child : archive->children(error)) {
        const std::string where = "member " + std::to_string(i);
        llvm::Expected<llvm::StringRef> name = child.getName();
        llvm::Expected<llvm::StringRef> data = child.getBuffer();
        if (!name || !data) {
            if (!name)
                llvm::consumeError(name.takeError());
            if (!data)
                llvm::consumeError(data.takeError());
            return where + ": LLVM cannot read a member the walk accepted";
        }
        if (i >= walked.size())
            return where + ": only LLVM lists it";
        const ArchiveMember& member = walked[i];
        if (member.name != name->str() || member.offset != child.getChildOffset() ||
            member.size != data->size() ||
            member.data_offset != static_cast<std::uint64_t>(data->data() - bytes.data())) {
            return where + ": `" + member.name + "` at " + std::to_string(member.offset) +
                   " against `" + name->str() + "` at " + std::to_string(child.getChildOffset());
        }
        ++i;
    }
    if (error) {
        llvm::consumeError(std::move(error));
        return "LLVM stops with an error where the walk went on";
    }
    if (i != walked.size())
        return "only the walk lists member " + std::to_string(i);
    return {};
}

std::string elf_reader_disagreement(std::string_view bytes) {
    const std::unique_ptr<Archive> archive = open_archive(bytes);
    if (archive == nullptr)
        return compare_object(bytes, "object");
    llvm::Error error = llvm::Error::success();
    std::size_t i = 0;
    for (const Archive::Child& child : archive->children(error)) {
        llvm::Expected<llvm::StringRef> data = child.getBuffer();
        const std::string where = "member " + std::to_string(i++);
        if (!data) {
            llvm::consumeError(data.takeError());
            continue;
        }
        // Only members inside the input (LLVM 14 hands out bytes past the end of a truncated one).
        if (data->data() < bytes.data() || data->end() > bytes.data() + bytes.size())
            continue;
        std::string difference =
            compare_object(std::string_view(data->data(), data->size()), where);
        if (!difference.empty()) {
            llvm::consumeError(std::move(error));
            return difference;
        }
    }
    llvm::consumeError(std::move(error));
    return {};
}

} // namespace perry::linker::detail
