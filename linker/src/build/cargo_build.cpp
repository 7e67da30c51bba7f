// The cargo builder: `cargo build --release`, its staticlib taken from cargo's own JSON messages.
#include "builders.h"

#include "resolver_toml_guard.h"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;

// A Cargo.lock beside the crate or above it inside the package: cargo then builds in place with
// --locked and writes nothing there. Without one cargo would write Cargo.lock into the package,
// so the crate is built from a copy instead.
bool has_lock_file(const fs::path& crate, const fs::path& package) {
    std::error_code ec;
    const fs::path stop = fs::weakly_canonical(package, ec);
    for (fs::path dir = fs::weakly_canonical(crate, ec); !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / "Cargo.lock", ec))
            return true;
        if (dir == stop || dir == dir.parent_path())
            break;
    }
    return false;
}

// The crate's files, without its build outputs, copied into the temporary folder.
bool copy_crate(const fs::path& from, const fs::path& to, std::string& error) {
    std::error_code ec;
    fs::create_directories(to, ec);
    for (const fs::directory_entry& entry : fs::directory_iterator(from, ec)) {
        const std::string name = entry.path().filename().string();
        if (name == "target" || name == ".git" || name == "node_modules")
            continue;
        fs::copy(entry.path(), to / name,
                 fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
        if (ec) {
            error = "cannot copy " + entry.path().string() + " into the cache: " + ec.message();
            return false;
        }
    }
    return true;
}

// Points every relative `path` dependency of `dependencies` (a [dependencies]-like table) at the
// original crate's directory. Returns whether one changed.
bool anchor_dependencies(toml::table* dependencies, const fs::path& original) {
    bool changed = false;
    if (dependencies == nullptr)
        return false;
    for (auto&& [name, value] : *dependencies) {
        toml::table* dependency = value.as_table();
        if (dependency == nullptr)
            continue;
        const std::optional<std::string> path = (*dependency)["path"].value<std::string>();
        if (!path || fs::path(*path).is_absolute())
            continue;
        dependency->insert_or_assign("path", (original / *path).lexically_normal().string());
        changed = true;
    }
    return changed;
}

// A crate built from a copy keeps its path dependencies: the copy's Cargo.toml names them by
// absolute paths into the original package (comments and layout of that copy are not kept; the
// package's own file is never touched). Without this a relative dependency such as
// `../shared` would be looked for beside the copy in the cache.
bool anchor_path_dependencies(const fs::path& copy, const fs::path& original, std::string& error) {
    const fs::path manifest = copy / "Cargo.toml";
    std::ifstream in(manifest, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (resolver::detail::find_toml_hazard(text))
        return true; // reported by the library-name read
    toml::table table;
    try {
        table = toml::parse(text, manifest.string());
    } catch (const toml::parse_error&) {
        return true; // cargo reports it with its own words
    }
    bool changed = false;
    for (const char* kind : {"dependencies", "dev-dependencies", "build-dependencies"}) {
        changed |= anchor_dependencies(table[kind].as_table(), original);
        changed |= anchor_dependencies(table["workspace"][kind].as_table(), original);
        if (toml::table* targets = table["target"].as_table()) {
            for (auto&& [platform, entry] : *targets) {
                if (toml::table* platform_table = entry.as_table()) {
                    changed |= anchor_dependencies((*platform_table)[kind].as_table(), original);
                }
            }
        }
    }
    if (toml::table* patches = table["patch"].as_table()) {
        for (auto&& [registry, entry] : *patches)
            changed |= anchor_dependencies(entry.as_table(), original);
    }
    if (!changed)
        return true;
    std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
    out << table << "\n";
    out.close();
    if (!out) {
        error = "cannot write " + manifest.string();
        return false;
    }
    return true;
}

struct Artifact {
    std::string target_name;
    fs::path file;
};

// The staticlibs cargo reported in its `compiler-artifact` messages (one JSON object a line).
std::vector<Artifact> staticlib_artifacts(const std::string& messages) {
    std::vector<Artifact> artifacts;
    std::istringstream lines(messages);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line.front() != '{')
            continue;
        const nlohmann::json message = nlohmann::json::parse(line, nullptr, false);
        if (!message.is_object() || message.value("reason", "") != "compiler-artifact")
            continue;
        const nlohmann::json& target = message["target"];
        const nlohmann::json kinds = target.value("kind", nlohmann::json::array());
        if (std::find(kinds.begin(), kinds.end(), "staticlib") == kinds.end())
            continue;
        for (const nlohmann::json& file : message.value("filenames", nlohmann::json::array())) {
            if (!file.is_string())
                continue;
            const fs::path path(file.get<std::string>());
            const std::string ext = path.extension().string();
            if (ext == ".a" || ext == ".lib") {
                artifacts.push_back({target.value("name", ""), path});
            }
        }
    }
    return artifacts;
}

} // namespace

