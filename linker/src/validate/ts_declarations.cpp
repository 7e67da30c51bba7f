#include "ts_declarations.h"

#include "declarations_file.h"
#include "report_helpers.h"
#include "typescript/declarations_reader.h"
#include "typescript/type_compatibility.h"

#include "../../../resolver/src/fs_util.h"
#include "perry/platform/files.h"

#include <cerrno>

#include <algorithm>
#include <map>
#include <system_error>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;
using typescript::DeclaredFunction;
using typescript::DeclaredParameter;
using typescript::Place;
using typescript::WrittenType;

// Declarations files are source text; anything this large is not one.
constexpr std::uintmax_t kMaxDeclarationsSize = std::uintmax_t{16} << 20;
// A written type is quoted in a message up to this many bytes.
constexpr std::size_t kMaxQuotedType = 80;

// `text`, cut after kMaxQuotedType bytes (at the start of a UTF-8 sequence) with `...` added.
std::string quoted_type(const std::string& text) {
    if (text.size() <= kMaxQuotedType)
        return text;
    std::size_t cut = kMaxQuotedType;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

class Comparison {
  public:
    Comparison(const resolver::ManifestResult& manifest, std::string file,
               const std::vector<std::string>& prefixes, std::vector<Diagnostic>& diagnostics)
        : manifest_(manifest), file_(std::move(file)), prefixes_(prefixes),
          diagnostics_(diagnostics) {}

    // Compares, and returns how many binding functions the file declares.
    std::size_t run(const std::vector<DeclaredFunction>& declared) {
        std::map<std::string, const DeclaredFunction*> seen;
        std::size_t bindings = 0;
        for (const DeclaredFunction& function : declared) {
            const resolver::Function* entry = manifest_.native_library.function(function.name);
            if (!entry && !has_binding_prefix(function.name))
                continue; // not a native function (`declare function setTimeout`)
            auto [first, inserted] = seen.emplace(function.name, &function);
            bindings += inserted ? 1 : 0;
            if (!inserted) {
                error(function.place,
                      "`" + function.name + "` is declared again (first at line " +
                          std::to_string(first->second->place.line) + ")",
                      "keep one declaration: a native function has one signature");
                continue;
            }
            if (!entry) {
                error(function.place,
                      "`" + function.name + "` is declared but the manifest has no such function",
                      "add it to perry.nativeLibrary.functions in package.json, or remove the "
                      "declaration");
                continue;
            }
            compare(function, *entry);
        }
        for (const resolver::Function& entry : manifest_.native_library.functions) {
            const std::string name(entry.name);
            if (seen.count(name) == 0) {
                error({},
                      "`" + name + "` (perry.nativeLibrary.functions[" +
                          std::to_string(entry.index) + "]) is not declared",
                      "add `" + declaration(entry) + "`");
                seen.emplace(name, nullptr); // a name listed twice in the manifest: once
            }
        }
        return bindings;
    }

  private:
    bool has_binding_prefix(const std::string& name) const {
        return std::any_of(prefixes_.begin(), prefixes_.end(),
                           [&](const std::string& prefix) { return name.rfind(prefix, 0) == 0; });
    }

    void compare(const DeclaredFunction& function, const resolver::Function& entry) {
        const auto rest = std::find_if(function.params.begin(), function.params.end(),
                                       [](const DeclaredParameter& p) { return p.rest; });
        if (rest != function.params.end()) {
            error(rest->place,
                  "`" + function.name + "` parameter " +
                      std::to_string(rest - function.params.begin() + 1) +
                      " is a rest parameter (`" + rest->name +
                      "`), but a native function takes a fixed list",
                  "declare it as `" + declaration(entry) + "`");
            return;
        }
        if (function.params.size() != entry.params.size()) {
            error(function.place,
                  "`" + function.name + "` takes " + count(function.params.size()) +
                      " here, but the manifest lists " + count(entry.params.size()) +
                      manifest_params(entry),
                  "declare it as `" + declaration(entry) +
                      "`, or change its `params` in "
                      "package.json");
        } else {
            for (std::size_t i = 0; i < function.params.size(); ++i)
                compare_parameter(function, i, entry);
        }
        compare_return(function, entry);
    }

    void compare_parameter(const DeclaredFunction& function, std::size_t i,
                           const resolver::Function& entry) {
        const DeclaredParameter& param = function.params[i];
        const resolver::ParamType type = entry.params[i];
        if (param.type.present &&
            typescript::parameter_fits(type, param.type.members, param.optional)) {
            return;
        }
        const resolver::TypeInfo& info = resolver::info(type);
        const std::string written = param.name + (param.optional ? "?" : "") +
                                    (param.type.present ? ": " + quoted_type(param.type.text) : "");
        error(param.type.present ? param.type.place : param.place,
              "`" + function.name + "` parameter " + std::to_string(i + 1) + " is declared `" +
                  written + "`" + (param.type.present ? "" : " without a type") +
                  ", but the manifest's `" + std::string(info.name) + "` takes `" +
                  std::string(info.ts_type) + "`",
              "declare it `" + param.name + ": " + std::string(info.ts_type) +
                  "`, or change params[" + std::to_string(i) + "] of `" + function.name +
                  "` in package.json");
    }

    void compare_return(const DeclaredFunction& function, const resolver::Function& entry) {
        const WrittenType& returns = function.returns;
        if (returns.present && typescript::return_fits(entry.returns, returns.members))
            return;
        const resolver::TypeInfo& info = resolver::info(entry.returns);
        error(returns.place,
              "`" + function.name + "` returns " +
                  (returns.present ? "`" + quoted_type(returns.text) + "`"
                                   : std::string("no declared type")) +
                  " here, but the manifest's `" + entry.returns_as_written + "` returns `" +
                  std::string(info.ts_type) + "`",
              "declare the return type `: " + return_spelling(entry.returns) +
                  "`, or change `returns` of `" + function.name + "` in package.json");
    }

    static std::string count(std::size_t n) {
        return std::to_string(n) + (n == 1 ? " parameter" : " parameters");
    }

    static std::string manifest_params(const resolver::Function& entry) {
        if (entry.params.empty())
            return "";
        std::string out;
        for (resolver::ParamType type : entry.params)
            out += (out.empty() ? " (" : ", ") + std::string(resolver::info(type).name);
        return out + ")";
    }

    // The table's TypeScript type as an author writes it: a promise's settled type is theirs.
    static std::string return_spelling(resolver::ReturnType type) {
        const std::string ts(resolver::info(type).ts_type);
        return ts == "Promise<unknown>" ? "Promise<T>" : ts;
    }

    // The declaration the manifest's entry calls for, with parameters named by position.
    static std::string declaration(const resolver::Function& entry) {
        std::string out = "declare function " + std::string(entry.name) + "(";
        for (std::size_t i = 0; i < entry.params.size(); ++i) {
            out += (i == 0 ? "" : ", ") + std::string("arg") + std::to_string(i + 1) + ": " +
                   std::string(resolver::info(entry.params[i]).ts_type);
        }
        return out + "): " + return_spelling(entry.returns) + ";";
    }

    void error(Place place, std::string message, std::string fix) {
        Diagnostic d = resolver::make_diagnostic(Diagnostic::Severity::Error, file_, "",
                                                 std::move(message), std::move(fix));
        d.line = place.line;
        d.column = place.column;
        diagnostics_.push_back(std::move(d));
    }

    const resolver::ManifestResult& manifest_;
    std::string file_;
    const std::vector<std::string>& prefixes_;
    std::vector<Diagnostic>& diagnostics_;
};

// The file's text, or nullopt with the reason in `why`.
std::optional<std::string> read_text(const fs::path& path, std::string& why) {
    // Through the tools' one reader: a FIFO or a device named by `types` fails at once.
    std::string text;
    if (platform::read_regular_file(path.string().c_str(), text, kMaxDeclarationsSize))
        return text;
    why = errno == EFBIG ? "larger than 16 MiB" : resolver::detail::describe_read_error(errno);
    return std::nullopt;
}

} // namespace

