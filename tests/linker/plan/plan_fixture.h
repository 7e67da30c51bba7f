// Helpers of the link-plan tests: a package written into a scratch directory and parsed with the
// real manifest reader, and the text a golden file holds (the temp directory shown as $TMP).
#pragma once

#include "perry/linker/link_line.h"
#include "perry/linker/link_plan.h"
#include "test_support.h"

#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker::test {

// Writes `<root>/<dir>/package.json` with `json` and parses it.
PlanPackage write_package(const std::filesystem::path& root, const std::string& dir,
                          const std::string& json);

// `text` with every occurrence of `tmp` replaced by `$TMP`.
std::string scrubbed(std::string text, const std::filesystem::path& tmp);

// Plays the driver: stores `<root>/cache/lib<lib>.a` (or `<lib>.lib`) as the archive of every
// entry to build, as build_binding would.
void pretend_built(LinkPlan& plan, const std::filesystem::path& root);

// The plan, its diagnostics, the line's notes, diagnostics and command, as a golden file holds
// them.
std::string golden_text(const LinkPlan& plan, const LinkLine* line,
                        const std::filesystem::path& tmp);

// The golden file `<name>.txt` of this folder.
std::filesystem::path golden_file(const std::string& name);

} // namespace perry::linker::test