std::string cargo_program() {
    const char* home = std::getenv("HOME");
    return find_program("cargo", {std::string(home ? home : "") + "/.cargo/bin"}).value_or("cargo");
}

std::optional<std::string> cargo_library_name(const fs::path& cargo_toml, std::string& error) {
    std::ifstream in(cargo_toml, std::ios::binary);
    if (!in) {
        error = "cannot read it";
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (const auto hazard = resolver::detail::find_toml_hazard(text)) {
        error = std::to_string(hazard->line) + ":" + std::to_string(hazard->column) + ": " +
                hazard->message;
        return std::nullopt;
    }
    toml::table table;
    try {
        // toml++ 3.3 has undefined behaviour on some non-ASCII input: the resolver's guard.
        if (const auto masked = resolver::detail::mask_toml_hazards(text)) {
            (void)toml::parse(*masked, cargo_toml.string());
        }
        table = toml::parse(text, cargo_toml.string());
    } catch (const toml::parse_error& failure) {
        error = std::to_string(failure.source().begin.line) + ":" +
                std::to_string(failure.source().begin.column) + ": " +
                std::string(failure.description());
        return std::nullopt;
    }
    std::optional<std::string> name = table["lib"]["name"].value<std::string>();
    if (!name)
        name = table["package"]["name"].value<std::string>();
    if (!name) {
        error = "neither [lib] name nor [package] name is set";
        return std::nullopt;
    }
    std::replace(name->begin(), name->end(), '-', '_');
    return name;
}

BuilderOutcome run_cargo(const BuildContext& context) {
    BuilderOutcome outcome;
    const BuildRequest& request = *context.request;
    fs::path crate = context.crate_dir;
    std::vector<std::string> argv = {cargo_program(), "build", "--release",
                                     // Artifacts as JSON on stdout; rustc's diagnostics rendered
                                     // as text on stderr, so a failure's log reads as usual.
                                     "--message-format=json-render-diagnostics"};
    std::error_code ec;
    if (has_lock_file(crate, fs::absolute(request.package_dir, ec))) {
        argv.push_back("--locked");
    } else {
        const fs::path copy = context.work / "src";
        if (!copy_crate(crate, copy, outcome.error) ||
            !anchor_path_dependencies(copy, fs::absolute(crate, ec), outcome.error))
            return outcome;
        crate = copy;
    }
    argv.insert(argv.end(), {"--manifest-path", (crate / "Cargo.toml").string()});
    const std::vector<std::string>& features =
        request.target.cargo_features.value_or(std::vector<std::string>{});
    if (!features.empty()) {
        std::string joined;
        for (const std::string& feature : features)
            joined += (joined.empty() ? "" : ",") + feature;
        argv.insert(argv.end(), {"--features", joined});
    }
    if (!request.triple.empty())
        argv.insert(argv.end(), {"--target", request.triple});

    std::vector<std::pair<std::string, std::string>> env = {
        {"CARGO_TARGET_DIR", (context.work / "target").string()}};
    if (context.options->offline)
        env.emplace_back("CARGO_NET_OFFLINE", "true");
    if (!context.rustc_wrapper.empty())
        env.emplace_back("RUSTC_WRAPPER", context.rustc_wrapper);
    // A binding's build.rs generates its signature assertions with the perry that builds it (the
    // Rust template's build.rs reads this; docs/cli/header.md).
    if (!context.options->runtime.perry_executable.empty())
        env.emplace_back("PERRY_EXECUTABLE", context.options->runtime.perry_executable.string());
    // In the crate's folder, so that its .cargo/config.toml applies as it does for its author.
    const ProcessResult result =
        run_build_step(context, argv, crate, env, /*log_stdout=*/false, /*show_stdout=*/false);
    if (!result.ok()) {
        step_failed(argv, result, outcome);
        return outcome;
    }
    const std::vector<Artifact> artifacts = staticlib_artifacts(result.out);
    for (const Artifact& artifact : artifacts) {
        const std::string name = artifact.file.filename().string();
        if (std::find(context.archive_names.begin(), context.archive_names.end(), name) !=
            context.archive_names.end()) {
            outcome.archive = artifact.file;
        }
    }
    if (outcome.archive.empty() && artifacts.size() == 1)
        outcome.archive = artifacts[0].file;
    if (outcome.archive.empty()) {
        std::string seen;
        for (const Artifact& artifact : artifacts) {
            seen += (seen.empty() ? "" : ", ") + artifact.file.filename().string();
        }
        outcome.error = "cargo built no staticlib named " + context.archive_names.front() +
                        (seen.empty() ? " (it reported no staticlib at all: is crate-type "
                                        "[\"staticlib\"] set in [lib]?)"
                                      : " (it built " + seen + ")");
        return outcome;
    }
    outcome.ok = true;
    return outcome;
}

} // namespace perry::linker::detail
