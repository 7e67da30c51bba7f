#include "signature_checks.h"

#include "symbols/elf_precheck.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace perry::linker {

std::string_view to_string(SignatureStatus status) {
    switch (status) {
    case SignatureStatus::NotRun:
        return "not-run";
    case SignatureStatus::Checked:
        return "checked";
    case SignatureStatus::Partial:
        return "partial";
    case SignatureStatus::NoDebugInfo:
        return "no-debug-info";
    case SignatureStatus::Unsupported:
        return "unsupported";
    case SignatureStatus::Disabled:
        return "disabled";
    }
    return "not-run";
}

namespace {

constexpr const char* kEnableDebugInfo =
    "build with -g: the C and C++ templates do; Rust: `debug = true` in [profile.release]";

std::string functions(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " function" : " functions");
}

} // namespace

std::string SignatureCoverage::describe() const {
    const std::size_t total = checked + without_debug_info + unsupported;
    const std::string mismatches =
        mismatched == 0 ? "" : ", " + std::to_string(mismatched) + " mismatched";
    switch (status) {
    case SignatureStatus::NotRun:
        return "";
    case SignatureStatus::Disabled:
        return "not checked (--no-signatures)";
    case SignatureStatus::Checked:
        if (total == 0)
            return "no declared function to check";
        return "checked against DWARF (" + std::to_string(checked) + " of " + functions(total) +
               mismatches + ")";
    case SignatureStatus::Partial: {
        std::string out = "checked against DWARF for " + std::to_string(checked) + " of " +
                          functions(total) + mismatches + "; not checked: ";
        if (without_debug_info != 0) {
            out += std::to_string(without_debug_info) + " without debug information";
            if (unsupported != 0)
                out += ", ";
        }
        if (unsupported != 0)
            out += std::to_string(unsupported) + " in non-ELF members";
        return out + (without_debug_info != 0 ? "; " + std::string(kEnableDebugInfo) : "");
    }
    case SignatureStatus::NoDebugInfo:
        return "not checked: no debug information for the declared functions; " +
               std::string(kEnableDebugInfo);
    case SignatureStatus::Unsupported:
        return "not checked: DWARF is read from ELF objects only";
    }
    return "";
}

