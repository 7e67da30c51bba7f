// The conflict check run before every link: two archives on the line (two packages, or a package
// and the runtime) that define the same strong global symbol. The original linker silently took
// whichever came first on the line; here it is an error naming both packages, both archives and
// the symbol. Weak and common definitions never conflict. Two Rust staticlibs that each bundle
// the Rust standard library are reported once, as that, with what to do.
// See docs/linker/link-plan.md.
#pragma once

#include "perry/linker/link_line.h"
#include "perry/resolver/diagnostic.h"

#include <cstddef>
#include <string>
#include <vector>

namespace perry::linker {

// An archive on the line and who put it there.
struct LineArchive {
    std::string owner;         // the package name, or kRuntimeOwner
    std::string path;          // the archive
    std::string manifest_file; // the owner's package.json (names it in diagnostics); may be empty
};

// The archives of a line (LinkItem::Kind::Archive), each with its owner and manifest file.
std::vector<LineArchive> line_archives(const LinkPlan& plan, const LinkLine& line);

struct SymbolConflict {
    std::string symbol; // as a C declaration spells it
    LineArchive first;  // earlier on the line: the definition the linker would have taken
    LineArchive second;
    std::string first_member; // the members that define it ("" for a plain object)
    std::string second_member;
};

// Two Rust staticlibs both carrying the Rust standard library.
struct RustRuntimeOverlap {
    LineArchive first;
    LineArchive second;
    std::size_t symbols = 0;     // strong globals of the Rust runtime defined in both
    std::string example;         // one of them: rust_eh_personality or rust_begin_unwind if there
    bool same_toolchain = false; // the duplicates come from identically named members
};

struct ConflictReport {
    std::vector<SymbolConflict> conflicts;
    std::vector<RustRuntimeOverlap> rust_overlaps;
    std::vector<resolver::Diagnostic> diagnostics; // the above as messages, and unreadable archives

    bool ok() const { return !resolver::has_errors(diagnostics); }
};

// Reads the defined globals of every archive (through the archive symbol index when present)
// and reports every strong global defined by two of them. Unreadable archives are errors.
ConflictReport check_conflicts(const std::vector<LineArchive>& archives);

} // namespace perry::linker
