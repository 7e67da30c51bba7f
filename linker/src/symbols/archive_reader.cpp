// Archives and universal binaries: which members to read (the symbol index, or every member),
// in which order, and what to report when a member cannot be read.
#include "isolated_read.h"
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

// Reads members (in a child process, see isolated_read.h) and records them in the listing:
// their names, symbols, formats, and problems. Returns where each member's symbols went.
std::vector<detail::MemberOutput> read_members(
    const std::vector<std::pair<std::string_view, std::string>>& members,
    SymbolListing& listing) {
    std::vector<detail::MemberInput> inputs;
    inputs.reserve(members.size());
    for (const auto& [bytes, name] : members) {
        const auto index = static_cast<std::uint32_t>(listing.members.size());
        listing.members.push_back(name);
        inputs.push_back({bytes, name.empty() ? listing.file : name, index});
    }
    // Runs of members whose LLVM reader is unsafe go to one child each; the rest in-process,
    // keeping member order in the listing.
    std::vector<detail::MemberOutput> outputs(inputs.size());
    std::size_t run_start = 0;
    auto flush_run = [&](std::size_t end) {
        if (run_start == end) return;
        std::vector<detail::MemberInput> run(inputs.begin() + run_start, inputs.begin() + end);
        std::vector<detail::MemberOutput> done = detail::read_members_isolated(run, listing.symbols);
        std::move(done.begin(), done.end(), outputs.begin() + run_start);
    };
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (detail::needs_isolation(inputs[i].bytes)) continue;
        flush_run(i);
        run_start = i + 1;
        outputs[i].first = listing.symbols.size();
        outputs[i].outcome = detail::read_object_symbols(inputs[i].bytes, inputs[i].name,
                                                         inputs[i].index, listing.symbols);
        outputs[i].count = listing.symbols.size() - outputs[i].first;
    }
    flush_run(inputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const detail::ObjectOutcome& outcome = outputs[i].outcome;
        switch (outcome.status) {
        case detail::ObjectOutcome::kRead:
            add_format(listing, outcome.format);
            break;
        case detail::ObjectOutcome::kNotAnObject:
            listing.skipped_members.push_back(members[i].second);
            break;
        case detail::ObjectOutcome::kFailed:
            listing.problems.push_back(
                problem(listing.file, members[i].second, outcome.error, kCorruptFix));
            break;
        }
    }
    return outputs;
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

// Reads an integer of `width` bytes (4 or 8) from `data`.
uint64_t read_integer(const char* data, int width, bool big_endian) {
    uint64_t value = 0;
    for (int i = 0; i < width; ++i) {
        const int byte = big_endian ? i : width - 1 - i;
        value = (value << 8) | static_cast<unsigned char>(data[byte]);
    }
    return value;
}

using IndexNames = std::unordered_map<uint64_t, std::vector<std::string_view>>;

// The archive's symbol index is parsed here, with every offset bounds-checked, instead of
// through LLVM's Archive::Symbol: LLVM 14 does not check the string offsets of BSD/Darwin
// indexes (the fuzz target made it read out of bounds), and its getMember re-parses a member
// header for every entry, which dominated the read of big archives.
//
// GNU and GNU64 (every Linux archive): a big-endian count, that many member offsets, then that
// many NUL-terminated names. Returns false when the table is malformed.
bool gnu_index_names(llvm::StringRef table, int width, IndexNames& names) {
    if (table.size() < static_cast<std::size_t>(width)) return false;
    const uint64_t count = read_integer(table.data(), width, true);
    if (count > (table.size() - width) / width) return false;
    const char* offsets = table.data() + width;
    std::string_view strings(offsets + count * width, table.size() - width - count * width);
    for (uint64_t i = 0; i < count; ++i) {
        const std::size_t end = strings.find('\0');
        if (end == std::string_view::npos) return false;
        names[read_integer(offsets + i * width, width, true)].push_back(strings.substr(0, end));
        strings.remove_prefix(end + 1);
    }
    return true;
}

