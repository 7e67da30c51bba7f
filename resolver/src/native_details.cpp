// The adapter from the manifest model (manifest.h) to what resolution reports: the ABI status,
// the functions with C signatures from the type table, and one target's entry as JSON.
#include "perry/resolver/native_details.h"

#include "perry/resolver/abi_version.h"
#include "perry/resolver/manifest.h"
#include "perry/resolver/types.h"

#include "json_document.h"

#include <charconv>

namespace perry::resolver {

namespace {

// `<returns> <name>(<C type of params[0]> a0, ...)`, or `(void)` without parameters, built in
// one string (a C declaration per native function: temporaries add up over a program).
// Single characters go in with push_back, which is inlined; append is a call each.
template <typename Params, typename CTypeOf>
std::string build_c_signature(std::string_view name, const Params& params, CTypeOf c_type_of,
                              std::string_view returns) {
    std::string out;
    out.reserve(returns.size() + name.size() + 8 + params.size() * 28);
    out.append(returns);
    out += ' ';
    out.append(name);
    out += '(';
    size_t i = 0;
    for (const auto& param : params) {
        if (i != 0) {
            out += ',';
            out += ' ';
        }
        out.append(c_type_of(param));
        out += ' ';
        out += 'a';
        char digits[20];
        out.append(digits, std::to_chars(digits, digits + sizeof digits, i++).ptr);
    }
    if (params.empty())
        out.append("void");
    out += ')';
    return out;
}

// The target's entry as a JSON object with the manifest's spellings as keys and paths resolved
// against the package, written as nlohmann's dump() writes it (no spaces, strings escaped by
// json_quote): built as text directly, it costs a few allocations instead of about a hundred.
class LinkJson {
  public:
    // One allocation for the usual entry (growing by appends cost a reallocation per doubling,
    // and in a fresh process each new block is a page fault).
    LinkJson() { out_.reserve(512); }
    std::string take() {
        out_ += '}';
        return std::move(out_);
    }

    void field(const char* key, std::string_view text) {
        add_key(key);
        add_string(text);
    }
    void field(const char* key, bool value) {
        add_key(key);
        out_ += value ? "true" : "false";
    }
    void field(const char* key, const std::optional<std::string>& text) {
        add_key(key);
        if (text) {
            add_string(*text);
        } else {
            out_ += "null";
        }
    }
    void field(const char* key, const std::optional<PackagePath>& path) {
        add_key(key);
        if (path) {
            add_string(path->resolved);
        } else {
            out_ += "null";
        }
    }
    void field(const char* key, const std::vector<std::string>& texts) {
        add_key(key);
        add_array(texts, [](const std::string& text) -> const std::string& { return text; });
    }
    void field(const char* key, const std::vector<PackagePath>& paths) {
        add_key(key);
        add_array(paths,
                  [](const PackagePath& path) -> const std::string& { return path.resolved; });
    }
    void field(const char* key, const std::optional<std::vector<std::string>>& texts) {
        if (texts) {
            field(key, *texts);
            return;
        }
        add_key(key);
        out_ += "null";
    }

    // An object keyed by architecture (the extensions prebuiltPerArch, platformPackages),
    // written only when the manifest has one, so that entries without them read as before.
    template <typename Entries, typename Text>
    void arch_object(const char* key, const Entries& entries, Text text) {
        if (entries.empty())
            return;
        add_key(key);
        out_ += '{';
        for (const auto& entry : entries) {
            if (out_.back() != '{')
                out_ += ',';
            add_string(entry.arch);
            out_ += ':';
            add_string(text(entry));
        }
        out_ += '}';
    }

  private:
    void add_string(std::string_view text) { detail::append_json_quoted(out_, text); }
    void add_key(const char* key) {
        out_ += out_.empty() ? '{' : ',';
        out_ += '"';
        out_.append(key);
        out_ += '"';
        out_ += ':';
    }
    template <typename Items, typename Text> void add_array(const Items& items, Text text) {
        out_ += '[';
        for (const auto& item : items) {
            if (out_.back() != '[')
                out_ += ',';
            add_string(text(item));
        }
        out_ += ']';
    }

    std::string out_;
};

std::string link_json(const Target& t) {
    LinkJson out;
    out.field("target", target_key_name(t.key));
    out.field("crate", t.crate);
    out.field("lib", t.lib);
    out.field("prebuilt", t.prebuilt);
    out.field("builds_package_root", t.builds_package_root());
    out.field("frameworks", t.frameworks);
    out.field("optionalFrameworks", t.optional_frameworks);
    out.field("frameworksEnv", t.frameworks_env);
    out.field("libs", t.libs);
    out.field("libDirs", t.lib_dirs);
    out.field("pkgConfig", t.pkg_config);
    out.field("swift_sources", t.swift_sources);
    out.field("metal_sources", t.metal_sources);
    out.field("cargo_features", t.cargo_features);
    out.arch_object("prebuiltPerArch", t.prebuilt_per_arch,
                    [](const ArchPrebuilt& e) -> const std::string& { return e.path.resolved; });
    out.arch_object("platformPackages", t.platform_packages,
                    [](const ArchPlatformPackage& e) -> const std::string& { return e.package; });
    return out.take();
}

} // namespace

std::string c_signature(const std::string& name, const std::vector<std::string>& params,
                        const std::string& returns) {
    return build_c_signature(
        name, params, [](const std::string& c_type) -> std::string_view { return c_type; },
        returns);
}

NativeDetails read_native_details(const std::string& file, const std::string& package_dir,
                                  std::string_view package_json_text, const std::string& target,
                                  const ParseOptions& options) {
    ManifestResult manifest = parse_manifest_text(package_json_text, file, package_dir, options);
    NativeDetails details;
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
    details.functions.reserve(lib.functions.size());
    for (const Function& f : lib.functions) {
        FunctionSignature& signature = details.functions.emplace_back();
        signature.name = f.name;
        signature.params.reserve(f.params.size());
        for (ParamType p : f.params) {
            signature.params.emplace_back(info(p).name);
        }
        signature.returns =
            f.returns_legacy_f64 ? std::string_view(f.returns_as_written) : info(f.returns).name;
        signature.c_signature = build_c_signature(
            f.name, f.params, [](ParamType p) { return info(p).c_type; }, info(f.returns).c_type);
    }
    if (const auto key = find_target_key(target)) {
        if (const Target* entry = lib.target(*key)) {
            details.link_json = link_json(*entry);
        }
    }
    details.diagnostics = std::move(manifest.diagnostics);
    return details;
}

} // namespace perry::resolver
