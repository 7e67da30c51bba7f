// parse_manifest_text's fast path (resolver/src/manifest_fast_path.h) against the full reader it
// stands in for: shared by manifest_fast_path_test.cpp, the corpus tests and the manifest fuzzer.
#pragma once

#include "perry/resolver/manifest.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace perry::testing {

// Whether the fast path reads `text` (true) or leaves it to the full reader (false).
bool fast_path_reads(std::string_view text, const std::filesystem::path& package_dir);

// Empty when the fast path declines `text`, or reads it exactly as the full reader does: every
// field of the result, every function and target, every diagnostic. Otherwise a description of
// the first difference.
std::string fast_path_disagreement(std::string_view text, const std::filesystem::path& package_dir);

} // namespace perry::testing
