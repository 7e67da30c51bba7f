// The adapter from the manifest model (manifest.h) to what resolution reports: the ABI status,
// the functions with C signatures from the type table, and one target's entry as JSON.
#include "perry/resolver/native_details.h"

#include "perry/resolver/abi_version.h"
#include "perry/resolver/manifest.h"
#include "perry/resolver/types.h"

#include <nlohmann/json.hpp>

namespace perry::resolver {

namespace {

using Json = nlohmann::ordered_json;

// The table's C types may carry a note in parentheses ("double (PerryValue bits)"): the
// declaration uses the type alone.
std::string bare_c_type(std::string_view c_type) {
    const size_t note = c_type.find(" (");
    return std::string(c_type.substr(0, note));
}

std::string declaration(const std::string& c_type, const std::string& name) {
    return c_type + " " + name;
}

Json path_json(const std::optional<PackagePath>& path) {
    return path ? Json(path->resolved.string()) : Json(nullptr);
}

Json paths_json(const std::vector<PackagePath>& paths) {
    Json out = Json::array();
    for (const PackagePath& path : paths) {
        out.push_back(path.resolved.string());
    }
    return out;
}

// The target's entry with manifest spellings as keys and paths resolved against the package.
std::string link_json(const Target& t) {
    Json out{{"target", std::string(target_key_name(t.key))},
             {"crate", path_json(t.crate)},
             {"lib", t.lib ? Json(*t.lib) : Json(nullptr)},
             {"prebuilt", path_json(t.prebuilt)},
             {"builds_package_root", t.builds_package_root()},
             {"frameworks", t.frameworks},
             {"optionalFrameworks", t.optional_frameworks},
             {"frameworksEnv", t.frameworks_env ? Json(*t.frameworks_env) : Json(nullptr)},
             {"libs", t.libs},
             {"libDirs", paths_json(t.lib_dirs)},
             {"pkgConfig", t.pkg_config},
             {"swift_sources", paths_json(t.swift_sources)},
             {"metal_sources", paths_json(t.metal_sources)},
             {"cargo_features", t.cargo_features ? Json(*t.cargo_features) : Json(nullptr)}};
    return out.dump();
}

} // namespace

std::string c_signature(const std::string& name, const std::vector<std::string>& params,
                        const std::string& returns) {
    std::string out = declaration(returns, name) + "(";
    for (size_t i = 0; i < params.size(); ++i) {
        out += (i == 0 ? "" : ", ") + declaration(params[i], "a" + std::to_string(i));
    }
    return out + (params.empty() ? "void)" : ")");
}

NativeDetails read_native_details(const std::string& file, const std::string& package_dir,
                                  std::string_view package_json_text, const std::string& target) {
    const ManifestResult manifest = parse_manifest_text(package_json_text, file, package_dir);
    NativeDetails details;
    details.diagnostics = manifest.diagnostics;
    const NativeLibrary& lib = manifest.native_library;
    details.abi.declared = lib.abi_version;
    for (const Diagnostic& d : manifest.diagnostics) {
        if (d.pointer == kAbiVersionPointer) {
            details.abi.ok = details.abi.ok && !d.is_error();
            if (details.abi.message.empty()) {
                details.abi.message = d.message;
            }
        }
    }
    for (const Function& f : lib.functions) {
        FunctionSignature signature;
        signature.name = f.name;
        std::vector<std::string> c_params;
        for (ParamType p : f.params) {
            signature.params.emplace_back(info(p).name);
            c_params.push_back(bare_c_type(info(p).c_type));
        }
        signature.returns =
            f.returns_legacy_f64 ? std::string_view(f.returns_as_written) : info(f.returns).name;
        signature.c_signature =
            c_signature(signature.name, c_params, bare_c_type(info(f.returns).c_type));
        details.functions.push_back(std::move(signature));
    }
    if (const auto key = find_target_key(target)) {
        if (const Target* entry = lib.target(*key)) {
            details.link_json = link_json(*entry);
        }
    }
    return details;
}

} // namespace perry::resolver
