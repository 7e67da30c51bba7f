// Helpers of the `perry native pack` tests: running perry with an environment, package.json
// edits, and a binding with a prebuilt archive built through the real build cache.
#pragma once

#include "golden_support.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace perry::cli::test {

struct PerryResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

using Environment = std::vector<std::pair<std::string, std::string>>;

// `perry native <args>` in `cwd`, with `env` added to the environment.
PerryResult run_perry(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                      const Environment& env = {});

// Sets the value at `json_pointer` in <dir>/package.json to `json_value` (JSON text), keeping the
// other keys in their order.
void set_manifest_field(const std::filesystem::path& dir, const std::string& json_pointer,
                        const std::string& json_value);

std::string read_bytes(const std::filesystem::path& file);

// Copies tests/e2e/every-type to `dir`, builds its archive with `perry native validate` (through
// the cache `cache`), and puts it at `dir`/prebuilt/x86_64-unknown-linux-gnu/libevery_type.a.
// Returns that path relative to the package.
std::string every_type_with_prebuilt(const Scratch& scratch, const std::filesystem::path& dir,
                                     const std::filesystem::path& cache);

// The files directly in `dir`, sorted (to show that a refused pack wrote nothing).
std::vector<std::string> files_in(const std::filesystem::path& dir);

} // namespace perry::cli::test
