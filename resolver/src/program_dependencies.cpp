#include "perry/resolver/program_dependencies.h"

#include "fs_util.h"
#include "json_document.h"

#include <algorithm>

namespace perry::resolver {
namespace {

Diagnostic error(const std::string& file, std::string pointer, std::string message,
                 std::string fix) {
    return make_diagnostic(Diagnostic::Severity::Error, file, std::move(pointer),
                           std::move(message), std::move(fix));
}

} // namespace

ProgramDependencies read_program_dependencies(const std::string& file) {
    ProgramDependencies result;
    std::string text;
    if (!detail::read_file(file, text)) {
        result.diagnostics.push_back(error(file, "", "cannot read the program's package.json",
                                           "check its permissions, or name the imports with "
                                           "--import"));
        return result;
    }
    detail::JsonDocument document;
    std::string ignored;
    if (!document.parse(text, ignored) || !document.root().is_object()) {
        result.diagnostics.push_back(
            error(file, "", "not a JSON object",
                  "fix the file (`perry native validate` shows where it breaks)"));
        return result;
    }
    const detail::JsonValue root = document.root();
    for (const char* member : {"dependencies", "optionalDependencies"}) {
        detail::JsonValue found = root;
        if (!root.find(member, found))
            continue;
        if (!found.is_object()) {
            result.diagnostics.push_back(error(file, std::string("/") + member, "not an object",
                                               "write it as { \"name\": \"version range\" }"));
            continue;
        }
        const std::size_t first = result.names.size();
        for (const detail::JsonValue value : found) {
            const auto begin = result.names.begin() + static_cast<std::ptrdiff_t>(first);
            if (std::find(begin, result.names.end(), value.key()) == result.names.end())
                result.names.emplace_back(value.key());
        }
    }
    return result;
}

} // namespace perry::resolver