void check_typescript_declarations(const resolver::ManifestResult& manifest,
                                   ValidationReport& report) {
    DeclarationsValidation& result = report.typescript;
    const DeclarationsFile found = find_declarations_file(manifest, report.diagnostics);
    result.selected_by = found.selected_by;
    if (!found.path) {
        result.not_checked = found.not_found;
        return;
    }
    result.file = shown_path(*found.path, manifest.package_dir);
    std::string why;
    const std::optional<std::string> text = read_text(*found.path, why);
    if (!text) {
        report.diagnostics.push_back(resolver::make_diagnostic(
            Diagnostic::Severity::Error, result.file, "",
            "cannot read the TypeScript declarations: " + why,
            "make it a readable regular file, or point `types` in package.json at one"));
        report.unreadable = true;
        result.not_checked = "the file cannot be read";
        return;
    }
    const std::string name = found.path->filename().string();
    const typescript::SourceDeclarations source = typescript::read_declarations(
        *text, name.size() > 5 && name.compare(name.size() - 5, 5, ".d.ts") == 0);
    if (!source.failure.empty()) {
        report.diagnostics.push_back(
            resolver::make_diagnostic(Diagnostic::Severity::Error, result.file, "",
                                      "cannot read the TypeScript declarations: " + source.failure,
                                      "check the file's syntax with `npx tsc --noEmit`"));
        report.unreadable = true;
        result.not_checked = "the file cannot be read";
        return;
    }
    if (source.syntax_error) {
        Diagnostic d = resolver::make_diagnostic(
            Diagnostic::Severity::Error, result.file, "",
            "not valid TypeScript: " + source.syntax_problem,
            "correct the syntax (`npx tsc --noEmit` explains it), then validate again");
        d.line = source.syntax_error->line;
        d.column = source.syntax_error->column;
        report.diagnostics.push_back(std::move(d));
        report.unreadable = true;
        result.not_checked = "the file is not valid TypeScript";
        return;
    }
    result.functions =
        Comparison(manifest, result.file, report.binding_prefixes, report.diagnostics)
            .run(source.functions);
    result.checked = true;
}

} // namespace perry::linker::detail
