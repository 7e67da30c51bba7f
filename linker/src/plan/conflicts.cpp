// check_conflicts: strong globals defined by two archives of one link line.
//
// It runs before every link, so it reads as little as it can. First every archive's names come
// from its symbol index alone (kinds unknown). Names found in two archives are the candidates:
// those of the Rust runtime are counted per pair of archives without reading anything more, and
// only the archives holding the other candidates are read again, parsing just the members that
// define them, to learn whether each definition is strong, weak or common.
#include "perry/linker/conflicts.h"

#include "perry/linker/symbols.h"
#include "plan/rust_runtime.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace perry::linker {
namespace {

using resolver::Diagnostic;

// At most this many conflicts of one pair of archives are reported one by one; the rest are
// counted (a package and its renamed fork share every function).
constexpr std::size_t kConflictsShownPerPair = 10;

struct Definition {
    std::uint32_t archive;
    std::uint32_t symbol; // index into that archive's first listing
};

std::string owner_name(const LineArchive& archive) {
    return archive.owner == kRuntimeOwner ? "the perry runtime" : "package `" + archive.owner + "`";
}

// `package `a` (/p/liba.a)`, or with the member that defines a symbol: `(/p/liba.a, member x.o)`.
std::string describe(const LineArchive& archive, const std::string& member = "") {
    return owner_name(archive) + " (" + archive.path +
           (member.empty() ? "" : ", member " + member) + ")";
}

std::string diagnostic_file(const LineArchive& first, const LineArchive& second) {
    if (!second.manifest_file.empty())
        return second.manifest_file;
    if (!first.manifest_file.empty())
        return first.manifest_file;
    return second.path;
}

// COFF has no weak definitions: a weak `f` is a weak external whose default is a strong
// `.weak.f.default.<another symbol of the object>`. That helper is as weak as `f` itself.
bool is_strong(const DefinedSymbol& symbol) {
    if (symbol.name().rfind(".weak.", 0) == 0)
        return false;
    return !symbol.kind_known ||
           (symbol.kind != SymbolKind::Weak && symbol.kind != SymbolKind::Common &&
            symbol.kind != SymbolKind::Unique);
}

std::string file_name(const std::string& member) {
    const std::size_t slash = member.find_last_of("/\\");
    return slash == std::string::npos ? member : member.substr(slash + 1);
}

class ConflictChecker {
  public:
    ConflictChecker(const std::vector<LineArchive>& archives, ConflictReport& report)
        : archives_(archives), report_(report), listings_(archives.size()),
          pending_names_(archives.size()) {}

    void run() {
        const std::unordered_set<std::string> index_only;
        for (std::size_t i = 0; i < archives_.size(); ++i)
            read(i, index_only, listings_[i]);
        collect_definitions();
        classify_candidates();
        read_pending_kinds();
        report_conflicts();
        report_rust_overlaps();
    }

  private:
    void read(std::size_t i, const std::unordered_set<std::string>& kinds_for,
              std::optional<SymbolListing>& listing) {
        ReadOptions options;
        options.kinds_only_for = &kinds_for;
        try {
            listing = read_symbols(archives_[i].path, options);
        } catch (const SymbolReadError& failure) {
            report_.diagnostics.push_back(resolver::make_diagnostic(
                Diagnostic::Severity::Error, archives_[i].manifest_file, "",
                "cannot check " + describe(archives_[i]) +
                    " for conflicting symbols: " + failure.problem().message(),
                failure.problem().how_to_fix));
        }
    }

    void collect_definitions() {
        rust_staticlib_.assign(listings_.size(), false);
        for (std::uint32_t a = 0; a < listings_.size(); ++a) {
            if (!listings_[a])
                continue;
            const std::vector<std::string>& members = listings_[a]->members;
            rust_staticlib_[a] = std::any_of(members.begin(), members.end(), [](const auto& m) {
                return detail::is_rust_sysroot_member(m);
            });
            const std::vector<DefinedSymbol>& symbols = listings_[a]->symbols;
            for (std::uint32_t s = 0; s < symbols.size(); ++s) {
                std::vector<Definition>& list = by_name_[symbols[s].name()];
                if (list.empty())
                    order_.push_back(symbols[s].name());
                list.push_back({a, s});
            }
        }
    }

    const DefinedSymbol& symbol(const Definition& d) const {
        return listings_[d.archive]->symbols[d.symbol];
    }
    const std::string& member(const Definition& d) const {
        return listings_[d.archive]->member_of(symbol(d));
    }

