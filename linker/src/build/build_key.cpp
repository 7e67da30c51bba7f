#include "build_key.h"

#include "perry/linker/process.h"
#include "sha256.h"

#include "perry/platform/files.h"
#include "perry/platform/process.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;

// Build outputs and metadata: never inputs. `target` and `build` only at the crate's top, where
// cargo and the scaffolded CMake builds put them; a source folder named `build` deeper down is
// an input. `prebuilt` at the top is where `perry native prebuild` copies what the build made,
// so it is an output too; and `package.json` there is hashed through its target entry
// (hash_target) only, so that prebuild recording a path in it does not change the key.
// XXX: a build script that reads package.json itself would not be rebuilt when it changes.
bool excluded(const fs::path& relative) {
    const std::string name = relative.filename().string();
    if (name == ".git" || name == "node_modules" || name == ".hg" || name == ".svn")
        return true;
    const bool top = !relative.has_parent_path();
    return top && (name == "target" || name == "build" || name == "prebuilt" ||
                   name == "package.json" || name.rfind("cmake-build-", 0) == 0);
}

bool read_file(const fs::path& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream text;
    text << in.rdbuf();
    bytes = text.str();
    return true;
}

// Every file under `dir` in a fixed order: relative path, kind and content.
bool hash_tree(Sha256& hash, const fs::path& dir, std::string& error) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
    if (ec) {
        error = "cannot read " + dir.string() + ": " + ec.message();
        return false;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            error = "cannot read " + dir.string() + ": " + ec.message();
            return false;
        }
        const fs::path relative = it->path().lexically_relative(dir);
        if (excluded(relative)) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_directory(ec))
            files.push_back(relative);
    }
    std::sort(files.begin(), files.end());
    std::string bytes;
    for (const fs::path& relative : files) {
        const fs::path path = dir / relative;
        hash.field(relative.generic_string());
        if (fs::is_symlink(path, ec)) {
            hash.field("symlink");
            hash.field(fs::read_symlink(path, ec).generic_string());
            continue;
        }
        if (!read_file(path, bytes)) {
            error = "cannot read " + path.string();
            return false;
        }
        hash.field("file");
        hash.field(bytes);
    }
    return true;
}

void hash_paths(Sha256& hash, const std::vector<resolver::PackagePath>& paths) {
    hash.field(std::to_string(paths.size()));
    for (const resolver::PackagePath& path : paths)
        hash.field(path.as_written);
}

void hash_strings(Sha256& hash, const std::vector<std::string>& strings) {
    hash.field(std::to_string(strings.size()));
    for (const std::string& text : strings)
        hash.field(text);
}

void hash_target(Sha256& hash, const resolver::Target& target) {
    hash.field(resolver::target_key_name(target.key));
    hash.field(target.crate ? "crate=" + target.crate->as_written : "crate-");
    hash.field(target.lib_as_written ? "lib=" + *target.lib_as_written : "lib-");
    hash.field(target.prebuilt ? "prebuilt=" + target.prebuilt->as_written : "prebuilt-");
    hash_strings(hash, target.frameworks);
    hash_strings(hash, target.optional_frameworks);
    hash.field(target.frameworks_env.value_or("-"));
    hash_strings(hash, target.libs);
    hash_paths(hash, target.lib_dirs);
    hash_strings(hash, target.pkg_config);
    hash_paths(hash, target.swift_sources);
    hash_paths(hash, target.metal_sources);
    hash.field(target.cargo_features ? "features" : "features-");
    hash_strings(hash, target.cargo_features.value_or(std::vector<std::string>{}));
}

} // namespace

std::optional<std::string> build_key(const KeyInputs& inputs, std::string& error) {
    Sha256 hash;
    hash.field("perry-build-cache-1"); // bump when the layout of a build's output changes
    hash.field(inputs.builder);
    hash.field(inputs.lib);
    hash.field(inputs.triple);
    hash.field(inputs.runtime_version);
    hash_strings(hash, inputs.compiler_identities);
    // Variables the compilers read that change what they produce.
    for (const char* name :
         {"RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CFLAGS", "CXXFLAGS", "CPPFLAGS",
          "CMAKE_TOOLCHAIN_FILE", "SDKROOT", "MACOSX_DEPLOYMENT_TARGET"}) {
        const char* value = std::getenv(name);
        hash.field(value ? std::string(name) + "=" + value : std::string(name) + "-");
    }
    if (inputs.target != nullptr)
        hash_target(hash, *inputs.target);
    if (!hash_tree(hash, inputs.crate_dir, error))
        return std::nullopt;
    return hash.hex_digest();
}

std::optional<std::string> compiler_identity(const fs::path& cache_dir,
                                             const std::vector<std::string>& version_argv,
                                             const std::string& extra_state, std::string& error) {
    const std::optional<std::string> program = find_program(version_argv.front());
    if (!program) {
        error = "`" + version_argv.front() + "` not found on PATH";
        return std::nullopt;
    }
    const platform::FileStatus info = platform::status(program->c_str());
    if (info.kind == platform::FileKind::Missing) {
        error = "cannot read " + *program;
        return std::nullopt;
    }
    Sha256 file_key;
    file_key.field(*program);
    file_key.field(std::to_string(info.size));
    file_key.field(std::to_string(info.modified_ns / 1000000000) + "." +
                   std::to_string(info.modified_ns % 1000000000));
    for (std::size_t i = 1; i < version_argv.size(); ++i)
        file_key.field(version_argv[i]);
    file_key.field(extra_state);
    const fs::path file = cache_dir / "compilers" / (file_key.hex_digest() + ".txt");
    std::string identity;
    if (read_file(file, identity) && !identity.empty())
        return identity;

    std::vector<std::string> argv = version_argv;
    argv.front() = *program;
    const ProcessResult result = run_process(argv);
    if (!result.ok()) {
        error = "`" + command_line(argv) + "` failed" +
                (result.started ? " (exit " + std::to_string(result.exit_code) + ")"
                                : ": " + result.error);
        return std::nullopt;
    }
    identity = *program + "\n" + result.out;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    const fs::path temporary =
        file.string() + "." + std::to_string(platform::process_id()) + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary);
        out << identity;
    }
    fs::rename(temporary, file, ec);
    if (ec)
        fs::remove(temporary, ec);
    return identity;
}

} // namespace perry::linker::detail
