#include "perry/resolver/resolution_json.h"

#include <nlohmann/json.hpp>

namespace perry::resolver {

namespace {

using Json = nlohmann::ordered_json;

template <typename T> Json optional_value(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json binding_json(const WellKnownBinding& binding) {
    return Json{{"name", binding.name},
                {"crate", binding.crate},
                {"lib", binding.lib},
                {"tracking", binding.tracking.empty() ? Json(nullptr) : Json(binding.tracking)},
                {"alias_of", binding.alias_of.empty() ? Json(nullptr) : Json(binding.alias_of)},
                {"compat", binding.compat},
                {"node_builtin", binding.node_builtin},
                {"source", binding.source.empty() ? Json(nullptr) : Json(binding.source)}};
}

Json resolution_json(const Resolution& r) {
    Json abi = nullptr;
    Json functions = Json::array();
    Json link = nullptr;
    if (r.native) {
        abi = Json{{"declared", optional_value(r.native->abi.declared)},
                   {"ok", r.native->abi.ok},
                   {"message", r.native->abi.message}};
        for (const FunctionSignature& f : r.native->functions) {
            functions.push_back(Json{{"name", f.name},
                                     {"params", f.params},
                                     {"returns", f.returns},
                                     {"c_signature", f.c_signature}});
        }
        if (r.native->link_json) {
            link = Json::parse(*r.native->link_json);
        }
    }
    Json refused = nullptr;
    if (r.refused) {
        refused = Json{{"message", r.refused->message}, {"fix", r.refused->fix}};
    }
    std::vector<std::string> errors = r.errors;
    std::vector<std::string> warnings = r.warnings;
    if (r.native) {
        for (const Diagnostic& d : r.native->diagnostics) {
            (d.is_error() ? errors : warnings).push_back(d.what());
        }
    }
    return Json{{"specifier", r.specifier},
                {"kind", to_string(r.kind)},
                {"ok", r.ok()},
                {"package", r.package.empty() ? Json(nullptr) : Json(r.package)},
                {"subpath", r.subpath.empty() ? Json(nullptr) : Json(r.subpath)},
                {"version", optional_value(r.version)},
                {"dir", optional_value(r.dir)},
                {"entry", optional_value(r.entry)},
                {"condition", r.condition.empty() ? Json(nullptr) : Json(r.condition)},
                {"target", r.target},
                {"abi", abi},
                {"functions", functions},
                {"link", link},
                {"well_known", r.well_known ? binding_json(*r.well_known) : Json(nullptr)},
                {"refused", refused},
                {"errors", errors},
                {"warnings", warnings},
                {"looked_in", r.looked_in}};
}

} // namespace

std::string resolutions_to_json(const std::vector<Resolution>& resolutions) {
    Json out = Json::array();
    for (const Resolution& r : resolutions) {
        out.push_back(resolution_json(r));
    }
    return out.dump(2) + "\n";
}

const std::vector<std::string>& resolution_order() {
    static const std::vector<std::string> order = {
        "node_modules/<name> with perry.nativeLibrary in its package.json: native (an installed "
        "package always wins)",
        "node_modules/<name> without perry.nativeLibrary: js",
        "an entry of the well-known table: well-known (the binding ships with perry)",
        "nothing matched: unresolved, listing every place looked at",
    };
    return order;
}

std::string well_known_to_json(const WellKnownTable& table) {
    Json bindings = Json::array();
    for (const WellKnownBinding& binding : table.entries()) {
        bindings.push_back(binding_json(binding));
    }
    return Json{{"table", table.file()}, {"order", resolution_order()}, {"bindings", bindings}}
               .dump(2) +
           "\n";
}

} // namespace perry::resolver
