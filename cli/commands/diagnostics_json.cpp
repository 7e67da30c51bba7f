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
    }
    return out;
}

} // namespace perry::cli
