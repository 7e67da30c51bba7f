#include "platform_packages.h"

#include "../validate/archive_machine.h"

#include <algorithm>
#include <map>
#include <system_error>

namespace perry::linker::pack {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

// npm's `os` and `cpu`, and the name suffix napi-rs uses, of a target key and architecture. A
// key with no Node.js platform (ios, web, ...) gets neither field: its archive is linked on a
// machine of another platform, which npm would otherwise refuse to install it on.
struct NpmPlatform {
    std::string os;   // empty: no `os` field
    std::string cpu;  // empty: no `cpu` field
    std::string name; // the name's platform part: "linux-x64-gnu", "ios-arm64"
    std::string libc; // "glibc" for linux
};

std::string npm_cpu(const std::string& arch) {
    static const std::map<std::string, std::string> kCpu = {
        {"x86_64", "x64"},      {"aarch64", "arm64"}, {"arm", "arm"},           {"i686", "ia32"},
        {"riscv64", "riscv64"}, {"wasm32", "wasm32"}, {"powerpc64le", "ppc64"}, {"s390x", "s390x"}};
    const auto found = kCpu.find(arch);
    return found != kCpu.end() ? found->second : arch;
}

NpmPlatform npm_platform(const NamedPrebuilt& prebuilt) {
    NpmPlatform platform;
    const std::string cpu = npm_cpu(prebuilt.arch);
    if (prebuilt.target == "linux") {
        platform = {"linux", cpu, "linux-" + cpu + "-gnu", "glibc"};
    } else if (prebuilt.target == "macos") {
        platform = {"darwin", cpu, "darwin-" + cpu, ""};
    } else if (prebuilt.target == "windows") {
        const bool msvc = prebuilt.path.size() > 4 &&
                          prebuilt.path.compare(prebuilt.path.size() - 4, 4, ".lib") == 0;
        platform = {"win32", cpu, "win32-" + cpu + (msvc ? "-msvc" : "-gnu"), ""};
    } else if (prebuilt.target == "android") {
        platform = {"android", cpu, "android-" + cpu, ""};
    } else {
        platform = {"", "", prebuilt.target + "-" + cpu, ""};
    }
    return platform;
}

std::string plain_path(std::string path) {
    while (path.rfind("./", 0) == 0)
        path.erase(0, 2);
    return path;
}

bool escapes(const std::string& path) {
    if (path.empty() || path.front() == '/' || path.front() == '\\' ||
        (path.size() > 1 && path[1] == ':'))
        return true;
    for (const fs::path& part : fs::path(path)) {
        if (part == "..")
            return true;
    }
    return false;
}

std::string arch_name(std::string machine) {
    return machine == "i386" ? "i686" : machine; // LLVM's name of 32-bit x86
}

} // namespace

std::vector<NamedPrebuilt> named_prebuilts(const Json& manifest, const fs::path& package_dir,
                                           const std::string& label,
                                           std::vector<Diagnostic>& diagnostics, bool& bad_input) {
    std::vector<NamedPrebuilt> found;
    const Json* targets = nullptr;
    if (manifest.contains("perry") && manifest["perry"].is_object() &&
        manifest["perry"].contains("nativeLibrary") &&
        manifest["perry"]["nativeLibrary"].is_object() &&
        manifest["perry"]["nativeLibrary"].contains("targets")) {
        targets = &manifest["perry"]["nativeLibrary"]["targets"];
    }
    if (targets == nullptr || !targets->is_object())
        return found;
    const auto add = [&](const std::string& key, const std::string& arch, const Json& value,
                         const std::string& pointer, bool per_arch) {
        if (!value.is_string())
            return; // the manifest check reports the type
        NamedPrebuilt prebuilt{key,     arch,  plain_path(value.get<std::string>()),
                               pointer, false, per_arch};
        if (escapes(value.get<std::string>())) {
            diagnostics.push_back(
                resolver::make_diagnostic(Diagnostic::Severity::Error, label, pointer,
                                          "`" + resolver::printable(value.get<std::string>()) +
                                              "` is absolute or leaves the package directory",
                                          "keep prebuilt archives inside the package"));
            bad_input = true;
            return;
        }
        std::error_code ec;
        prebuilt.directory = fs::is_directory(package_dir / prebuilt.path, ec);
        if (!prebuilt.directory && fs::is_regular_file(package_dir / prebuilt.path, ec)) {
            std::vector<std::string> machines =
                detail::archive_machines((package_dir / prebuilt.path).string());
            std::transform(machines.begin(), machines.end(), machines.begin(), arch_name);
            if (!per_arch && machines.size() == 1)
                prebuilt.arch = machines.front();
        }
        found.push_back(std::move(prebuilt));
    };
    for (auto target = targets->begin(); target != targets->end(); ++target) {
        if (!target.value().is_object())
            continue;
        const std::string base = "/perry/nativeLibrary/targets/" + target.key();
        const Json& entry = target.value();
        if (entry.contains("prebuiltPerArch") && entry["prebuiltPerArch"].is_object()) {
            for (auto arch = entry["prebuiltPerArch"].begin();
                 arch != entry["prebuiltPerArch"].end(); ++arch)
                add(target.key(), arch.key(), arch.value(), base + "/prebuiltPerArch/" + arch.key(),
                    true);
        }
        if (entry.contains("prebuilt"))
            add(target.key(), "", entry["prebuilt"], base + "/prebuilt", false);
    }
    return found;
}

