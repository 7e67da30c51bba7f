// Archives and universal binaries: which members to read (the symbol index, or every member),
// in which order, and what to report when a member cannot be read.
#include "object_symbols.h"
#include "perry/linker/symbols.h"

#include <llvm/BinaryFormat/Magic.h>
#include <llvm/Object/Archive.h>
#include <llvm/Object/MachOUniversal.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <set>
#include <unordered_map>

namespace perry::linker {
namespace {

using llvm::object::Archive;

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

// Reads one member's bytes; records the outcome in the listing.
void read_member(std::string_view bytes, const std::string& member, SymbolListing& listing) {
    const auto index = static_cast<std::uint32_t>(listing.members.size());
    listing.members.push_back(member);
    detail::ObjectOutcome outcome =
        detail::read_object_symbols(bytes, member, index, listing.symbols);
    switch (outcome.status) {
    case detail::ObjectOutcome::kRead:
        add_format(listing, outcome.format);
        break;
    case detail::ObjectOutcome::kNotAnObject:
        listing.skipped_members.push_back(member);
        break;
    case detail::ObjectOutcome::kFailed:
        listing.problems.push_back(problem(listing.file, member, outcome.error, kCorruptFix));
        break;
    }
}

struct Member {
    std::string name;
    uint64_t offset = 0;
    llvm::StringRef bytes;
};

// Lists the members (headers only; cheap). A corrupt header ends the walk with a problem that
// names the last good member, since the broken one has no trustworthy name.
std::vector<Member> list_members(const Archive& archive, const std::string& prefix,
                                 SymbolListing& listing) {
    std::vector<Member> members;
    llvm::Error error = llvm::Error::success();
    for (const Archive::Child& child : archive.children(error)) {
        Member member;
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
        member.bytes = *bytes;
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

// Reads a big-endian integer of `width` bytes (4 or 8) from `data`.
uint64_t read_big_endian(const char* data, int width) {
    uint64_t value = 0;
    for (int i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(data[i]);
    return value;
}

// GNU and GNU64 indexes (every Linux archive) are parsed directly: LLVM's Symbol::getMember
// re-parses a member header for each of the index's symbols, which dominated the read of
// archives with tens of thousands of symbols. The format: a count, that many member offsets,
// then that many NUL-terminated names. Returns false when the table is malformed.
bool gnu_index_names(llvm::StringRef table, int width,
                     std::unordered_map<uint64_t, std::vector<std::string_view>>& names) {
    if (table.size() < static_cast<std::size_t>(width)) return false;
    const uint64_t count = read_big_endian(table.data(), width);
    if (count > (table.size() - width) / width) return false;
    const char* offsets = table.data() + width;
    std::string_view strings(offsets + count * width, table.size() - width - count * width);
    for (uint64_t i = 0; i < count; ++i) {
        const std::size_t end = strings.find('\0');
        if (end == std::string_view::npos) return false;
        names[read_big_endian(offsets + i * width, width)].push_back(strings.substr(0, end));
        strings.remove_prefix(end + 1);
    }
    return true;
}

// The raw names the symbol index attributes to each member (by member offset). Returns false
// when the index itself is unreadable.
bool index_names(const Archive& archive,
                 std::unordered_map<uint64_t, std::vector<std::string_view>>& names) {
    if (archive.kind() == Archive::K_GNU || archive.kind() == Archive::K_GNU64) {
        return gnu_index_names(archive.getSymbolTable(), archive.kind() == Archive::K_GNU ? 4 : 8,
                               names);
    }
    for (const Archive::Symbol& symbol : archive.symbols()) {
        llvm::Expected<Archive::Child> child = symbol.getMember();
        if (!child) {
            llvm::consumeError(child.takeError());
            return false;
        }
        const llvm::StringRef name = symbol.getName(); // points into the mapped archive
        names[child->getChildOffset()].emplace_back(name.data(), name.size());
    }
    return true;
}

// Whether the member's defined globals (appended from `first` on) are exactly the names the
// index gave it. Sorts views, so the listing keeps the object's own order.
bool matches_index(const std::vector<DefinedSymbol>& symbols, std::size_t first,
                   std::vector<std::string_view>& expected) {
    if (symbols.size() - first != expected.size()) return false;
    std::vector<std::string_view> found;
    found.reserve(expected.size());
    for (std::size_t i = first; i < symbols.size(); ++i) found.emplace_back(symbols[i].raw_name);
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    return found == expected;
}

void read_archive(const Archive& archive, const std::string& prefix, const ReadOptions& options,
                  SymbolListing& listing) {
    listing.is_archive = true;
    std::vector<Member> members = list_members(archive, prefix, listing);
    listing.member_count += members.size();

    // The index is what a linker searches, so a member it does not name cannot satisfy a
    // reference: with a consistent index only the members it names are read. Each of those is
    // checked against the index; any disagreement means a stale index, and everything is walked.
    std::unordered_map<uint64_t, std::vector<std::string_view>> indexed;
    const bool use_index = !options.walk && archive.hasSymbolTable() &&
                           archive.getNumberOfSymbols() > 0 && index_names(archive, indexed);
    if (use_index) {
        listing.symbols.reserve(listing.symbols.size() + archive.getNumberOfSymbols());
        const std::size_t start = listing.symbols.size();
        const std::size_t problems_before = listing.problems.size();
        const std::size_t members_before = listing.members.size();
        std::size_t seen = 0;
        bool consistent = true;
        for (const Member& member : members) {
            auto it = indexed.find(member.offset);
            if (it == indexed.end()) continue;
            ++seen;
            const std::size_t first = listing.symbols.size();
            read_member({member.bytes.data(), member.bytes.size()}, member.name, listing);
            if (listing.problems.size() == problems_before &&
                !matches_index(listing.symbols, first, it->second)) {
                consistent = false;
                break;
            }
        }
        if (consistent && seen == indexed.size()) {
            listing.used_index = true;
            return;
        }
        // Unreadable members are reported by the walk; only a disagreement is a stale index.
        listing.index_stale = listing.problems.size() == problems_before;
        listing.symbols.resize(start);
        listing.members.resize(members_before);
        listing.problems.resize(problems_before);
    }
    for (const Member& member : members) {
        read_member({member.bytes.data(), member.bytes.size()}, member.name, listing);
    }
}

void read_universal(llvm::MemoryBufferRef buffer, const ReadOptions& options,
                    SymbolListing& listing) {
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
            read_archive(**archive, prefix, options, listing);
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
        read_member({buffer.getBufferStart() + offset, size}, prefix + "object", listing);
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

SymbolListing read_buffer(llvm::MemoryBufferRef buffer, const std::string& name,
                          const ReadOptions& options) {
    SymbolListing listing;
    listing.file = name;
    const llvm::file_magic magic = llvm::identify_magic(buffer.getBuffer());
    if (magic == llvm::file_magic::archive) {
        llvm::Expected<std::unique_ptr<Archive>> archive = Archive::create(buffer);
        if (!archive) {
            throw SymbolReadError(problem(name, "",
                                          "corrupt archive: " +
                                              error_text(archive.takeError()),
                                          kCorruptFix));
        }
        read_archive(**archive, "", options, listing);
        return listing;
    }
    if (magic == llvm::file_magic::macho_universal_binary) {
        read_universal(buffer, options, listing);
        return listing;
    }
    std::string_view bytes(buffer.getBufferStart(), buffer.getBufferSize());
    listing.members.emplace_back();
    detail::ObjectOutcome outcome = detail::read_object_symbols(bytes, name, 0, listing.symbols);
    if (outcome.status == detail::ObjectOutcome::kNotAnObject) throw_not_symbolic(name, bytes);
    if (outcome.status == detail::ObjectOutcome::kFailed) {
        throw SymbolReadError(problem(name, "", outcome.error, kCorruptFix));
    }
    listing.member_count = 1;
    add_format(listing, outcome.format);
    return listing;
}

// The whole file is mapped with MAP_POPULATE: the reader touches headers and symbol tables all
// over a big archive, and one bulk mapping is much cheaper than thousands of page faults (on
// this machine's VMs a page fault costs several microseconds).
class MappedFile {
public:
    explicit MappedFile(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) fail(path, errno);
        struct stat info {};
        if (::fstat(fd, &info) != 0) fail_closing(path, fd, errno);
        if (S_ISDIR(info.st_mode)) fail_closing(path, fd, EISDIR);
        size_ = static_cast<std::size_t>(info.st_size);
        if (size_ > 0) {
            void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (data == MAP_FAILED) fail_closing(path, fd, errno);
            data_ = static_cast<const char*>(data);
        }
        ::close(fd);
    }
    ~MappedFile() {
        if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    llvm::StringRef bytes() const { return {data_ == nullptr ? "" : data_, size_}; }

private:
    [[noreturn]] static void fail_closing(const std::string& path, int fd, int error) {
        ::close(fd);
        fail(path, error);
    }
    [[noreturn]] static void fail(const std::string& path, int error) {
        throw SymbolReadError(problem(path, "", std::string("cannot open: ") + std::strerror(error),
                                      "check the path and that the file is readable"));
    }
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace

SymbolListing read_symbols(const std::string& path, const ReadOptions& options) {
    MappedFile file(path);
    return read_buffer(llvm::MemoryBufferRef(file.bytes(), path), path, options);
}

SymbolListing read_symbols_from_memory(std::string_view bytes, const std::string& name,
                                       const ReadOptions& options) {
    return read_buffer(llvm::MemoryBufferRef(llvm::StringRef(bytes.data(), bytes.size()), name),
                       name, options);
}

} // namespace perry::linker
