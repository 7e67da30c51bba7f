#include "support/fast_path_agreement.h"

#include "manifest_checker.h"
#include "manifest_fast_path.h"

#include <sstream>

namespace perry::testing {
namespace {

using namespace perry::resolver;

ManifestResult fresh(const std::filesystem::path& package_dir) {
    ManifestResult result;
    result.file = "package.json";
    result.package_dir = package_dir;
    return result;
}

template <typename T> std::string show(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}
std::string show(const std::optional<std::string>& value) {
    return value ? "\"" + *value + "\"" : "(none)";
}
std::string show(const std::filesystem::path& value) {
    return value.string();
}
std::string show(const PackagePath& path) {
    return path.as_written + " -> " + path.resolved;
}
std::string show(const std::optional<PackagePath>& path) {
    return path ? show(*path) : "(none)";
}
std::string show(const ParamTypes& params) {
    std::string out;
    for (ParamType t : params)
        out += std::string(info(t).name) + " ";
    return out;
}
template <typename T> std::string show(const std::vector<T>& list) {
    std::string out = "[";
    for (const T& item : list)
        out += show(item) + ", ";
    return out + "]";
}
std::string show(const std::optional<std::vector<std::string>>& list) {
    return list ? show(*list) : "(none)";
}

class Comparison {
  public:
    template <typename T> void same(const char* what, const T& fast, const T& full) {
        if (difference_.empty() && !(fast == full))
            difference_ = std::string(what) + ": fast path " + show(fast) + ", full " + show(full);
    }
    std::string result() const { return difference_; }

  private:
    std::string difference_;
};

std::string compare(const ManifestResult& fast, const ManifestResult& full) {
    Comparison c;
    c.same("file", fast.file, full.file);
    c.same("package_dir", fast.package_dir, full.package_dir);
    c.same("unreadable", fast.unreadable, full.unreadable);
    c.same("name", fast.name, full.name);
    c.same("version", fast.version, full.version);
    c.same("has_native_library", fast.has_native_library, full.has_native_library);
    const NativeLibrary& a = fast.native_library;
    const NativeLibrary& b = full.native_library;
    c.same("abiVersion", a.abi_version, b.abi_version);
    c.same("abi_range set", a.abi_range.has_value(), b.abi_range.has_value());
    c.same("function count", a.functions.size(), b.functions.size());
    for (std::size_t i = 0; i < a.functions.size() && i < b.functions.size(); ++i) {
        const Function& f = a.functions[i];
        const Function& g = b.functions[i];
        c.same("function name", f.name, g.name);
        c.same("params", f.params, g.params);
        c.same("returns", static_cast<int>(f.returns), static_cast<int>(g.returns));
        c.same("returns as written", f.returns_as_written, g.returns_as_written);
        c.same("legacy f64", f.returns_legacy_f64, g.returns_legacy_f64);
        c.same("function index", f.index, g.index);
    }
    c.same("target count", a.targets.size(), b.targets.size());
    for (std::size_t i = 0; i < a.targets.size() && i < b.targets.size(); ++i) {
        const Target& t = a.targets[i];
        const Target& u = b.targets[i];
        c.same("target key", static_cast<int>(t.key), static_cast<int>(u.key));
        c.same("crate", show(t.crate), show(u.crate));
        c.same("lib", t.lib, u.lib);
        c.same("lib as written", t.lib_as_written, u.lib_as_written);
        c.same("prebuilt", show(t.prebuilt), show(u.prebuilt));
        c.same("frameworks", t.frameworks, u.frameworks);
        c.same("optional frameworks", t.optional_frameworks, u.optional_frameworks);
        c.same("frameworks env", t.frameworks_env, u.frameworks_env);
        c.same("libs", t.libs, u.libs);
        c.same("libDirs", show(t.lib_dirs), show(u.lib_dirs));
        c.same("pkgConfig", t.pkg_config, u.pkg_config);
        c.same("swift sources", show(t.swift_sources), show(u.swift_sources));
        c.same("metal sources", show(t.metal_sources), show(u.metal_sources));
        c.same("cargo features", t.cargo_features, u.cargo_features);
    }
    std::vector<std::string> fast_diagnostics, full_diagnostics;
    for (const Diagnostic& d : fast.diagnostics)
        fast_diagnostics.push_back(d.format());
    for (const Diagnostic& d : full.diagnostics)
        full_diagnostics.push_back(d.format());
    c.same("diagnostics", fast_diagnostics, full_diagnostics);
    return c.result();
}

} // namespace

bool fast_path_reads(std::string_view text, const std::filesystem::path& package_dir) {
    ManifestResult result = fresh(package_dir);
    return resolver::detail::read_clean_manifest(text, result, ParseOptions{});
}

std::string fast_path_disagreement(std::string_view text,
                                   const std::filesystem::path& package_dir) {
    ManifestResult fast = fresh(package_dir);
    if (!resolver::detail::read_clean_manifest(text, fast, ParseOptions{})) {
        // Declined: it must leave the result as given.
        return compare(fast, fresh(package_dir)).empty()
                   ? std::string()
                   : "the fast path declined but changed the result: " +
                         compare(fast, fresh(package_dir));
    }
    ManifestResult full = fresh(package_dir);
    resolver::detail::read_manifest_fully(text, full, ParseOptions{});
    return compare(fast, full);
}

} // namespace perry::testing