std::vector<PlatformPackage> platform_packages(const Json& main_manifest,
                                               const std::vector<NamedPrebuilt>& prebuilts) {
    const std::string main_name = main_manifest.value("name", "");
    const std::string version = main_manifest.value("version", "");
    std::vector<PlatformPackage> packages;
    for (const NamedPrebuilt& prebuilt : prebuilts) {
        if (prebuilt.directory || prebuilt.arch.empty())
            continue;
        const bool taken =
            std::any_of(packages.begin(), packages.end(), [&](const PlatformPackage& p) {
                return p.prebuilt.target == prebuilt.target && p.prebuilt.arch == prebuilt.arch;
            });
        if (taken)
            continue; // `prebuiltPerArch` comes first and wins, as in the link plan
        const NpmPlatform platform = npm_platform(prebuilt);
        PlatformPackage package;
        package.prebuilt = prebuilt;
        package.name = main_name + "-" + platform.name;
        package.archive = fs::path(prebuilt.path).filename().string();
        Json& manifest = package.manifest;
        manifest["name"] = package.name;
        manifest["version"] = version;
        manifest["description"] =
            "The " + prebuilt.target + " " + prebuilt.arch + " prebuilt archive of " + main_name;
        if (!platform.os.empty())
            manifest["os"] = Json::array({platform.os});
        if (!platform.cpu.empty())
            manifest["cpu"] = Json::array({platform.cpu});
        if (!platform.libc.empty())
            manifest["libc"] = Json::array({platform.libc});
        manifest["files"] = Json::array({package.archive});
        if (main_manifest.contains("license"))
            manifest["license"] = main_manifest["license"];
        manifest["perry"]["nativePlatformPackage"] = {{"package", main_name},
                                                      {"target", prebuilt.target},
                                                      {"arch", prebuilt.arch},
                                                      {"prebuilt", package.archive}};
        packages.push_back(std::move(package));
    }
    return packages;
}

Json main_manifest_for(const Json& main_manifest, const std::vector<PlatformPackage>& platforms) {
    Json manifest = main_manifest;
    if (platforms.empty())
        return manifest;
    Json& targets = manifest["perry"]["nativeLibrary"]["targets"];
    for (auto target = targets.begin(); target != targets.end(); ++target) {
        Json by_arch = Json::object();
        for (const PlatformPackage& platform : platforms) {
            if (platform.prebuilt.target == target.key())
                by_arch[platform.prebuilt.arch] = platform.name;
        }
        if (by_arch.empty())
            continue;
        Json& entry = target.value();
        entry.erase("prebuiltPerArch");
        if (entry.contains("prebuilt")) {
            const bool kept =
                !entry["prebuilt"].is_string() ||
                std::none_of(platforms.begin(), platforms.end(), [&](const PlatformPackage& p) {
                    return p.prebuilt.target == target.key() &&
                           p.prebuilt.path == plain_path(entry["prebuilt"].get<std::string>());
                });
            if (!kept)
                entry.erase("prebuilt");
        }
        entry["platformPackages"] = by_arch;
    }
    Json& optional = manifest["optionalDependencies"];
    if (!optional.is_object())
        optional = Json::object();
    for (const PlatformPackage& platform : platforms)
        optional[platform.name] = manifest.value("version", "");
    return manifest;
}

std::string manifest_text(const Json& manifest) {
    return manifest.dump(2) + "\n";
}

} // namespace perry::linker::pack