namespace detail {
namespace {

using resolver::Diagnostic;

std::optional<ValueClass> class_of(const resolver::TypeInfo& type) {
    std::optional<ValueClass> expected = expected_class(type.c_type);
    if (expected)
        expected->spelled = std::string(type.c_type);
    return expected;
}

// "" when a value the code declares as `code` is what the manifest's `expected` passes; else
// the class of mismatch.
std::string mismatch(const ValueClass& expected, const ValueClass& code) {
    const bool expected_none = expected.kind == ValueKind::None;
    if (expected_none || code.kind == ValueKind::None)
        return expected_none == (code.kind == ValueKind::None) ? "" : "void vs value";
    if (code.kind == ValueKind::Other)
        return "not a scalar";
    const bool expected_float = expected.kind == ValueKind::Float;
    if (expected_float != (code.kind == ValueKind::Float))
        return "integer vs floating point";
    if (expected_float)
        return expected.bits == code.bits ? "" : "floating-point width";
    if ((expected.kind == ValueKind::Pointer) != (code.kind == ValueKind::Pointer))
        return "pointer vs integer";
    if (expected.kind == ValueKind::Pointer)
        return "";
    // A bool is a one-byte integer to the calling convention.
    const unsigned expected_bits = expected.kind == ValueKind::Bool ? 8 : expected.bits;
    const unsigned code_bits = code.kind == ValueKind::Bool ? 8 : code.bits;
    return expected_bits == code_bits ? "" : "integer width";
}

std::string described(const ValueClass& value) {
    switch (value.kind) {
    case ValueKind::None:
        return "no value";
    case ValueKind::Integer:
        return "a " + std::to_string(value.bits) + "-bit integer";
    case ValueKind::Bool:
        return "a bool";
    case ValueKind::Float:
        return "a " + std::to_string(value.bits) + "-bit float";
    case ValueKind::Pointer:
        return "a pointer";
    case ValueKind::Other:
        return "not a number or pointer";
    }
    return "";
}

// The manifest type to suggest for what the code declares, if one fits.
std::optional<std::string_view> suggestion(const ValueClass& code, bool is_return) {
    static constexpr std::string_view kParams[] = {"i32", "i64", "bool", "f64", "ptr"};
    static constexpr std::string_view kReturns[] = {"i32", "i64", "bool", "f64", "string", "void"};
    auto fits = [&](std::string_view name) {
        const resolver::TypeInfo& type = is_return
                                             ? resolver::info(*resolver::find_return_type(name))
                                             : resolver::info(*resolver::find_param_type(name));
        const std::optional<ValueClass> expected = class_of(type);
        return expected && mismatch(*expected, code).empty();
    };
    if (is_return) {
        for (std::string_view name : kReturns)
            if (fits(name))
                return name;
    } else {
        for (std::string_view name : kParams)
            if (fits(name))
                return name;
    }
    return std::nullopt;
}

std::string parameters(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " parameter" : " parameters");
}

std::string manifest_signature(const resolver::Function& function) {
    std::string out = std::string(resolver::info(function.returns).c_type) + " " +
                      std::string(function.name) + "(";
    for (std::size_t i = 0; i < function.params.size(); ++i) {
        out += (i == 0 ? "" : ", ") + std::string(resolver::info(function.params[i]).c_type);
    }
    return out + (function.params.empty() ? "void)" : ")");
}

std::string code_signature(const resolver::Function& function, const CodeSignature& code) {
    std::string out = code.returns.spelled + " " + std::string(function.name) + "(";
    for (std::size_t i = 0; i < code.params.size(); ++i)
        out += (i == 0 ? "" : ", ") + code.params[i].spelled;
    if (code.variadic)
        out += code.params.empty() ? "..." : ", ...";
    return out + (code.params.empty() && !code.variadic ? "void)" : ")");
}

// Compares one function; returns how many mismatches it reported.
std::size_t compare(const resolver::ManifestResult& manifest, const resolver::Function& function,
                    const CodeSignature& code, const std::string& where,
                    std::vector<Diagnostic>& diagnostics) {
    const std::string name(function.name);
    std::size_t found = 0;
    // Both signatures end every message; they are written only when there is one.
    auto report = [&](const std::string& at, const std::string& message, std::string fix) {
        const std::string pointer =
            "/perry/nativeLibrary/functions/" + std::to_string(function.index) + at;
        const std::string both = "; manifest: `" + manifest_signature(function) + "`, code: `" +
                                 code_signature(function, code) + "`";
        diagnostics.push_back(resolver::make_diagnostic(Diagnostic::Severity::Error, manifest.file,
                                                        pointer, message + both, std::move(fix)));
        ++found;
    };
    if (code.params.size() != function.params.size()) {
        report("/params",
               "`" + name + "` takes " + parameters(code.params.size()) + " in " + where +
                   ", the manifest lists " + std::to_string(function.params.size()) +
                   ": parameter count",
               "make the manifest's params list the code's parameters, or change the code's");
    }
    const std::size_t common = std::min(code.params.size(), function.params.size());
    for (std::size_t i = 0; i < common; ++i) {
        const resolver::TypeInfo& type = resolver::info(function.params[i]);
        const std::optional<ValueClass> expected = class_of(type);
        const ValueClass& actual = code.params[i];
        const std::string kind = expected ? mismatch(*expected, actual) : "";
        if (kind.empty())
            continue;
        const std::optional<std::string_view> better = suggestion(actual, false);
        report("/params/" + std::to_string(i),
               "`" + name + "` parameter " + std::to_string(i + 1) + ": the manifest says `" +
                   std::string(type.name) + "` (" + described(*expected) + "), the code in " +
                   where + " takes `" + actual.spelled + "` (" + described(actual) + "): " + kind,
               (better ? "change params[" + std::to_string(i) + "] to `" + std::string(*better) +
                             "` in the manifest, or make"
                       : std::string("make")) +
                   " the code's parameter " + std::to_string(i + 1) + " `" +
                   std::string(type.c_type) + "`");
    }
    const resolver::TypeInfo& returns = resolver::info(function.returns);
    const std::optional<ValueClass> expected = class_of(returns);
    // perry-ffi (Rust) returns a promise as `*mut Promise`, a pointer that carries the
    // PerryValue's 64 bits: the same register and width as the C API's PerryValue.
    const bool rust_promise = function.returns == resolver::ReturnType::Promise &&
                              code.returns.kind == ValueKind::Pointer;
    const std::string kind = expected && !rust_promise ? mismatch(*expected, code.returns) : "";
    if (!kind.empty()) {
        const std::optional<std::string_view> better = suggestion(code.returns, true);
        const std::string verb =
            code.returns.kind == ValueKind::None
                ? "returns nothing"
                : "returns `" + code.returns.spelled + "` (" + described(code.returns) + ")";
        report("/returns",
               "`" + name + "` return value: the manifest says `" + function.returns_as_written +
                   "` (" + described(*expected) + "), the code in " + where + " " + verb + ": " +
                   kind,
               (better ? "change returns to `" + std::string(*better) + "` in the manifest, or make"
                       : std::string("make")) +
                   " the code return `" + std::string(returns.c_type) + "`");
    }
    return found;
}

} // namespace

