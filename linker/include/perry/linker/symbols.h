// The symbol reader: every defined global of an archive or object file, for any target, read
// with LLVM's Object library (never by shelling out to `nm`, which is wrong on Rust staticlibs).
// This header is LLVM-free; the LLVM code lives in linker/src/symbols/*.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace perry::linker {

// What a defined global is. Weak and common win over function/data (the linker treats them
// differently); `DefinedSymbol::code` still says whether a weak symbol points at code.
// Unique: an ELF STB_GNU_UNIQUE definition (the C++ inline variables and template statics GCC
// emits, such as those std::to_string uses): the linker merges them, so like weak and common
// definitions they never conflict.
enum class SymbolKind : std::uint8_t { Function, Data, Weak, Common, Unique };

// The object format of the member that defines a symbol. CoffImport is a short import member
// of a Windows import library; Bitcode is an LLVM bitcode member (LTO objects).
enum class ObjectFormat : std::uint8_t { Elf, MachO, Coff, CoffImport, Wasm, Bitcode };

std::string_view to_string(SymbolKind kind);     // "function", "data", "weak", "common", "unique"
std::string_view to_string(ObjectFormat format); // "ELF", "Mach-O", "COFF", ...

// One defined global. Stored compactly, without an allocation, because big archives have tens of
// thousands: the name is a view into the bytes the listing keeps (SymbolListing::storage), the
// member name lives once in SymbolListing::members.
struct DefinedSymbol {
    std::string_view raw_name; // the name exactly as stored in the object
    std::uint32_t member = 0;  // index into SymbolListing::members
    SymbolKind kind = SymbolKind::Function;
    ObjectFormat format = ObjectFormat::Elf;
    bool code = false; // points into an executable section (a function, weak or not)
    // False when the symbol came from the archive index alone (ReadOptions::kinds_only_for):
    // then `kind` and `code` were not read.
    bool kind_known = true;

    // The name a C declaration uses (the Mach-O leading underscore stripped).
    std::string_view name() const {
        const bool underscore =
            format == ObjectFormat::MachO && !raw_name.empty() && raw_name.front() == '_';
        return raw_name.substr(underscore ? 1 : 0);
    }
};

// A problem with one part of the input. `member` is empty when the file itself is at fault.
struct ReadProblem {
    std::string file;
    std::string member;
    std::string what;       // what is wrong, one line
    std::string how_to_fix; // may be empty
    // "<file>(<member>): <what>" or "<file>: <what>"
    std::string message() const;
};

// Thrown when the file as a whole cannot be read (missing, not an archive or object, a text
// linker script, a corrupt archive header). Problems with single members do not throw: they are
// collected in SymbolListing::problems and the other members are still read.
class SymbolReadError : public std::runtime_error {
  public:
    explicit SymbolReadError(ReadProblem problem);
    const ReadProblem& problem() const noexcept { return problem_; }

  private:
    ReadProblem problem_;
};

struct ReadOptions {
    // Ignore the archive's symbol index and parse every member. The index is otherwise used
    // when present (it can be missing, `ar S`, or stale when a member was appended by hand).
    bool walk = false;
    // When set and the archive has a usable index, only the members that define one of these
    // names (C names, as in a manifest), or a name the index gives to two members, are parsed;
    // every other symbol comes from the index alone, with `kind_known == false`. validate needs
    // kinds only for the declared names and for duplicate candidates, and skips most of a big
    // Rust staticlib this way.
    const std::unordered_set<std::string>* kinds_only_for = nullptr;
};

namespace detail {
struct ListingStorage; // the mapped file, and the names that had to be copied (internal)
}

struct SymbolListing {
    std::string file;
    bool is_archive = false;
    bool used_index = false;  // names and members came from the archive's symbol index
    bool index_stale = false; // an index was present but disagreed with the members; walked
    std::size_t member_count = 0;
    // Names of the members symbols came from ("" for a plain object file); a symbol's `member`
    // indexes this. Members of a Mach-O universal binary are prefixed with `[<arch>] `.
    std::vector<std::string> members;
    // Each member's bytes, parallel to `members`: views into the input, which `storage` keeps
    // (validate reads the debug information of the members that define declared functions).
    std::vector<std::string_view> member_bytes;
    std::vector<DefinedSymbol> symbols;       // member order, then the object's symbol order
    std::vector<ObjectFormat> formats;        // distinct formats of the members read
    std::vector<std::string> skipped_members; // members that are no object (e.g. Rust's lib.rmeta)
    std::vector<ReadProblem> problems;        // unreadable members; the rest was still read
    // Keeps alive the bytes every `DefinedSymbol::raw_name` views. Shared, so a copy of the
    // listing stays valid on its own.
    std::shared_ptr<const detail::ListingStorage> storage;

    const std::string& member_of(const DefinedSymbol& symbol) const {
        return members[symbol.member];
    }
};

// Reads the defined globals of an archive (GNU, BSD, thin, COFF import library, Mach-O
// universal) or an object file (ELF, Mach-O, COFF, wasm, LLVM bitcode). Throws SymbolReadError
// when the file cannot be read at all. Never lets an exception pass through LLVM code.
SymbolListing read_symbols(const std::string& path, const ReadOptions& options = {});

// The same over bytes already in memory; `name` is used in messages. Thin archives resolve
// their members relative to the current directory. Used by the fuzz target and tests. The
// symbol names view `bytes`: keep them alive as long as the listing.
SymbolListing read_symbols_from_memory(std::string_view bytes, const std::string& name,
                                       const ReadOptions& options = {});

} // namespace perry::linker