// BSD and Darwin (`__.SYMDEF`, `__.SYMDEF_64`): the byte size of an array of {name offset,
// member offset} pairs, the array, the byte size of the string table, the strings; all
// little-endian.
bool bsd_index_names(llvm::StringRef table, int width, IndexNames& names) {
    const std::size_t w = static_cast<std::size_t>(width);
    if (table.size() < w) return false;
    const uint64_t ranlib_bytes = read_integer(table.data(), width, false);
    if (ranlib_bytes % (2 * w) != 0 || ranlib_bytes > table.size() - w) return false;
    const char* ranlibs = table.data() + w;
    const std::size_t after = w + ranlib_bytes;
    if (table.size() - after < w) return false;
    const uint64_t string_bytes = read_integer(table.data() + after, width, false);
    if (string_bytes > table.size() - after - w) return false;
    const std::string_view strings(table.data() + after + w, string_bytes);
    for (uint64_t i = 0; i < ranlib_bytes / (2 * w); ++i) {
        const uint64_t name_at = read_integer(ranlibs + i * 2 * w, width, false);
        const uint64_t member_at = read_integer(ranlibs + i * 2 * w + w, width, false);
        if (name_at >= strings.size()) return false;
        const std::string_view rest = strings.substr(name_at);
        const std::size_t end = rest.find('\0');
        if (end == std::string_view::npos) return false;
        names[member_at].push_back(rest.substr(0, end));
    }
    return true;
}

// The raw names the symbol index attributes to each member (by member header offset). Returns
// false when there is no index we can use (COFF and AIX archives are walked) or it is malformed.
bool index_names(const Archive& archive, IndexNames& names) {
    const llvm::StringRef table = archive.getSymbolTable();
    switch (archive.kind()) {
    case Archive::K_GNU: return gnu_index_names(table, 4, names);
    case Archive::K_GNU64: return gnu_index_names(table, 8, names);
    case Archive::K_BSD:
    case Archive::K_DARWIN: return bsd_index_names(table, 4, names);
    case Archive::K_DARWIN64: return bsd_index_names(table, 8, names);
    default: return false;
    }
}

// Whether a member's defined globals are exactly the names the index gave it. Sorts views, so
// the listing keeps the object's own order.
bool matches_index(const std::vector<DefinedSymbol>& symbols, const detail::MemberOutput& read,
                   std::vector<std::string_view>& expected) {
    if (read.count != expected.size()) return false;
    std::vector<std::string_view> found;
    found.reserve(read.count);
    for (std::size_t i = read.first; i < read.first + read.count; ++i) {
        found.emplace_back(symbols[i].raw_name);
    }
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    return found == expected;
}

using MemberBatch = std::vector<std::pair<std::string_view, std::string>>;

// The C name of an index entry of a member with this format.
std::string_view c_name(std::string_view raw, ObjectFormat format) {
    return format == ObjectFormat::kMachO && !raw.empty() && raw[0] == '_' ? raw.substr(1) : raw;
}

std::set<std::string_view> names_in_two_members(const IndexNames& indexed) {
    std::set<std::string_view> seen;
    std::set<std::string_view> shared;
    for (const auto& [offset, names] : indexed) {
        for (std::string_view name : std::set<std::string_view>(names.begin(), names.end())) {
            if (!seen.insert(name).second) shared.insert(name);
        }
    }
    return shared;
}

// Whether a member must be parsed for ReadOptions::kinds_only_for.
bool kinds_needed(const std::vector<std::string_view>& names, std::string_view bytes,
                  const std::unordered_set<std::string>& wanted,
                  const std::set<std::string_view>& shared) {
    ObjectFormat format = ObjectFormat::kElf;
    if (!detail::peek_format(bytes, format)) return true; // let the reader report it
    for (std::string_view raw : names) {
        if (shared.count(raw) != 0 || wanted.count(std::string(c_name(raw, format))) != 0) {
            return true;
        }
    }
    return false;
}

// Symbols of a member known from the index alone (kinds not read).
void add_from_index(std::string_view bytes, const std::string& member,
                    const std::vector<std::string_view>& names, SymbolListing& listing) {
    ObjectFormat format = ObjectFormat::kElf;
    detail::peek_format(bytes, format);
    add_format(listing, format);
    const auto index = static_cast<std::uint32_t>(listing.members.size());
    listing.members.push_back(member);
    for (std::string_view raw : names) {
        DefinedSymbol symbol;
        symbol.raw_name = std::string(raw);
        symbol.name_offset = c_name(raw, format).size() != raw.size();
        symbol.member = index;
        symbol.format = format;
        symbol.kind_known = false;
        listing.symbols.push_back(std::move(symbol));
    }
}