    // The first definition each archive gives a name, in line order.
    std::vector<Definition> per_archive(const std::vector<Definition>& list) const {
        std::vector<Definition> firsts;
        for (const Definition& d : list) {
            if (firsts.empty() || firsts.back().archive != d.archive)
                firsts.push_back(d);
        }
        return firsts;
    }

    void classify_candidates() {
        for (std::string_view name : order_) {
            const std::vector<Definition> firsts = per_archive(by_name_[name]);
            if (firsts.size() < 2)
                continue;
            bool pending = false;
            for (std::size_t i = 0; i < firsts.size(); ++i) {
                for (std::size_t j = i + 1; j < firsts.size(); ++j) {
                    pending = !count_rust_overlap(name, firsts[i], firsts[j]) || pending;
                }
            }
            if (!pending)
                continue;
            candidates_.push_back(name);
            for (const Definition& d : firsts)
                pending_names_[d.archive].emplace(name);
        }
    }

    // Whether two archives both define `name` as part of the Rust runtime they bundle.
    // Both must be Rust staticlibs: two C libraries that both define `rust_version` conflict.
    bool rust_runtime_pair(std::string_view name, const Definition& a, const Definition& b) const {
        if (!rust_staticlib_[a.archive] || !rust_staticlib_[b.archive])
            return false;
        return detail::is_rust_symbol_name(name) || (detail::is_rust_sysroot_member(member(a)) &&
                                                     detail::is_rust_sysroot_member(member(b)));
    }

    // Counts a name two Rust staticlibs both define as part of their bundled runtime.
    bool count_rust_overlap(std::string_view name, const Definition& a, const Definition& b) {
        if (!rust_runtime_pair(name, a, b))
            return false;
        const bool sysroot_a = detail::is_rust_sysroot_member(member(a));
        const bool sysroot_b = detail::is_rust_sysroot_member(member(b));
        RustRuntimeOverlap& overlap = overlaps_[{a.archive, b.archive}];
        if (overlap.symbols++ == 0) {
            overlap.first = archives_[a.archive];
            overlap.second = archives_[b.archive];
            overlap.same_toolchain = true;
        }
        // The best-known names first (the one a failing link names, then the panic entry); a
        // mangled name varies with the toolchain, so the function's own name is shown.
        for (std::string_view known : {"rust_eh_personality", "rust_begin_unwind"}) {
            if (name.find(known) != std::string_view::npos &&
                overlap.example.find("rust_eh_personality") == std::string::npos) {
                overlap.example = std::string(known);
            }
        }
        if (overlap.example.empty())
            overlap.example = std::string(name);
        // One toolchain builds byte-identical sysroot objects with identical (hashed) names.
        if (sysroot_a && sysroot_b && file_name(member(a)) != file_name(member(b))) {
            overlap.same_toolchain = false;
        }
        return true;
    }

    void read_pending_kinds() {
        for (std::size_t a = 0; a < archives_.size(); ++a) {
            if (pending_names_[a].empty())
                continue;
            std::unordered_set<std::string> wanted;
            for (std::string_view name : pending_names_[a])
                wanted.emplace(name);
            const SymbolListing* kinds = &*listings_[a];
            const bool known = std::all_of(
                kinds->symbols.begin(), kinds->symbols.end(), [&](const DefinedSymbol& s) {
                    return s.kind_known || pending_names_[a].count(s.name()) == 0;
                });
            std::optional<SymbolListing> reread;
            if (!known) {
                // Index-only definitions: parse the members that define the wanted names.
                read(a, wanted, reread);
                if (reread)
                    kinds = &*reread;
            }
            for (const DefinedSymbol& s : kinds->symbols) {
                const auto found = pending_names_[a].find(s.name());
                if (found == pending_names_[a].end())
                    continue;
                auto [it, inserted] = strong_.try_emplace({a, std::string(s.name())}, false);
                it->second = it->second || is_strong(s);
            }
        }
    }

    bool strong_in(std::uint32_t archive, std::string_view name) const {
        const auto found = strong_.find({archive, std::string(name)});
        return found != strong_.end() && found->second;
    }

