#include "diagnostics_json.h"

namespace perry::cli {

nlohmann::json diagnostics_json(const std::vector<resolver::Diagnostic>& diagnostics, bool errors) {
    nlohmann::json out = nlohmann::json::array();
    for (const resolver::Diagnostic& d : diagnostics) {
        if (d.is_error() != errors)
            continue;
        out.push_back({{"file", d.file},
                       {"pointer", d.pointer},
                       {"message", d.message},
                       {"fix", d.fix},
                       {"text", d.what()}});
        if (d.line > 0) { // a JSON syntax error: where in the file
            out.back()["line"] = d.line;
            out.back()["column"] = d.column;
        }
    }
    return out;
}

} // namespace perry::cli