void read_archive(const Archive& archive, const std::string& prefix, const ReadOptions& options,
                  SymbolListing& listing) {
    listing.is_archive = true;
    std::vector<Member> members = list_members(archive, prefix, listing);
    listing.member_count += members.size();

    // The index is what a linker searches, so a member it does not name cannot satisfy a
    // reference: with a consistent index only the members it names are read. Each of those is
    // checked against the index; any disagreement means a stale index, and everything is walked.
    IndexNames indexed;
    const bool use_index = !options.walk && archive.hasSymbolTable() &&
                           index_names(archive, indexed) && !indexed.empty();
    if (use_index) {
        const std::size_t start = listing.symbols.size();
        const std::size_t problems_before = listing.problems.size();
        const std::size_t members_before = listing.members.size();
        const std::size_t skipped_before = listing.skipped_members.size();
        MemberBatch batch;
        std::vector<std::vector<std::string_view>*> expected;
        const std::set<std::string_view> shared =
            options.kinds_only_for ? names_in_two_members(indexed) : std::set<std::string_view>{};
        std::size_t index_only = 0;
        for (const Member& member : members) {
            auto it = indexed.find(member.offset);
            if (it == indexed.end()) continue;
            const std::string_view bytes(member.bytes.data(), member.bytes.size());
            if (options.kinds_only_for &&
                !kinds_needed(it->second, bytes, *options.kinds_only_for, shared)) {
                add_from_index(bytes, member.name, it->second, listing);
                ++index_only;
                continue;
            }
            batch.emplace_back(bytes, member.name);
            expected.push_back(&it->second);
        }
        std::vector<detail::MemberOutput> outputs = read_members(batch, listing);
        bool consistent = batch.size() + index_only == indexed.size();
        for (std::size_t i = 0; consistent && i < outputs.size(); ++i) {
            if (outputs[i].outcome.status == detail::ObjectOutcome::kFailed) continue;
            consistent = matches_index(listing.symbols, outputs[i], *expected[i]);
        }
        if (consistent) {
            listing.used_index = true;
            return;
        }
        // Unreadable members are reported by the walk; only a disagreement is a stale index.
        listing.index_stale = listing.problems.size() == problems_before;
        listing.symbols.resize(start);
        listing.members.resize(members_before);
        listing.problems.resize(problems_before);
        listing.skipped_members.resize(skipped_before);
    }
    MemberBatch batch;
    for (const Member& member : members) {
        batch.emplace_back(std::string_view(member.bytes.data(), member.bytes.size()),
                           member.name);
    }
    read_members(batch, listing);
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
        read_members({{std::string_view(buffer.getBufferStart() + offset, size), prefix + "object"}},
                     listing);
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
    const std::vector<detail::MemberOutput> outputs = read_members({{bytes, ""}}, listing);
    const detail::ObjectOutcome& outcome = outputs.front().outcome;
    if (outcome.status == detail::ObjectOutcome::kNotAnObject) throw_not_symbolic(name, bytes);
    if (outcome.status == detail::ObjectOutcome::kFailed) {
        throw SymbolReadError(problem(name, "", outcome.error, kCorruptFix));
    }
    listing.member_count = 1;
    return listing;
}

// The whole file is mapped with MAP_POPULATE: the reader touches headers and symbol tables all
// over a big archive, and one bulk mapping is much cheaper than thousands of page faults (on
// this machine's VMs a page fault costs several microseconds).
class MappedFile {
public:
    // `populate`: map every page up front (worth it when most of the file will be read).
    MappedFile(const std::string& path, bool populate) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) fail(path, errno);
        struct stat info {};
        if (::fstat(fd, &info) != 0) fail_closing(path, fd, errno);
        if (S_ISDIR(info.st_mode)) fail_closing(path, fd, EISDIR);
        size_ = static_cast<std::size_t>(info.st_size);
        if (size_ > 0) {
            void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0);
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
    // With kinds_only_for, most members are never touched: mapping them all would cost more
    // than the page faults of the few that are read.
    MappedFile file(path, options.kinds_only_for == nullptr);
    return read_buffer(llvm::MemoryBufferRef(file.bytes(), path), path, options);
}

SymbolListing read_symbols_from_memory(std::string_view bytes, const std::string& name,
                                       const ReadOptions& options) {
    return read_buffer(llvm::MemoryBufferRef(llvm::StringRef(bytes.data(), bytes.size()), name),
                       name, options);
}

} // namespace perry::linker