    void report_conflicts() {
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<SymbolConflict>> by_pair;
        for (std::string_view name : candidates_) {
            std::vector<Definition> strong;
            for (const Definition& d : per_archive(by_name_[name])) {
                if (strong_in(d.archive, name))
                    strong.push_back(d);
            }
            for (std::size_t j = 1; j < strong.size(); ++j) {
                // A third archive can make a Rust runtime name a candidate; that pair was
                // counted as an overlap already.
                if (rust_runtime_pair(name, strong[0], strong[j]))
                    continue;
                by_pair[{strong[0].archive, strong[j].archive}].push_back(
                    {std::string(name), archives_[strong[0].archive], archives_[strong[j].archive],
                     member(strong[0]), member(strong[j])});
            }
        }
        for (auto& [pair, conflicts] : by_pair) {
            std::sort(conflicts.begin(), conflicts.end(),
                      [](const SymbolConflict& x, const SymbolConflict& y) {
                          return x.symbol < y.symbol;
                      });
            for (std::size_t i = 0; i < conflicts.size() && i < kConflictsShownPerPair; ++i) {
                add_conflict_diagnostic(conflicts[i]);
            }
            if (conflicts.size() > kConflictsShownPerPair) {
                const SymbolConflict& any = conflicts.front();
                report_.diagnostics.push_back(resolver::make_diagnostic(
                    Diagnostic::Severity::Error, diagnostic_file(any.first, any.second), "",
                    std::to_string(conflicts.size() - kConflictsShownPerPair) +
                        " more strong globals are defined by both " + describe(any.first) +
                        " and " + describe(any.second),
                    "see the fix above"));
            }
            for (SymbolConflict& conflict : conflicts) {
                report_.conflicts.push_back(std::move(conflict));
            }
        }
    }

    void add_conflict_diagnostic(const SymbolConflict& c) {
        const bool runtime = c.first.owner == kRuntimeOwner || c.second.owner == kRuntimeOwner;
        const std::string fix =
            runtime ? "a binding must not carry the runtime's symbols: perry links its own "
                      "runtime; build the binding against perry/ffi.h without bundling it"
                    : "rename the symbol in one of the packages (each binding's functions need "
                      "a prefix of their own), or import only one of them; the linker would "
                      "silently use the first on the line, " +
                          owner_name(c.first) + "'s";
        report_.diagnostics.push_back(resolver::make_diagnostic(
            Diagnostic::Severity::Error, diagnostic_file(c.first, c.second), "",
            "`" + c.symbol + "` is defined by both " + describe(c.first, c.first_member) + " and " +
                describe(c.second, c.second_member),
            fix));
    }

    void report_rust_overlaps() {
        for (auto& [pair, overlap] : overlaps_) {
            const std::string both = describe(overlap.first) + " and " + describe(overlap.second) +
                                     " are Rust staticlibs that each bundle the Rust standard "
                                     "library (" +
                                     std::to_string(overlap.symbols) +
                                     " Rust symbols are defined in both, e.g. `" + overlap.example +
                                     "`)";
            const std::string remedy =
                "build one Rust crate that depends on both bindings and re-exports their "
                "functions (one staticlib, one copy of std), or link with "
                "-Wl,--allow-multiple-definition at your own risk";
            report_.diagnostics.push_back(resolver::make_diagnostic(
                overlap.same_toolchain ? Diagnostic::Severity::Warning
                                       : Diagnostic::Severity::Error,
                diagnostic_file(overlap.first, overlap.second), "",
                both + (overlap.same_toolchain
                            ? "; one Rust toolchain built both, so the linker takes one copy"
                            : "; different Rust toolchains built them, so the copies differ "
                              "and the link fails with multiple definitions"),
                overlap.same_toolchain
                    ? "if the link still fails with multiple definitions: " + remedy
                    : "build both with one Rust toolchain, or " + remedy));
            report_.rust_overlaps.push_back(std::move(overlap));
        }
    }

    const std::vector<LineArchive>& archives_;
    ConflictReport& report_;
    std::vector<std::optional<SymbolListing>> listings_; // names from the index (all views)
    std::unordered_map<std::string_view, std::vector<Definition>> by_name_;
    std::vector<std::string_view> order_; // names in line order, for a stable report
    std::vector<std::string_view> candidates_;
    std::vector<bool> rust_staticlib_; // per archive: it bundles the Rust sysroot
    std::vector<std::unordered_set<std::string_view>> pending_names_;
    std::map<std::pair<std::uint32_t, std::string>, bool> strong_;
    std::map<std::pair<std::uint32_t, std::uint32_t>, RustRuntimeOverlap> overlaps_;
};

} // namespace

std::vector<LineArchive> line_archives(const LinkPlan& plan, const LinkLine& line) {
    std::vector<LineArchive> archives;
    for (const LinkItem& item : line.items) {
        if (item.kind != LinkItem::Kind::Archive)
            continue;
        LineArchive archive{item.owner, item.value, ""};
        for (const PackagePlan& package : plan.packages) {
            if (package.name == item.owner)
                archive.manifest_file = package.manifest_file;
        }
        archives.push_back(std::move(archive));
    }
    return archives;
}

ConflictReport check_conflicts(const std::vector<LineArchive>& archives) {
    ConflictReport report;
    ConflictChecker(archives, report).run();
    return report;
}

} // namespace perry::linker