std::optional<ValueClass> expected_class(std::string_view c_type) {
    if (c_type == "void")
        return ValueClass{ValueKind::None, 0, {}};
    if (c_type == "double")
        return ValueClass{ValueKind::Float, 64, {}};
    if (c_type == "bool")
        return ValueClass{ValueKind::Bool, 8, {}};
    if (c_type == "int32_t")
        return ValueClass{ValueKind::Integer, 32, {}};
    // A PerryValue is a uint64_t (perry/ffi.h).
    if (c_type == "int64_t" || c_type == "PerryValue")
        return ValueClass{ValueKind::Integer, 64, {}};
    if (!c_type.empty() && c_type.back() == '*')
        return ValueClass{ValueKind::Pointer, 64, {}};
    return std::nullopt;
}

void check_signatures(const resolver::ManifestResult& manifest, const SymbolListing& listing,
                      const std::string& shown, TargetValidation& result,
                      std::vector<Diagnostic>& diagnostics) {
    const std::vector<resolver::Function>& declared = manifest.native_library.functions;
    std::unordered_map<std::string_view, std::size_t> by_name;
    by_name.reserve(declared.size());
    for (std::size_t i = 0; i < declared.size(); ++i)
        by_name.emplace(declared[i].name, i);

    // The member that defines each declared function (the first definition, as the symbol checks
    // take it), grouped by member. Only members parsed for their kinds can define one.
    struct Defined {
        ObjectFormat format = ObjectFormat::Elf;
        std::vector<std::size_t> functions; // indices into `declared`
    };
    std::map<std::uint32_t, Defined> by_member;
    std::vector<bool> placed(declared.size(), false);
    for (const DefinedSymbol& symbol : listing.symbols) {
        if (!symbol.kind_known || !symbol.code)
            continue;
        const auto found = by_name.find(symbol.name());
        if (found == by_name.end() || placed[found->second])
            continue;
        placed[found->second] = true;
        Defined& defined = by_member[symbol.member];
        defined.format = symbol.format;
        defined.functions.push_back(found->second);
    }

    SignatureCoverage& coverage = result.signatures;
    std::vector<std::vector<Diagnostic>> reports(declared.size());
    for (const auto& [member, defined] : by_member) {
        const std::vector<std::size_t>& indices = defined.functions;
        if (defined.format != ObjectFormat::Elf) {
            coverage.unsupported += indices.size();
            continue;
        }
        const std::string_view bytes =
            member < listing.member_bytes.size() ? listing.member_bytes[member] : "";
        std::vector<std::string_view> wanted;
        for (std::size_t i : indices)
            wanted.push_back(declared[i].name);
        const ObjectSignatures signatures =
            elf_is_well_formed(bytes) ? read_dwarf_signatures(bytes, wanted) : ObjectSignatures{};
        const std::string where =
            listing.members[member].empty() ? shown : shown + "(" + listing.members[member] + ")";
        for (std::size_t i : indices) {
            const auto code = signatures.found.find(std::string(declared[i].name));
            if (code == signatures.found.end()) {
                ++coverage.without_debug_info;
                continue;
            }
            ++coverage.checked;
            if (compare(manifest, declared[i], code->second, where, reports[i]) != 0)
                ++coverage.mismatched;
        }
    }
    for (std::vector<Diagnostic>& found : reports) {
        for (Diagnostic& d : found)
            diagnostics.push_back(std::move(d));
    }
    const std::size_t unchecked = coverage.without_debug_info + coverage.unsupported;
    if (coverage.checked == 0 && unchecked != 0) {
        coverage.status = coverage.without_debug_info != 0 ? SignatureStatus::NoDebugInfo
                                                           : SignatureStatus::Unsupported;
    } else {
        coverage.status = unchecked == 0 ? SignatureStatus::Checked : SignatureStatus::Partial;
    }
}

} // namespace detail
} // namespace perry::linker
