#include "symbol_checks.h"

#include "report_helpers.h"
#include "symbols/name_groups.h"

#include <algorithm>
#include <string_view>

namespace perry::linker::detail {
namespace {

using resolver::Diagnostic;
using resolver::TargetKey;

constexpr std::string_view kRuntimePrefix = "perry_";

constexpr auto make = resolver::make_diagnostic;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string in_member(const std::string& shown, const std::string& member) {
    return member.empty() ? shown : shown + "(" + member + ")";
}

// "a, b, c and 4 more"
std::string some_of(const std::vector<std::string>& names, std::size_t limit = 5) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
        out += (i == 0 ? "" : ", ") + names[i];
    }
    if (names.size() > limit)
        out += " and " + std::to_string(names.size() - limit) + " more";
    return out;
}

const char* expected_format(TargetKey target) {
    switch (target) {
    case TargetKey::Windows:
        return "COFF";
    case TargetKey::Web:
        return "wasm";
    case TargetKey::Linux:
    case TargetKey::Android:
    case TargetKey::Harmonyos:
        return "ELF";
    default:
        return "Mach-O";
    }
}

} // namespace

bool format_fits(TargetKey target, ObjectFormat format) {
    switch (format) {
    case ObjectFormat::Bitcode:
        return true;
    case ObjectFormat::Elf:
        return target == TargetKey::Linux || target == TargetKey::Android ||
               target == TargetKey::Harmonyos;
    case ObjectFormat::Coff:
    case ObjectFormat::CoffImport:
        return target == TargetKey::Windows;
    case ObjectFormat::Wasm:
        return target == TargetKey::Web;
    case ObjectFormat::MachO:
        return target == TargetKey::Macos || target == TargetKey::Ios ||
               target == TargetKey::Tvos || target == TargetKey::Watchos ||
               target == TargetKey::Visionos;
    }
    return false;
}

void check_symbols(const resolver::ManifestResult& manifest, const SymbolListing& listing,
                   const std::string& shown, const std::vector<std::string>& prefixes, bool strict,
                   TargetValidation& result, std::vector<Diagnostic>& diagnostics) {
    const resolver::TargetKey key = *resolver::find_target_key(result.target);
    for (ObjectFormat format : listing.formats) {
        result.formats.emplace_back(to_string(format));
        if (!format_fits(key, format)) {
            diagnostics.push_back(make(
                Diagnostic::Severity::Error, shown, "",
                "holds " + std::string(to_string(format)) + " objects, which cannot be linked " +
                    "for target `" + result.target + "` (it needs " + expected_format(key) + ")",
                "build the archive for `" + result.target + "`, or fix the target's path"));
        }
    }

    // Which symbols share a name. A listing has thousands of (mostly mangled) names; NameGroups
    // groups them without a map node per name (name_groups.h).
    const NameGroups groups(listing.symbols.size(),
                            [&](std::uint32_t i) { return listing.symbols[i].name(); });
    const std::vector<resolver::Function>& functions = manifest.native_library.functions;

    for (const resolver::Function& function : functions) {
        const std::string pointer =
            "/perry/nativeLibrary/functions/" + std::to_string(function.index);
        const std::string name(function.name);
        const std::uint32_t group = groups.find(function.name);
        if (group == NameGroups::kNone) {
            result.missing.push_back(name);
            diagnostics.push_back(make(
                Diagnostic::Severity::Error, manifest.file, pointer,
                "declared function `" + name + "` has no symbol in " + shown,
                "export it (`#[no_mangle] pub extern \"C\" fn` in Rust, `extern \"C\"` in C++) "
                "or fix the name"));
            continue;
        }
        const DefinedSymbol& symbol = listing.symbols[groups.first(group)];
        if (symbol.kind_known && !symbol.code) {
            result.not_functions.push_back(name);
            diagnostics.push_back(make(
                Diagnostic::Severity::Error, manifest.file, pointer,
                "declared function `" + name + "` is a " + std::string(to_string(symbol.kind)) +
                    " symbol, not a function, in " + in_member(shown, listing.member_of(symbol)),
                "export a function under that name, or remove the declaration"));
        }
    }
    const NameGroups declared(functions.size(),
                              [&](std::uint32_t i) { return std::string_view(functions[i].name); });

    // Walk names in listing order so messages follow the archive, each name once.
    std::vector<bool> seen(groups.group_count(), false);
    std::vector<std::string> runtime_members;
    for (std::size_t i = 0; i < listing.symbols.size(); ++i) {
        const DefinedSymbol& symbol = listing.symbols[i];
        const std::uint32_t group = groups.group_of(i);
        if (seen[group])
            continue;
        seen[group] = true;
        const std::string_view name = symbol.name();
        if (starts_with(name, kRuntimePrefix)) {
            result.runtime_symbols.emplace_back(name);
            const std::string& member = listing.member_of(symbol);
            if (std::find(runtime_members.begin(), runtime_members.end(), member) ==
                runtime_members.end()) {
                runtime_members.push_back(member);
            }
            continue;
        }
        const bool binding = std::any_of(prefixes.begin(), prefixes.end(),
                                         [&](const auto& p) { return starts_with(name, p); });
        if (binding) {
            ++result.exported_bindings;
            if (declared.find(name) == NameGroups::kNone) {
                result.undeclared.emplace_back(name);
                diagnostics.push_back(make(
                    strict ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning,
                    in_member(shown, listing.member_of(symbol)), "",
                    "`" + std::string(name) + "` looks like a binding but is not declared in " +
                        "perry.nativeLibrary.functions",
                    "declare it in package.json, or rename it so it does not start with `" +
                        *std::find_if(prefixes.begin(), prefixes.end(),
                                      [&](const auto& p) { return starts_with(name, p); }) +
                        "`"));
            }
        }
        // Strong definitions in two members: the link picks one, or fails on duplicates.
        std::vector<std::string> members;
        const bool repeated = groups.next(groups.first(group)) != NameGroups::kNone;
        for (std::uint32_t k = groups.first(group); repeated && k != NameGroups::kNone;
             k = groups.next(k)) {
            const DefinedSymbol& definition = listing.symbols[k];
            if (!definition.kind_known ||
                (definition.kind != SymbolKind::Function && definition.kind != SymbolKind::Data)) {
                continue;
            }
            const std::string& member = listing.member_of(definition);
            if (std::find(members.begin(), members.end(), member) == members.end()) {
                members.push_back(member);
            }
        }
        if (members.size() > 1) {
            result.duplicates.emplace_back(name);
            diagnostics.push_back(make(Diagnostic::Severity::Warning, shown, "",
                                       "`" + std::string(name) + "` is defined in " +
                                           std::to_string(members.size()) + " members (" +
                                           some_of(members) + ")",
                                       "keep one definition; a linker may report duplicate "
                                       "symbols or pick either"));
        }
    }
    if (!result.runtime_symbols.empty()) {
        diagnostics.push_back(make(
            Diagnostic::Severity::Error, shown, "",
            "defines " + std::to_string(result.runtime_symbols.size()) +
                " of the runtime's own symbols (" + some_of(result.runtime_symbols) + ") in " +
                some_of(runtime_members, 3) +
                ": the runtime is bundled into the binding and will clash with the host's",
            "link libperry_ffi.a without bundling it (Rust: `cargo:rustc-link-lib=static:-bundle="
            "perry_ffi`; CMake: do not add it to the binding's archive)"));
    }
}

} // namespace perry::linker::detail
